import Anthropic from "@anthropic-ai/sdk";
import { type AnthropicServer, script, startAnthropicServer } from "@typecall/wire";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let server: AnthropicServer;
let client: Anthropic;

beforeEach(async () => {
  server = await startAnthropicServer({
    model: script([{ text: "Let me look.", calls: [{ name: "f", args: { a: 1 } }] }, { text: "second" }]),
  });
  client = new Anthropic({ apiKey: "test", baseURL: server.url, maxRetries: 0 });
});
afterEach(() => server.close());

const user = { role: "user", content: "hi" };
const calling = (...ids: string[]) => ({
  role: "assistant",
  content: ids.map((id) => ({ type: "tool_use", id, name: "f", input: {} })),
});
const result = (id: string, extra: object = {}) => ({
  type: "tool_result",
  tool_use_id: id,
  content: "ok",
  ...extra,
});
const answering = (...blocks: object[]) => ({ role: "user", content: blocks });
const tool = (extra: object = {}) => ({
  name: "f",
  input_schema: { type: "object", properties: {} },
  ...extra,
});

/** Sends `body` through the real SDK, as is (the cases are wrong on purpose, so untyped). */
function create(body: Record<string, unknown>) {
  return client.messages.create(body as unknown as Anthropic.MessageCreateParamsNonStreaming);
}

