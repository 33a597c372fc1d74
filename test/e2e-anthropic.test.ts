/**
 * End to end, as the Anthropic example runs: the real `@anthropic-ai/sdk` client talks over HTTP
 * to a local server speaking the Messages wire format, and the generated dispatcher answers the
 * `tool_use` blocks.
 */
import Anthropic from "@anthropic-ai/sdk";
import { runTools, toAnthropicTools } from "@typecall/runtime/anthropic";
import { type AnthropicBlock, type AnthropicServer, startAnthropicServer } from "@typecall/wire";
import { afterEach, expect, it } from "vitest";
import { DEMO_REQUEST, demoModel } from "../examples/quickstart/src/scripted-model.ts";
import { toolset } from "../examples/quickstart/src/tools.typecall.ts";

let server: AnthropicServer | undefined;
afterEach(() => server?.close());

async function demoClient(): Promise<Anthropic> {
  server = await startAnthropicServer({ model: demoModel() });
  return new Anthropic({ apiKey: "test", baseURL: server.url, maxRetries: 0 });
}

const params = {
  model: "scripted",
  max_tokens: 1024,
  messages: [{ role: "user" as const, content: DEMO_REQUEST }],
};

it("plays the demo: a call, two parallel calls, an error fed back and corrected, a failing tool, the answer", async () => {
  const client = await demoClient();
  const result = await runTools(client, params, toolset, { ctx: { userId: "u7" }, maxSteps: 8 });

  expect(result.stopReason).toBe("done");
  expect(server?.errors).toEqual([]);
  const requests = server?.requests ?? [];
  expect(requests).toHaveLength(4);
  // Every request offered the generated Anthropic tools, exactly.
  for (const request of requests) expect(request.tools).toEqual(toAnthropicTools(toolset));

  const outcomes = result.steps.flatMap((s) => s.outcomes.map((o) => [o.name, o.ok ? "ok" : o.error.code]));
  expect(outcomes).toEqual([
    ["searchHotels", "ok"],
    ["getWeather", "ok"],
    ["bookRoom", "invalid_arguments"],
    ["bookRoom", "ok"],
    ["cancelBooking", "execution_error"],
  ]);
  // Each round's results came back as one user message: tool_result blocks only, answering the
  // calls of the assistant message before it in order, flagged exactly where a call failed.
  const rounds = requests.slice(1).map(({ messages }) => {
    const [calls, results] = messages.slice(-2).map((message) => message.content as AnthropicBlock[]);
    const blocks = results ?? [];
    expect(messages.at(-1)?.role).toBe("user");
    expect(blocks.map((b) => b.type)).toEqual(blocks.map(() => "tool_result"));
    const ids = calls?.filter((b) => b.type === "tool_use").map((b) => b.id);
    expect(blocks.map((b) => b.tool_use_id)).toEqual(ids);
    return blocks;
  });
  expect(rounds.flat().map((b) => b.is_error)).toEqual([undefined, undefined, true, undefined, true]);
  // The model read the precise error, and the tool's own message when it threw.
  expect(rounds[1]?.[1]?.content).toContain('nights: expected number, received string "two"');
  expect(rounds[2]?.[1]?.content).toContain('Booking "bk-old-1" does not exist or was already cancelled.');
  // The context came from the app: the booking id carries the caller's user id.
  const [answer] = result.message.content as { type: string; text?: string }[];
  expect(answer?.text).toContain("bk-u7-h-paris-1-2026-12-04");
  // The history is ready for the next turn: the server takes it as it is.
  expect(result.messages).toHaveLength(8);
  expect(result.messages.at(-1)).toEqual({ role: "assistant", content: result.message.content });
});

it("stops at maxSteps with every tool_use answered, so the history is valid for the next request", async () => {
  const client = await demoClient();
  const result = await runTools(client, params, toolset, { ctx: { userId: "u7" }, maxSteps: 2 });
  expect(result.stopReason).toBe("max_steps");
  expect(result.steps.map((step) => step.calls.length)).toEqual([1, 2]);
  // The next request, from the history as it is, is accepted and the script goes on.
  const next = await client.messages.create({
    ...params,
    messages: result.messages,
    tools: toAnthropicTools(toolset),
  });
  expect(server?.errors).toEqual([]);
  expect(next.stop_reason).toBe("tool_use");
});

it("stops when onStep returns false, after the round's results are in the history", async () => {
  const client = await demoClient();
  const seen: string[] = [];
  const result = await runTools(client, params, toolset, {
    ctx: { userId: "u9" },
    onStep: (step) => {
      seen.push(...step.outcomes.map((o) => o.name));
      return step.outcomes.every((o) => o.ok);
    },
  });
  expect(result.stopReason).toBe("stopped");
  expect(seen).toEqual(["searchHotels", "getWeather", "bookRoom"]);
  expect(server?.requests).toHaveLength(2);
  expect(result.messages.at(-1)).toMatchObject({
    role: "user",
    content: [{ tool_use_id: "toolu_2" }, { tool_use_id: "toolu_3", is_error: true }],
  });
});
