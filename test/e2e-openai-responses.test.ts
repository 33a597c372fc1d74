/**
 * End to end on the Responses API: the real `openai` client's `responses.create` talks over HTTP
 * to a local server speaking the Responses wire format, and the generated dispatcher answers the
 * function calls. Both ways of continuing a conversation: `previous_response_id` (the server
 * keeps the history) and `store: false` (the client sends it all, reasoning items included).
 */
import { runTools, toResponsesTools } from "@typecall/runtime/openai-responses";
import { type ResponsesItem, type ResponsesServer, startResponsesServer } from "@typecall/wire";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_REQUEST, demoModel } from "../examples/quickstart/src/scripted-model.ts";
import { toolset } from "../examples/quickstart/src/tools.typecall.ts";

/** The server of the latest {@link demoClient}. */
let server: ResponsesServer | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function demoClient(): Promise<OpenAI> {
  server = await startResponsesServer({ model: demoModel() });
  closers.push(server.close);
  return new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
}

/** Each item as `type call_id` (or `type id`, or `role`), to read a request's input at a glance. */
function outline(input: string | readonly unknown[] | undefined): string[] {
  if (typeof input === "string") return [`text ${input.slice(0, 10)}`];
  return ((input ?? []) as readonly ResponsesItem[]).map((item) => {
    if (item.type === "function_call" || item.type === "function_call_output")
      return `${item.type} ${item.call_id}`;
    return item.type === undefined ? `${item.role}` : `${item.type} ${item.id}`;
  });
}

const expectedOutcomes = [
  ["searchHotels", "ok"],
  ["getWeather", "ok"],
  ["bookRoom", "invalid_arguments"],
  ["bookRoom", "ok"],
  ["cancelBooking", "execution_error"],
];

