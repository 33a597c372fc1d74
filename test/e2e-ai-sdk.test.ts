/**
 * End to end with the Vercel AI SDK: `generateText` and `streamText` of the real `ai` package, with
 * `@ai-sdk/openai-compatible` talking over HTTP to the local Chat Completions server, run the demo
 * conversation through `toAISDKTools`; the SDK's own loop (`stopWhen`) drives the dispatcher.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { ToolCallError, toAISDKOptions, toAISDKTools } from "@typecall/runtime/ai-sdk";
import { type ChatRequest, type Model, type OpenAIServer, script, startOpenAIServer } from "@typecall/wire";
import { generateText, type StepResult, stepCountIs, streamText, type ToolSet } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_REQUEST, demoModel } from "../examples/quickstart/src/scripted-model.ts";
import { toolset } from "../examples/quickstart/src/tools.typecall.ts";

let server: OpenAIServer | undefined;
afterEach(() => server?.close());

async function start(model: Model<ChatRequest>, includeUsage = false) {
  server = await startOpenAIServer({ model });
  const provider = createOpenAICompatible({
    name: "local",
    baseURL: `${server.url}/v1`,
    apiKey: "test",
    includeUsage,
  });
  return { server, model: provider.chatModel("scripted") };
}

/**
 * Each call's result or error, in call order (`streamText` lists results as they finish): the
 * tool's name and `ok` or the error code.
 */
function outcomesOf<Tools extends ToolSet>(steps: readonly StepResult<Tools>[]): [string, string][] {
  return steps.flatMap((step) =>
    step.toolCalls.map((call): [string, string] => {
      const part = step.content.find(
        (p) => (p.type === "tool-result" || p.type === "tool-error") && p.toolCallId === call.toolCallId,
      );
      if (part?.type !== "tool-error") return [call.toolName, part ? "ok" : "no result"];
      const { error } = part;
      return [call.toolName, error instanceof ToolCallError ? error.outcome.error.code : String(error)];
    }),
  );
}

/** The tool messages of a request, as the model reads them: the call id and the text. */
function toolMessages(request: ChatRequest | undefined): { id: string | undefined; content: unknown }[] {
  return (request?.messages ?? [])
    .filter((message) => message.role === "tool")
    .map((message) => ({ id: message.tool_call_id, content: message.content }));
}

const DEMO_OUTCOMES = [
  ["searchHotels", "ok"],
  ["getWeather", "ok"],
  ["bookRoom", "invalid_arguments"],
  ["bookRoom", "ok"],
  ["cancelBooking", "execution_error"],
];

/** What every run of the demo must show on the wire: the requests, the pairing, the feedback. */
function expectDemoOnTheWire(wire: OpenAIServer): void {
  expect(wire.errors).toEqual([]);
  expect(wire.requests).toHaveLength(4);
  const offered = toolset.schemas("json-schema").map(({ name, description, parameters }) => ({
    type: "function",
    function: { name, description, parameters },
  }));
  for (const request of wire.requests) expect(request.tools).toEqual(offered);
  // Round 2 answers the two parallel calls of the model's second turn, paired by id and in order.
  const [, , third, last] = wire.requests;
  const parallel = third?.messages.findLast((m) => m.role === "assistant")?.tool_calls ?? [];
  expect(parallel.map((call) => call.function.name)).toEqual(["getWeather", "bookRoom"]);
  const round2 = toolMessages(third).slice(1);
  expect(round2.map((message) => message.id)).toEqual(parallel.map((call) => call.id));
  expect(JSON.parse(String(round2[0]?.content))).toEqual({ city: "Paris", temperature: 15, unit: "c" });
  // The model read the dispatcher's feedback word for word, not the SDK's wrapping of it.
  const feedback = String(round2[1]?.content);
  expect(feedback).toMatch(/^Invalid arguments for tool "bookRoom":\n/);
  expect(feedback).toContain('- nights: expected number, received string "two"');
  expect(feedback).toMatch(/Correct these arguments and call "bookRoom" again\.$/);
  const round3 = toolMessages(last).slice(3);
  expect(JSON.parse(String(round3[0]?.content))).toMatchObject({ bookingId: "bk-u7-h-paris-1-2026-12-04" });
  expect(round3[1]?.content).toContain('Booking "bk-old-1" does not exist or was already cancelled.');
}

