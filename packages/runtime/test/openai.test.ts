import { type ChatRequest, type Model, type OpenAIServer, script, startOpenAIServer } from "@typecall/wire";
import OpenAI from "openai";
import type {
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import { runToolCalls, runTools, type ToolMessage, toOpenAITools } from "../src/adapters/openai.ts";
import { type ToolMap, type ToolsetContext, toolset } from "./fixtures/toolset.ts";

const ctx = { userId: "u1" };
let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(model: Model<ChatRequest>): Promise<OpenAI> {
  server = await startOpenAIServer({ model });
  return new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
}

/** The messages that follow the last user message: what the loop added before this request. */
function tail(request: ChatRequest | undefined, from: number): unknown[] {
  return (request?.messages ?? []).slice(from);
}

describe("openai adapter with the real openai client", () => {
  it("runs a conversation: one call, two parallel calls, a wrong call and its correction", async () => {
    const client = await clientFor(
      script<ChatRequest>([
        { calls: [{ name: "getWeather", args: { city: "Paris" } }] },
        ({ results }) => {
          expect(results).toEqual([
            {
              callId: "call_1",
              name: "getWeather",
              content: '{"city":"Paris","unit":"c","temperature":21}',
              isError: undefined,
            },
          ]);
          return {
            calls: [
              { name: "getWeather", args: { city: "Rome", unit: "f" } },
              { name: "whoAmI", args: "" },
            ],
          };
        },
        {
          text: "Booking now.",
          calls: [{ name: "bookRoom", args: { hotelId: "h7", guests: [{ name: "Ada" }], nights: null } }],
        },
        ({ results }) => {
          const [result] = results;
          // The model reads the feedback and fixes exactly what it names.
          expect(result?.content).toContain("- guests[0].email: required string (format: email) is missing");
          return {
            calls: [
              {
                name: "bookRoom",
                args: {
                  hotelId: "h7",
                  guests: [{ name: "Ada", email: "ada@example.com", vip: null }],
                  nights: null,
                },
              },
            ],
          };
        },
        { text: "Booked: BK-h7-1." },
      ]),
    );
    const messages: ChatCompletionMessageParam[] = [
      { role: "user", content: "Weather in Paris and Rome, then book h7." },
    ];
    const steps: string[] = [];
    const result = await runTools(client, { model: "gpt-test", messages }, toolset, {
      ctx,
      maxSteps: 8,
      onStep: (step) =>
        steps.push(step.outcomes.map((o) => (o.ok ? `${o.name}:ok` : `${o.name}:${o.error.code}`)).join(",")),
    });

    expect(result.stopReason).toBe("done");
    expect(result.completion.choices[0]?.message.content).toBe("Booked: BK-h7-1.");
    expect(steps).toEqual([
      "getWeather:ok",
      "getWeather:ok,whoAmI:ok",
      "bookRoom:invalid_arguments",
      "bookRoom:ok",
    ]);
    const requests = server?.requests ?? [];
    expect(requests).toHaveLength(5);
    expect(server?.errors).toEqual([]);
    expect(requests.every((request) => request.model === "gpt-test")).toBe(true);
    expect(requests[0]?.tools).toEqual(toOpenAITools(toolset));

    expect(tail(requests[1], 1)).toEqual([
      {
        role: "assistant",
        content: null,
        refusal: null,
        annotations: [],
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "getWeather", arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"city":"Paris","unit":"c","temperature":21}' },
    ]);
    expect(tail(requests[2], 3)).toMatchObject([
      { role: "assistant", tool_calls: [{ id: "call_2" }, { id: "call_3" }] },
      { role: "tool", tool_call_id: "call_2", content: '{"city":"Rome","unit":"f","temperature":70}' },
      { role: "tool", tool_call_id: "call_3", content: "user u1, call whoAmI#call_3, signal live" },
    ]);
    expect(tail(requests[3], 6)).toEqual([
      expect.objectContaining({
        role: "assistant",
        content: "Booking now.",
        tool_calls: [expect.objectContaining({ id: "call_4" })],
      }),
      {
        role: "tool",
        tool_call_id: "call_4",
        content:
          'Invalid arguments for tool "bookRoom":\n' +
          "- guests[0].email: required string (format: email) is missing\n" +
          'Correct these arguments and call "bookRoom" again.',
      },
    ]);
    expect(tail(requests[4], 8)).toEqual([
      expect.objectContaining({ role: "assistant", tool_calls: [expect.objectContaining({ id: "call_5" })] }),
      {
        role: "tool",
        tool_call_id: "call_5",
        content:
          '{"confirmation":"BK-h7-1","guests":[{"name":"Ada","email":"ada@example.com","vip":false}],"nights":1}',
      },
    ]);
    expect(result.messages).toHaveLength(11);
    expect(result.messages.at(-1)).toMatchObject({ role: "assistant", content: "Booked: BK-h7-1." });
  });

  it("stops after maxSteps requests with every tool call answered", async () => {
    const client = await clientFor(() => ({ calls: [{ name: "getWeather", args: { city: "Oslo" } }] }));
    const result = await runTools(
      client,
      { model: "m", messages: [{ role: "user" as const, content: "loop" }] },
      toolset,
      {
        ctx,
        maxSteps: 2,
      },
    );
    expect(result.stopReason).toBe("max_steps");
    expect(server?.requests).toHaveLength(2);
    expect(result.steps).toHaveLength(2);
    expect(result.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: "call_2" });
  });

  it("stops when onStep returns false", async () => {
    const client = await clientFor(() => ({ calls: [{ name: "whoAmI", args: "{}" }] }));
    const result = await runTools(
      client,
      { model: "m", messages: [{ role: "user", content: "x" }] },
      toolset,
      {
        ctx,
        onStep: () => false,
      },
    );
    expect(result.stopReason).toBe("stopped");
    expect(server?.requests).toHaveLength(1);
  });

  it("runToolCalls answers an SDK message's calls in call order", async () => {
    const client = await clientFor(() => ({
      calls: [
        { name: "nope", args: "{}" },
        { name: "getWeather", args: "{'city': 'Lima'}" },
        { name: "getWeather", args: '{"city":' },
        { name: "getWeather", args: "{}" },
      ],
    }));
    const completion = await client.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: "go" }],
    });
    const message = completion.choices[0]?.message as ChatCompletionMessage;
    const replies = await runToolCalls(toolset, message, ctx);
    expect(replies.map((reply) => reply.tool_call_id)).toEqual(["call_1", "call_2", "call_3", "call_4"]);
    expect(replies[0]?.content).toContain('There is no tool named "nope".');
    expect(replies[1]?.content).toBe('{"city":"Lima","unit":"c","temperature":21}');
    expect(replies[2]?.content).toContain("the text was cut off before the end");
    expect(replies[3]?.content).toContain("- city: required string is missing");
  });

  it("fits the openai SDK's types", () => {
    expectTypeOf(toOpenAITools(toolset)).toExtend<ChatCompletionTool[]>();
    expectTypeOf<ToolMessage>().toExtend<ChatCompletionMessageParam>();
    expectTypeOf<OpenAI>().toExtend<Parameters<typeof runTools>[0]>();
    expectTypeOf<ChatCompletionMessage>().toExtend<Parameters<typeof runToolCalls>[1]>();
  });

  it("gives the SDK's completion back, and a history the SDK takes for the next turn", () => {
    type Run = typeof runTools<OpenAI, ChatCompletionMessageParam, ToolMap, ToolsetContext>;
    type Result = Awaited<ReturnType<Run>>;
    expectTypeOf<Result["completion"]>().toExtend<OpenAI.ChatCompletion>();
    expectTypeOf<Result["messages"]>().toExtend<ChatCompletionMessageParam[]>();
  });
});