describe("startAnthropicServer", () => {
  it("answers with a full Message and records the request", async () => {
    const message = await create({ model: "claude-test", max_tokens: 100, messages: [user] });
    expect(message).toMatchObject({
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-test",
      content: [
        { type: "text", text: "Let me look." },
        { type: "tool_use", id: "toolu_1", name: "f", input: { a: 1 } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    });
    expect(server.requests).toEqual([{ model: "claude-test", max_tokens: 100, messages: [user] }]);
    const second = await create({
      model: "claude-test",
      max_tokens: 100,
      messages: [user, { role: "assistant", content: message.content }, answering(result("toolu_1"))],
    });
    expect(second).toMatchObject({
      id: "msg_2",
      content: [{ type: "text", text: "second" }],
      stop_reason: "end_turn",
    });
  });

  it("shows the model the results of the last user message and the calls they answer", async () => {
    const seen: unknown[] = [];
    await server.close();
    server = await startAnthropicServer({
      model: (view) => {
        seen.push({ results: view.results, calls: view.calls });
        return { text: "done" };
      },
    });
    client = new Anthropic({ apiKey: "test", baseURL: server.url, maxRetries: 0 });
    await create({
      model: "m",
      max_tokens: 10,
      messages: [
        user,
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hm", signature: "sig" },
            { type: "tool_use", id: "a", name: "f", input: { x: 1 } },
            { type: "tool_use", id: "b", name: "g", input: {} },
          ],
        },
        answering(
          result("a", {
            content: [
              { type: "text", text: "one " },
              { type: "text", text: "two" },
            ],
          }),
          result("b", { content: "boom", is_error: true }),
          { type: "text", text: "and now?" },
        ),
      ],
    });
    expect(seen).toEqual([
      {
        results: [
          { callId: "a", name: "f", content: "one two", isError: false },
          { callId: "b", name: "g", content: "boom", isError: true },
        ],
        calls: [
          { name: "f", args: { x: 1 } },
          { name: "g", args: {} },
        ],
      },
    ]);
  });

  const base = { model: "m", max_tokens: 10 };
  it.each([
    ["no max_tokens", { model: "m", messages: [user] }, "max_tokens: Field required"],
    ["no model", { max_tokens: 10, messages: [user] }, "model: Field required"],
    ["no messages", { model: "m", max_tokens: 10 }, "messages: Field required"],
    [
      "a bad role",
      { ...base, messages: [{ role: "system", content: "x" }] },
      "messages.0.role: Input should be",
    ],
    [
      "an empty user message (runToolCalls of a message without calls)",
      { ...base, messages: [user, { role: "assistant", content: "ok" }, answering()] },
      "messages.2: all messages must have non-empty content except for the optional final assistant message",
    ],
    [
      "an unanswered tool_use",
      { ...base, messages: [user, calling("toolu_a", "toolu_b"), answering(result("toolu_a"))] },
      "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_b. " +
        "Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
    ],
    [
      "a tool_use answered only after another message",
      { ...base, messages: [user, calling("toolu_a"), user, answering(result("toolu_a"))] },
      "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_a.",
    ],
    [
      "a tool_use at the end",
      { ...base, messages: [user, calling("toolu_a")] },
      "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_a.",
    ],
    [
      "text before the tool_result blocks",
      {
        ...base,
        messages: [user, calling("toolu_a"), answering({ type: "text", text: "here:" }, result("toolu_a"))],
      },
      "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_a.",
    ],
    [
      "a tool_result for an unknown tool_use_id",
      { ...base, messages: [user, calling("toolu_a"), answering(result("toolu_a"), result("toolu_z"))] },
      "messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_z. " +
        "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
    ],
    [
      "a tool_result with no tool_use before it",
      { ...base, messages: [answering(result("toolu_a"))] },
      "messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_a.",
    ],
    [
      "a tool name with a dot",
      { ...base, messages: [user], tools: [tool({ name: "a.b" })] },
      "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'",
    ],
    [
      "a tool name of 129 characters",
      { ...base, messages: [user], tools: [tool({ name: "x".repeat(129) })] },
      "tools.0.custom.name: String should have at most 128 characters",
    ],
    [
      "two tools of one name",
      { ...base, messages: [user], tools: [tool(), tool()] },
      "tools: Tool names must be unique.",
    ],
    [
      "an input_schema that is no object",
      { ...base, messages: [user], tools: [tool({ input_schema: { type: "string" } })] },
      "tools.0.custom.input_schema.type: Input should be 'object'",
    ],
    [
      "a top-level anyOf",
      { ...base, messages: [user], tools: [tool({ input_schema: { type: "object", anyOf: [] } })] },
      "input_schema does not support oneOf, allOf, or anyOf at the top level",
    ],
    [
      "a strict tool with an open object",
      {
        ...base,
        messages: [user],
        tools: [
          tool({
            strict: true,
            input_schema: {
              type: "object",
              properties: { guest: { type: "object", properties: {} } },
              additionalProperties: false,
            },
          }),
        ],
      },
      "For 'object' type, 'additionalProperties' must be explicitly set to false",
    ],
    [
      "a strict tool with a minimum",
      {
        ...base,
        messages: [user],
        tools: [
          tool({
            strict: true,
            input_schema: {
              type: "object",
              properties: { nights: { type: "integer", minimum: 1 } },
              additionalProperties: false,
            },
          }),
        ],
      },
      "For 'integer' type, property 'minimum' is not supported",
    ],
    [
      "strict tools with 25 optional parameters",
      {
        ...base,
        messages: [user],
        tools: [
          tool({
            strict: true,
            input_schema: {
              type: "object",
              properties: Object.fromEntries(
                Array.from({ length: 25 }, (_, i) => [`p${i}`, { type: "string" }]),
              ),
              additionalProperties: false,
            },
          }),
        ],
      },
      "Schemas contains too many optional parameters (25)",
    ],
  ])(
    "rejects a request with %s as the API does, and the SDK raises BadRequestError",
    async (_case, body, message) => {
      const error = await create(body).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      const apiError = error as InstanceType<typeof Anthropic.BadRequestError>;
      expect(apiError.status).toBe(400);
      expect(apiError.type).toBe("invalid_request_error");
      expect(apiError.apiMessage).toContain(message);
      expect(apiError.error).toEqual({
        type: "error",
        error: { type: "invalid_request_error", message: apiError.apiMessage },
      });
      expect(server.requests).toEqual([]);
      expect(server.errors).toHaveLength(1);
    },
  );

  it("accepts a well-formed tool round: results in any order, text after them, consecutive assistant messages as one turn", async () => {
    await create({
      ...base,
      messages: [
        user,
        { role: "assistant", content: [{ type: "text", text: "paused" }] },
        calling("toolu_a", "toolu_b"),
        answering(result("toolu_b"), result("toolu_a"), { type: "text", text: "go on" }),
      ],
      tools: [
        tool({ strict: true, input_schema: { type: "object", properties: {}, additionalProperties: false } }),
        { type: "web_search_20250305", name: "web_search" },
      ],
    });
    expect(server.errors).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("wants the anthropic-version header the SDK sends", async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      body: JSON.stringify({ ...base, messages: [user] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "anthropic-version: header is required" },
    });
  });

  it("answers 404 elsewhere and 500 when the script has no turn left", async () => {
    const response = await fetch(`${server.url}/v1/complete`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    await create({ ...base, messages: [user] });
    await create({ ...base, messages: [user] });
    const third = await create({ ...base, messages: [user] }).catch((thrown: unknown) => thrown);
    expect(third).toBeInstanceOf(Anthropic.InternalServerError);
    expect((third as Error).message).toContain("no turn left for request #3");
  });
});