describe.each([
  ["previous_response_id", {}],
  ["store: false", { store: false, include: ["reasoning.encrypted_content" as const] }],
])("the quick start on the Responses API (%s)", (mode, extra) => {
  it("plays the demo: a call, two parallel calls, an error fed back and corrected, a failing tool, the answer", async () => {
    const client = await demoClient();
    const result = await runTools(client, { model: "scripted", input: DEMO_REQUEST, ...extra }, toolset, {
      ctx: { userId: "u7" },
      maxSteps: 8,
    });

    expect(result.stopReason).toBe("done");
    expect(server?.errors).toEqual([]);
    const requests = server?.requests ?? [];
    expect(requests).toHaveLength(4);
    for (const request of requests) expect(request.tools).toEqual(toResponsesTools(toolset));
    const outcomes = result.steps.flatMap((s) => s.outcomes.map((o) => [o.name, o.ok ? "ok" : o.error.code]));
    expect(outcomes).toEqual(expectedOutcomes);

    // The feedback reached the model as the output of the wrong call, under its call id.
    const third = requests[2]?.input as ResponsesItem[] | undefined;
    const feedback = third?.find((item) => item.type === "function_call_output" && item.call_id === "call_3");
    expect(feedback?.output).toContain('nights: expected number, received string "two"');
    expect(result.response.output_text).toContain("bk-u7-h-paris-1-2026-12-04");
    expect(result.response.id).toBe("resp_4");

    // The whole history, in both modes: the input, each response's items, the outputs in call order.
    expect(outline(result.messages)).toEqual([
      "user",
      "reasoning rs_1",
      "function_call call_1",
      "function_call_output call_1",
      "reasoning rs_2",
      "function_call call_2",
      "function_call call_3",
      "function_call_output call_2",
      "function_call_output call_3",
      "reasoning rs_3",
      "function_call call_4",
      "function_call call_5",
      "function_call_output call_4",
      "function_call_output call_5",
      "reasoning rs_4",
      "message msg_1",
    ]);

    if (mode === "previous_response_id") {
      // Each later request continues the last response and carries only the new outputs.
      expect(requests.map((r) => r.previous_response_id)).toEqual([undefined, "resp_1", "resp_2", "resp_3"]);
      expect(outline(requests[0]?.input)).toEqual(["user"]);
      expect(outline(requests[1]?.input)).toEqual(["function_call_output call_1"]);
      expect(outline(requests[2]?.input)).toEqual([
        "function_call_output call_2",
        "function_call_output call_3",
      ]);
      expect(outline(requests[3]?.input)).toEqual([
        "function_call_output call_4",
        "function_call_output call_5",
      ]);
    } else {
      // Nothing is stored: each request carries the whole history so far, items unchanged.
      for (const request of requests) {
        expect(request.previous_response_id).toBeUndefined();
        expect(request.store).toBe(false);
      }
      expect(requests.map((r) => outline(r.input))).toEqual(
        [1, 4, 9, 14].map((n) => outline(result.messages.slice(0, n))),
      );
      const replayed = (requests[3]?.input as ResponsesItem[] | undefined)?.[1];
      expect(replayed).toEqual({ id: "rs_1", type: "reasoning", summary: [], encrypted_content: "enc:rs_1" });
    }
  });

  it("stops after maxSteps requests, and when onStep says stop, with every call answered in messages", async () => {
    const client = await demoClient();
    const params = { model: "scripted", input: DEMO_REQUEST, ...extra };
    const limited = await runTools(client, params, toolset, { ctx: { userId: "u7" }, maxSteps: 2 });
    expect(limited.stopReason).toBe("max_steps");
    expect(server?.requests).toHaveLength(2);
    expect(outline(limited.messages.slice(-2))).toEqual([
      "function_call_output call_2",
      "function_call_output call_3",
    ]);
    // The history goes on with a next turn: the server accepts it as the real API would.
    const next = await client.responses.create({
      model: "scripted",
      tools: toResponsesTools(toolset),
      ...(mode === "previous_response_id"
        ? { previous_response_id: limited.response.id, input: limited.messages.slice(-2) }
        : { ...extra, input: limited.messages }),
      // The SDK's own output item types are not all input item types (a computer call output's
      // status may be "failed"): the cast is the SDK's, whatever the adapter says.
    } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    expect(next.output.filter((item) => item.type === "function_call").map((c) => c.name)).toEqual([
      "bookRoom",
      "cancelBooking",
    ]);
    expect(server?.errors).toEqual([]);

    const stopped = await runTools(await demoClient(), params, toolset, {
      ctx: { userId: "u7" },
      onStep: () => false,
    });
    expect(stopped.stopReason).toBe("stopped");
    expect(stopped.steps).toHaveLength(1);
    expect(server?.requests).toHaveLength(1);
  });
});

it("carries the context of the caller into the tools", async () => {
  const client = await demoClient();
  const result = await runTools(client, { model: "scripted", input: DEMO_REQUEST }, toolset, {
    ctx: { userId: "someone-else" },
  });
  expect(result.response.output_text).toContain("bk-someone-else-h-paris-1-2026-12-04");
});

describe("the quick start on the Responses API (a conversation of the Conversations API)", () => {
  it("plays the demo, each later request sending only the new outputs to the conversation", async () => {
    const client = await demoClient();
    const conversation = await client.conversations.create({});
    const result = await runTools(
      client,
      { model: "scripted", input: DEMO_REQUEST, conversation: conversation.id },
      toolset,
      { ctx: { userId: "u7" } },
    );
    expect(server?.errors).toEqual([]);
    expect(result.stopReason).toBe("done");
    const outcomes = result.steps.flatMap((s) => s.outcomes.map((o) => [o.name, o.ok ? "ok" : o.error.code]));
    expect(outcomes).toEqual(expectedOutcomes);
    const requests = server?.requests ?? [];
    expect(requests.map((request) => request.previous_response_id)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(outline(requests[1]?.input)).toEqual(["function_call_output call_1"]);
    expect(result.response.output_text).toContain("bk-u7-h-paris-1-2026-12-04");
  });
});
