import { type OpenAIServer, script, startOpenAIServer } from "@typecall/wire";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let server: OpenAIServer;

beforeEach(async () => {
  server = await startOpenAIServer({
    model: script([{ calls: [{ name: "f", args: { a: 1 } }] }, { text: "second" }]),
  });
});
afterEach(() => server.close());

async function post(
  body: unknown,
  path = "/v1/chat/completions",
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer whatever" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const user = { role: "user", content: "hi" };
const assistantCalling = (...ids: string[]) => ({
  role: "assistant",
  content: null,
  tool_calls: ids.map((id) => ({ id, type: "function", function: { name: "f", arguments: "{}" } })),
});
/** A `chat.completion.chunk` event, as far as the tests read it. */
interface Chunk {
  object: string;
  id: string;
  usage?: unknown;
  choices: {
    delta: { content?: string; tool_calls?: { function: { arguments: string } }[] };
    finish_reason: string | null;
  }[];
}

const toolReply = (id: string) => ({ role: "tool", tool_call_id: id, content: "ok" });

describe("startOpenAIServer", () => {
  it("answers with a well-formed chat.completion and records the request", async () => {
    const { status, json } = await post({ model: "m1", messages: [user] });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      id: "chatcmpl-1",
      object: "chat.completion",
      model: "m1",
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          message: {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }],
          },
        },
      ],
      usage: {
        prompt_tokens: expect.any(Number),
        completion_tokens: expect.any(Number),
        total_tokens: expect.any(Number),
      },
    });
    expect(server.requests).toEqual([{ model: "m1", messages: [user] }]);
    const second = await post({ model: "m1", messages: [user] });
    expect(second.json).toMatchObject({
      choices: [{ finish_reason: "stop", message: { content: "second" } }],
    });
    expect((second.json as { choices: { message: object }[] }).choices[0]?.message).not.toHaveProperty(
      "tool_calls",
    );
  });

  it.each([
    ["not JSON", "{", null, "We could not parse the JSON body"],
    ["no model", { messages: [user] }, null, "you must provide a model parameter"],
    ["no messages", { model: "m" }, "messages", "Missing required parameter: 'messages'."],
    ["empty messages", { model: "m", messages: [] }, "messages", "empty array"],
    [
      "bad role",
      { model: "m", messages: [{ role: "robot", content: "x" }] },
      "messages[0].role",
      "Invalid value: 'robot'",
    ],
    [
      "stream_options without stream",
      { model: "m", messages: [user], stream_options: { include_usage: true } },
      "stream_options",
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    ],
    [
      "a non-boolean include_usage",
      { model: "m", messages: [user], stream: true, stream_options: { include_usage: "yes" } },
      "stream_options.include_usage",
      "expected a boolean",
    ],
    ["a non-boolean stream", { model: "m", messages: [user], stream: "yes" }, "stream", "expected a boolean"],
    [
      "orphan tool message",
      { model: "m", messages: [user, toolReply("call_9")] },
      "messages.[1].role",
      "must be a response to a preceeding message with 'tool_calls'",
    ],
    [
      "wrong tool_call_id",
      { model: "m", messages: [user, assistantCalling("a"), toolReply("b")] },
      "messages.[2].role",
      "preceeding",
    ],
    [
      "answered twice",
      { model: "m", messages: [user, assistantCalling("a"), toolReply("a"), toolReply("a")] },
      "messages.[3].role",
      "preceeding",
    ],
    [
      "unanswered call",
      { model: "m", messages: [user, assistantCalling("a", "b"), toolReply("a"), user] },
      "messages.[1].role",
      "did not have response messages: b",
    ],
    [
      "unanswered at the end",
      { model: "m", messages: [user, assistantCalling("a")] },
      "messages.[1].role",
      "did not have response messages: a",
    ],
    [
      "tool without type",
      { model: "m", messages: [user], tools: [{ function: { name: "f" } }] },
      "tools[0].type",
      "expected 'function'",
    ],
    [
      "bad tool name",
      { model: "m", messages: [user], tools: [{ type: "function", function: { name: "a b" } }] },
      "tools[0].function.name",
      "does not match pattern",
    ],
  ])("rejects a request with %s with an OpenAI-style 400", async (_case, body, param, message) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    const error = (json as { error: Record<string, unknown> }).error;
    expect(Object.keys(json as object)).toEqual(["error"]);
    expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(error).toMatchObject({
      message: expect.stringContaining(message),
      type: "invalid_request_error",
      param,
    });
    expect(server.requests).toEqual([]);
    expect(server.errors).toHaveLength(1);
  });

  it("accepts a well-formed tool round", async () => {
    const { status } = await post({
      model: "m",
      messages: [user, assistantCalling("a", "b"), toolReply("b"), toolReply("a")],
    });
    expect(status).toBe(200);
  });

  it("answers 404 elsewhere and 500 when the script has no turn left", async () => {
    expect((await post({}, "/v1/responses")).status).toBe(404);
    await post({ model: "m", messages: [user] });
    await post({ model: "m", messages: [user] });
    const third = await post({ model: "m", messages: [user] });
    expect(third).toMatchObject({
      status: 500,
      json: { error: { message: expect.stringContaining("no turn left for request #3") } },
    });
  });

  it("streams chat.completion.chunk events the real SDK reads back into the same calls and text", async () => {
    const client = new OpenAI({ apiKey: "k", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const params = { model: "m", messages: [user as OpenAI.ChatCompletionMessageParam] };
    const first = await client.chat.completions
      .stream({ ...params, stream_options: { include_usage: true } })
      .finalChatCompletion();
    expect(first.choices[0]).toMatchObject({
      finish_reason: "tool_calls",
      message: {
        tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }],
      },
    });
    expect(first.usage?.total_tokens).toBeGreaterThan(0);
    const second = await client.chat.completions.stream(params).finalChatCompletion();
    expect(second.choices[0]).toMatchObject({ finish_reason: "stop", message: { content: "second" } });
    expect(server.requests.map((request) => request.stream)).toEqual([true, true]);
    expect(server.errors).toEqual([]);
  });

  it("streams as the API does: role first, argument deltas by index, usage last only when asked, then [DONE]", async () => {
    const events = async (body: object) => {
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.headers.get("content-type")).toBe("text/event-stream");
      const text = await response.text();
      expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
      return text
        .split("\n\n")
        .filter((event) => event.startsWith("data: {"))
        .map((event) => JSON.parse(event.slice("data: ".length)) as Chunk);
    };
    const withUsage = await events({
      model: "m",
      messages: [user],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(
      withUsage.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.id === "chatcmpl-1"),
    ).toBe(true);
    expect(withUsage[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "", refusal: null });
    const deltas = withUsage.flatMap((chunk) => chunk.choices.flatMap((c) => c.delta.tool_calls ?? []));
    expect(deltas[0]).toEqual({
      index: 0,
      id: "call_1",
      type: "function",
      function: { name: "f", arguments: "" },
    });
    expect(deltas.map((d) => d.function.arguments).join("")).toBe('{"a":1}');
    expect(withUsage.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: "tool_calls" });
    expect(withUsage.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
    expect(withUsage.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);

    const plain = await events({ model: "m", messages: [user], stream: true });
    expect(plain.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("second");
    expect(plain.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(plain.some((chunk) => "usage" in chunk)).toBe(false);
  });

  it("surfaces as the real SDK's error classes", async () => {
    const client = new OpenAI({ apiKey: "k", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const request = client.chat.completions.create({
      model: "m",
      messages: [
        user as OpenAI.ChatCompletionMessageParam,
        toolReply("x") as OpenAI.ChatCompletionMessageParam,
      ],
    });
    await expect(request).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
