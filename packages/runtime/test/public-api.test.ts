import * as root from "@typecall/runtime";
import * as aiSdk from "@typecall/runtime/ai-sdk";
import * as anthropic from "@typecall/runtime/anthropic";
import * as gemini from "@typecall/runtime/gemini";
import * as internal from "@typecall/runtime/internal";
import * as mcp from "@typecall/runtime/mcp";
import * as openai from "@typecall/runtime/openai";
import * as openaiResponses from "@typecall/runtime/openai-responses";
import * as otel from "@typecall/runtime/otel";
import { describe, expect, it } from "vitest";

// A change here is a change of the published surface: make it on purpose.
describe("public API", () => {
  it("@typecall/runtime", () => {
    expect(Object.keys(root).sort()).toEqual([
      "DEFAULTS",
      "combineToolsets",
      "createToolset",
      "parseArguments",
    ]);
  });

  it("@typecall/runtime/internal", () => {
    expect(Object.keys(internal).sort()).toEqual([
      "_array",
      "_begin",
      "_boolean",
      "_codePoints",
      "_copy",
      "_default",
      "_entries",
      "_fail",
      "_fits",
      "_integer",
      "_is",
      "_isFormat",
      "_isObject",
      "_isUniqueItems",
      "_joinKey",
      "_mcpOutputSchema",
      "_nest",
      "_number",
      "_numberIn",
      "_object",
      "_optional",
      "_others",
      "_othersFit",
      "_ownValue",
      "_positions",
      "_prop",
      "_union",
      "_unknownKeys",
      "_validatorOf",
      "_verdict",
    ]);
  });

  it("@typecall/runtime/openai", () => {
    expect(Object.keys(openai).sort()).toEqual([
      "runToolCalls",
      "runTools",
      "toOpenAITools",
      "toToolMessage",
      "toolCallsOf",
    ]);
  });

  it("@typecall/runtime/mcp", () => {
    expect(Object.keys(mcp).sort()).toEqual([
      "createMcpServer",
      "elicitApproval",
      "serveMcp",
      "toCallToolResult",
    ]);
  });

  it("@typecall/runtime/anthropic", () => {
    expect(Object.keys(anthropic).sort()).toEqual([
      "runToolCalls",
      "runTools",
      "toAnthropicTools",
      "toToolResult",
      "toolCallsOf",
    ]);
  });

  it("@typecall/runtime/gemini", () => {
    expect(Object.keys(gemini).sort()).toEqual([
      "runToolCalls",
      "runTools",
      "toFunctionResponseContent",
      "toFunctionResponsePart",
      "toGeminiTools",
      "toolCallsOf",
    ]);
  });

  it("@typecall/runtime/openai-responses", () => {
    expect(Object.keys(openaiResponses).sort()).toEqual([
      "runToolCalls",
      "runTools",
      "toFunctionCallOutput",
      "toResponsesTools",
      "toolCallsOf",
    ]);
  });

  it("@typecall/runtime/ai-sdk", () => {
    expect(Object.keys(aiSdk).sort()).toEqual(["ToolCallError", "toAISDKOptions", "toAISDKTools"]);
  });

  it("@typecall/runtime/otel", () => {
    expect(Object.keys(otel).sort()).toEqual(["otelHooks"]);
  });
});