describe("the Vercel AI SDK with toAISDKTools", () => {
  it("generateText plays the demo: a call, two parallel calls, feedback corrected, a failing tool, the answer", async () => {
    const { server: wire, model } = await start(demoModel());
    const result = await generateText({
      model,
      prompt: DEMO_REQUEST,
      tools: toAISDKTools(toolset, { userId: "u7" }),
      stopWhen: stepCountIs(8),
    });
    expect(outcomesOf(result.steps)).toEqual(DEMO_OUTCOMES);
    expect(result.steps).toHaveLength(4);
    expect(result.finishReason).toBe("stop");
    expect(result.text).toContain("bk-u7-h-paris-1-2026-12-04");
    expectDemoOnTheWire(wire);
    // The tool results carry the tools' values; the corrected booking ran with the caller's context.
    const booking = result.steps[2]?.toolResults.find((r) => r.toolName === "bookRoom");
    expect(booking?.output).toMatchObject({ bookingId: "bk-u7-h-paris-1-2026-12-04", total: 360 });
  });

  it("streamText plays the same demo over a streamed response", async () => {
    const { server: wire, model } = await start(demoModel(), true);
    const result = streamText({
      model,
      prompt: DEMO_REQUEST,
      tools: toAISDKTools(toolset, { userId: "u7" }),
      stopWhen: stepCountIs(8),
    });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    const steps = await result.steps;
    expect(outcomesOf(steps)).toEqual(DEMO_OUTCOMES);
    expect(text).toContain("bk-u7-h-paris-1-2026-12-04");
    expect((await result.totalUsage).totalTokens).toBeGreaterThan(0);
    expect(wire.requests.every((request) => request.stream === true)).toBe(true);
    expectDemoOnTheWire(wire);
  });

  it("stopWhen maps to requests: stepCountIs(2) makes two requests and answers the calls of both", async () => {
    const { server: wire, model } = await start(demoModel());
    const result = await generateText({
      model,
      prompt: DEMO_REQUEST,
      tools: toAISDKTools(toolset, { userId: "u7" }),
      stopWhen: stepCountIs(2),
    });
    expect(wire.requests).toHaveLength(2);
    expect(result.finishReason).toBe("tool-calls");
    expect(outcomesOf(result.steps)).toEqual(DEMO_OUTCOMES.slice(0, 3));
  });

  // The calls the SDK rejects before any tool sees them: a tool name that does not exist, argument
  // text that is not JSON (and text the dispatcher's lenient parsing repairs).
  const rejectedBySdk = () =>
    script<ChatRequest>([
      {
        calls: [
          { name: "bookRom", args: {} },
          { name: "getWeather", args: "city=Paris" },
          { name: "getWeather", args: "{'city': 'Paris', unit: 'f',}" },
        ],
      },
      { text: "Sorry." },
    ]);

  it.each([
    ["generateText", false],
    ["streamText", true],
  ])(
    "%s with toAISDKOptions: an unknown tool and text that is not JSON get the dispatcher's feedback; repairable text runs",
    async (_name, streaming) => {
      const { server: wire, model } = await start(rejectedBySdk());
      const options = {
        model,
        prompt: "Weather in Paris?",
        maxRetries: 0,
        ...toAISDKOptions(toolset, { userId: "u7" }),
      };
      const steps = streaming
        ? await streamText({ ...options, stopWhen: stepCountIs(3) }).steps
        : (await generateText({ ...options, stopWhen: stepCountIs(3) })).steps;
      expect(wire.errors).toEqual([]);
      expect(outcomesOf(steps).map(([, code]) => code)).toEqual([
        // The SDK's own errors, as it records them; the model reads ours (below).
        expect.stringContaining("unavailable tool 'bookRom'"),
        expect.stringContaining("JSON parsing failed"),
        "ok",
      ]);
      expect(steps[0]?.toolResults[0]?.output).toEqual({ city: "Paris", temperature: 59, unit: "f" });
      // What the model read, word for word what the dispatcher answers these calls with.
      const expected = await toolset.dispatchAll(
        [
          { name: "bookRom", arguments: "{}" },
          { name: "getWeather", arguments: "city=Paris" },
          { name: "getWeather", arguments: "{'city': 'Paris', unit: 'f',}" },
        ],
        { userId: "u7" },
      );
      expect(expected.map((outcome) => (outcome.ok ? "ok" : outcome.error.code))).toEqual([
        "unknown_tool",
        "invalid_json",
        "ok",
      ]);
      expect(toolMessages(wire.requests[1]).map((message) => message.content)).toEqual(
        expected.map((outcome) => outcome.content),
      );
    },
  );
});
