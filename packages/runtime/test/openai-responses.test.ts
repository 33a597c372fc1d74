import {
  type Model,
  type ResponsesRequest,
  type ResponsesServer,
  script,
  startResponsesServer,
} from "@typecall/wire";
import OpenAI from "openai";
import type { FunctionTool, Response, ResponseInputItem } from "openai/resources/responses/responses";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type ToolMap,
  type ToolsetContext,
  toolset,
} from "../../../examples/quickstart/src/tools.typecall.ts";
import {
  type FunctionCallOutput,
  runToolCalls,
  runTools,
  toolCallsOf,
  toResponsesTools,
} from "../src/adapters/openai-responses.ts";

const ctx = { userId: "u1" };
let server: ResponsesServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(model: Model<ResponsesRequest>): Promise<OpenAI> {
  server = await startResponsesServer({ model });
  return new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
}

describe("openai-responses adapter with the real openai client", () => {
  it("gives flat function tools with strict always stated", () => {
    const tools = toResponsesTools(toolset);
    expect(tools.map((tool) => [tool.name, tool.strict])).toEqual(
      toolset.schemas("openai-responses").map((tool) => [tool.name, tool.strict]),
    );
    for (const tool of tools) {
      expect(Object.keys(tool).sort()).toEqual(["description", "name", "parameters", "strict", "type"]);
      expect(tool.type).toBe("function");
    }
  });

  it("reads only the function_call items of an output, with their call ids, in order", () => {
    const calls = toolCallsOf({
      output: [
        { type: "reasoning" },
        { type: "function_call", id: "fc_9", call_id: "call_a", name: "getWeather", arguments: "{}" },
        { type: "message" },
        { type: "custom_tool_call" },
        {
          type: "function_call",
          id: "fc_8",
          call_id: "call_b",
          name: "searchHotels",
          arguments: '{"city":"Oslo"}',
        },
      ] as Response["output"],
    });
    expect(calls).toEqual([
      { id: "call_a", name: "getWeather", arguments: "{}" },
      { id: "call_b", name: "searchHotels", arguments: '{"city":"Oslo"}' },
    ]);
  });

  it("runToolCalls answers an SDK response's calls in call order, failures as feedback text", async () => {
    const client = await clientFor(() => ({
      calls: [
        { name: "nope", args: "{}" },
        { name: "getWeather", args: "{'city': 'Lima'}" },
        { name: "getWeather", args: '{"city":' },
        { name: "cancelBooking", args: { bookingId: "bk-x", reason: null } },
      ],
    }));
    const response = await client.responses.create({ model: "m", input: "go" });
    const outputs = await runToolCalls(toolset, response, ctx);
    expect(outputs.map((o) => [o.type, o.call_id])).toEqual([
      ["function_call_output", "call_1"],
      ["function_call_output", "call_2"],
      ["function_call_output", "call_3"],
      ["function_call_output", "call_4"],
    ]);
    expect(outputs[0]?.output).toContain('There is no tool named "nope".');
    expect(outputs[1]?.output).toBe('{"city":"Lima","temperature":12,"unit":"c"}');
    expect(outputs[2]?.output).toContain("the text was cut off before the end");
    expect(outputs[3]?.output).toContain('Booking "bk-x" does not exist or was already cancelled.');
  });

  it("keeps the request's parameters on every request, and its own tools when given", async () => {
    const client = await clientFor(({ results }) =>
      results.length === 0
        ? { calls: [{ name: "getWeather", args: { city: "Rome", unit: "f" } }] }
        : { text: "70" },
    );
    const tools = toResponsesTools(toolset).filter((tool) => tool.name === "getWeather");
    const input: ResponseInputItem[] = [
      { role: "developer", content: "Be brief." },
      { role: "user", content: "Rome?" },
    ];
    const result = await runTools(
      client,
      { model: "gpt-test", instructions: "Answer in degrees.", input, tools },
      toolset,
      { ctx },
    );
    expect(result.response.output_text).toBe("70");
    for (const request of server?.requests ?? []) {
      expect(request).toMatchObject({ model: "gpt-test", instructions: "Answer in degrees.", tools });
    }
    expect(server?.requests[0]?.input).toEqual(input);
    // The history starts with the request's own items, unchanged.
    expect(result.messages.slice(0, 2)).toEqual(input);
    expect(result.messages.at(-3)).toEqual({
      type: "function_call_output",
      call_id: "call_1",
      output: '{"city":"Rome","temperature":54,"unit":"f"}',
    });
  });

  it("continues a conversation the caller started with previous_response_id", async () => {
    const client = await clientFor(
      script([
        { text: "Hello! How can I help?" },
        { calls: [{ name: "getWeather", args: { city: "Oslo", unit: null } }] },
        { text: "cold" },
      ]),
    );
    const earlier = await client.responses.create({ model: "m", input: "Hello" });
    server?.requests.splice(0);
    const result = await runTools(
      client,
      { model: "m", previous_response_id: earlier.id, input: "Weather in Oslo?" },
      toolset,
      { ctx },
    );
    expect(server?.requests.map((r) => r.previous_response_id)).toEqual([earlier.id, "resp_2"]);
    expect(result.messages[0]).toEqual({ role: "user", content: "Weather in Oslo?" });
    expect(server?.errors).toEqual([]);
  });

  it("at maxSteps in the default mode, answers the last calls in messages without sending them", async () => {
    const client = await clientFor(() => ({
      calls: [{ name: "getWeather", args: { city: "Oslo", unit: "c" } }],
    }));
    const result = await runTools(client, { model: "m", input: "loop" }, toolset, { ctx, maxSteps: 3 });
    expect(result.stopReason).toBe("max_steps");
    expect(server?.requests).toHaveLength(3);
    expect(result.steps.map((step) => step.response.id)).toEqual(["resp_1", "resp_2", "resp_3"]);
    expect(result.messages.at(-1)).toMatchObject({ type: "function_call_output", call_id: "call_3" });
  });

  it("fits the openai SDK's types", () => {
    expectTypeOf(toResponsesTools(toolset)).toExtend<FunctionTool[]>();
    expectTypeOf<FunctionCallOutput>().toExtend<ResponseInputItem>();
    expectTypeOf<OpenAI>().toExtend<Parameters<typeof runTools>[0]>();
    expectTypeOf<Response>().toExtend<Parameters<typeof runToolCalls>[1]>();
  });

  it("gives the SDK's response back, and the history in the SDK's output item types", () => {
    type Result = Awaited<
      ReturnType<typeof runTools<OpenAI, { model: string; input: string }, ToolMap, ToolsetContext>>
    >;
    expectTypeOf<Result["response"]>().toExtend<Response>();
    expectTypeOf<Result["messages"][number]>().toExtend<
      Response["output"][number] | FunctionCallOutput | { role: "user"; content: string }
    >();
  });
});
