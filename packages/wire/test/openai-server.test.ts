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
    ["streaming", { model: "m", messages: [user], stream: true }, "stream", "does not stream"],
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
