/**
 * End to end, as the quick start runs: the real `openai` client talks over HTTP to a local server
 * speaking the Chat Completions wire format, and the generated dispatcher answers the tool calls.
 */
import { runTools, toOpenAITools } from "@typecall/runtime/openai";
import { startOpenAIServer } from "@typecall/wire";
import OpenAI from "openai";
import { afterEach, expect, it } from "vitest";
import { DEMO_REQUEST, demoModel } from "../examples/quickstart/src/scripted-model.ts";
import { toolset } from "../examples/quickstart/src/tools.typecall.ts";

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

it("plays the quick start: a call, two parallel calls, an error fed back and corrected, a failing tool, the answer", async () => {
  const server = await startOpenAIServer({ model: demoModel() });
  close = server.close;
  const client = new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
  const result = await runTools(
    client,
    { model: "scripted", messages: [{ role: "user", content: DEMO_REQUEST }] },
    toolset,
    { ctx: { userId: "u7" }, maxSteps: 8 },
  );

  expect(result.stopReason).toBe("done");
  expect(server.errors).toEqual([]);
  expect(server.requests).toHaveLength(4);
  // Every request offered the generated OpenAI tools, exactly.
  for (const request of server.requests) expect(request.tools).toEqual(toOpenAITools(toolset));

  const outcomes = result.steps.flatMap((s) => s.outcomes.map((o) => [o.name, o.ok ? "ok" : o.error.code]));
  expect(outcomes).toEqual([
    ["searchHotels", "ok"],
    ["getWeather", "ok"],
    ["bookRoom", "invalid_arguments"],
    ["bookRoom", "ok"],
    ["cancelBooking", "execution_error"],
  ]);
  // The model saw the precise error on the wire, answering the right call id.
  const third = server.requests[2];
  const bookingCall = third?.messages.at(-3)?.tool_calls?.find((c) => c.function.name === "bookRoom");
  const feedback = third?.messages.find((m) => m.role === "tool" && m.tool_call_id === bookingCall?.id);
  expect(feedback?.content).toContain('nights: expected number, received string "two"');
  // The context came from the app: the booking id carries the caller's user id.
  expect(result.completion.choices[0]?.message.content).toContain("bk-u7-h-paris-1-2026-12-04");
});
