import {
  type ModelView,
  type ResponsesItem,
  type ResponsesRequest,
  type ResponsesServer,
  script,
  startResponsesServer,
  type WireError,
} from "@typecall/wire";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let server: ResponsesServer;
const views: ModelView<ResponsesRequest>[] = [];

beforeEach(async () => {
  views.length = 0;
  const turns = [
    {
      calls: [
        { name: "f", args: { a: 1 } },
        { name: "g", args: "{'b': 2}" },
      ],
    },
    { text: "second" },
    { text: "third" },
  ];
  const model = script<ResponsesRequest>(turns);
  server = await startResponsesServer({
    model: (view) => {
      views.push(view);
      return model(view);
    },
  });
});
afterEach(() => server.close());

/** An answer's body, as the tests read it: a response, or an error. */
type Body = { id: string; output: ResponsesItem[]; error: WireError } & Record<string, unknown>;

async function post(body: unknown, path = "/v1/responses"): Promise<{ status: number; json: Body }> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer whatever" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Body };
}

const user = { role: "user", content: "hi" };
const output = (callId: string) => ({ type: "function_call_output", call_id: callId, output: "ok" });
const tool = (extra: Record<string, unknown>) => ({
  type: "function",
  name: "f",
  description: "",
  parameters: { type: "object", properties: {}, required: [], additionalProperties: false },
  strict: true,
  ...extra,
});

/** The first response: a reasoning item and two function calls (call_1, call_2). */
async function calling(
  extra: Record<string, unknown> = {},
): Promise<{ id: string; output: ResponsesItem[] }> {
  const { status, json } = await post({ model: "m", input: [user], ...extra });
  expect(status).toBe(200);
  return json;
}

describe("startResponsesServer", () => {
  it("answers with a well-formed response: a reasoning item before the function calls", async () => {
    const json = await calling();
    expect(json).toMatchObject({
      id: "resp_1",
      object: "response",
      status: "completed",
      model: "m",
      error: null,
      output: [
        { id: "rs_1", type: "reasoning", summary: [] },
        {
          id: "fc_1",
          type: "function_call",
          status: "completed",
          call_id: "call_1",
          name: "f",
          arguments: '{"a":1}',
        },
        {
          id: "fc_2",
          type: "function_call",
          status: "completed",
          call_id: "call_2",
          name: "g",
          arguments: "{'b': 2}",
        },
      ],
      usage: {
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        total_tokens: expect.any(Number),
      },
    });
    // The API does not send `output_text`: the SDK computes it.
    expect(json).not.toHaveProperty("output_text");
    expect(json.output[0]).not.toHaveProperty("encrypted_content");
    expect(server.requests).toEqual([{ model: "m", input: [user] }]);
  });

  it("continues a stored response; the model reads the outputs under their calls' names", async () => {
    const first = await calling();
    const { status, json } = await post({
      model: "m",
      previous_response_id: first.id,
      input: [output("call_2"), output("call_1")],
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      id: "resp_2",
      previous_response_id: "resp_1",
      output: [
        { type: "reasoning" },
        {
          id: "msg_1",
          type: "message",
          role: "assistant",
          content: [{ type: "output_text", text: "second" }],
        },
      ],
    });
    expect(views[1]?.results).toEqual([
      { callId: "call_2", name: "g", content: "ok", isError: undefined },
      { callId: "call_1", name: "f", content: "ok", isError: undefined },
    ]);
    expect(views[1]?.calls).toEqual([
      { name: "f", args: { a: 1 } },
      { name: "g", args: "{'b': 2}" },
    ]);
  });

  it("takes the whole history statelessly, reasoning replayed with its encrypted content", async () => {
    const first = await calling({ store: false, include: ["reasoning.encrypted_content"] });
    expect(first.output[0]).toEqual({
      id: "rs_1",
      type: "reasoning",
      summary: [],
      encrypted_content: "enc:rs_1",
    });
    const input = [user, ...first.output, output("call_1"), output("call_2")];
    const { status } = await post({ model: "m", store: false, input });
    expect(status).toBe(200);
    expect(views[1]?.results.map((r) => r.name)).toEqual(["f", "g"]);
    // Nothing was stored: the stateless response cannot be continued.
    const again = await post({ model: "m", previous_response_id: first.id, input: [output("call_1")] });
    expect(again.json.error.code).toBe("previous_response_not_found");
  });

  it.each([
    ["not JSON", "{", null, "We could not parse the JSON body"],
    ["no model", { input: "x" }, "model", "Missing required parameter: 'model'."],
    ["streaming", { model: "m", input: "x", stream: true }, "stream", "does not stream"],
    ["an input of the wrong type", { model: "m", input: 3 }, "input", "Invalid type for 'input'"],
    [
      "an unknown item type",
      { model: "m", input: [{ type: "robot" }] },
      "input[0].type",
      "Invalid value: 'robot'",
    ],
    [
      "an output without call_id",
      { model: "m", input: [user, { type: "function_call_output", output: "x" }] },
      "input[1].call_id",
      "Missing required parameter: 'input[1].call_id'.",
    ],
    [
      "a call_id over 64 characters",
      { model: "m", input: [user, output("c".repeat(65))] },
      "input[1].call_id",
      "string too long. Expected a string with maximum length 64",
    ],
    [
      "an output answering no call",
      { model: "m", input: [user, output("call_9")] },
      "input",
      "No tool call found for function call output with call_id call_9.",
    ],
    [
      "a call left unanswered",
      {
        model: "m",
        input: [user, { type: "function_call", call_id: "c1", name: "f", arguments: "{}" }, user],
      },
      "input",
      "No tool output found for function call c1.",
    ],
    [
      "a tool of another type",
      { model: "m", input: "x", tools: [tool({ type: "robot" })] },
      "tools[0].type",
      "Invalid value: 'robot'",
    ],
    [
      "a bad tool name",
      { model: "m", input: "x", tools: [tool({ name: "a b" })] },
      "tools[0].name",
      "does not match pattern",
    ],
    [
      "a tool name over 64 characters",
      { model: "m", input: "x", tools: [tool({ name: "n".repeat(65) })] },
      "tools[0].name",
      "string too long",
    ],
    [
      "parameters that are not an object",
      { model: "m", input: "x", tools: [tool({ parameters: "{}" })] },
      "tools[0].parameters",
      "expected an object, but got a string instead",
    ],
    [
      "a strict schema whose root is not an object",
      { model: "m", input: "x", tools: [tool({ parameters: { type: "string" } })] },
      "tools[0].parameters",
      `Invalid schema for function 'f': schema must be a JSON Schema of 'type: "object"', got 'type: "string"'.`,
    ],
    [
      "a strict schema without additionalProperties: false",
      {
        model: "m",
        input: "x",
        tools: [tool({ parameters: { type: "object", properties: {}, required: [] } })],
      },
      "tools[0].parameters",
      "Invalid schema for function 'f': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    ],
    [
      "a strict schema with an optional nested property",
      {
        model: "m",
        input: "x",
        tools: [
          tool({
            parameters: {
              type: "object",
              properties: {
                guest: {
                  type: "object",
                  properties: { name: { type: "string" }, email: { type: "string" } },
                  required: ["name"],
                  additionalProperties: false,
                },
              },
              required: ["guest"],
              additionalProperties: false,
            },
          }),
        ],
      },
      "tools[0].parameters",
      "In context=('properties', 'guest'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'email'.",
    ],
    [
      "a tool that leaves strict out (strict, to Responses) and has a non-strict schema",
      {
        model: "m",
        input: "x",
        tools: [{ type: "function", name: "f", parameters: { type: "object", properties: {} } }],
      },
      "tools[0].parameters",
      "'additionalProperties' is required to be supplied and to be false.",
    ],
  ])("rejects a request with %s with an OpenAI-style 400", async (_case, body, param, message) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(Object.keys(json)).toEqual(["error"]);
    expect(Object.keys(json.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(json.error).toMatchObject({
      message: expect.stringContaining(message),
      type: "invalid_request_error",
      param,
    });
    expect(server.requests).toEqual([]);
    expect(server.errors).toHaveLength(1);
  });

  it("accepts a non-strict schema the strict rules would reject", async () => {
    const loose = tool({
      strict: false,
      parameters: { type: "object", properties: { a: { type: "string" } } },
    });
    expect((await post({ model: "m", input: "x", tools: [loose] })).status).toBe(200);
  });

  describe("rejects what the real API rejects when continuing a conversation", () => {
    async function rejected(body: unknown, status = 400): Promise<WireError> {
      const before = server.requests.length;
      const answer = await post(body);
      expect(answer.status).toBe(status);
      expect(server.requests).toHaveLength(before);
      return answer.json.error;
    }

    it("an unknown previous_response_id", async () => {
      expect(await rejected({ model: "m", previous_response_id: "resp_9", input: [user] })).toEqual({
        message: "Previous response with id 'resp_9' not found.",
        type: "invalid_request_error",
        param: "previous_response_id",
        code: "previous_response_not_found",
      });
    });

    it("an unknown conversation, and a conversation with a previous_response_id", async () => {
      expect(await rejected({ model: "m", conversation: "conv_9", input: [user] }, 404)).toMatchObject({
        message: "Conversation with id 'conv_9' not found.",
        param: "conversation",
      });
      const first = await calling();
      expect(
        await rejected({
          model: "m",
          conversation: { id: "conv_9" },
          previous_response_id: first.id,
          input: [],
        }),
      ).toMatchObject({ message: expect.stringContaining("Mutually exclusive parameters") });
    });

    it("a call of the previous response left unanswered", async () => {
      const first = await calling();
      const error = await rejected({ model: "m", previous_response_id: first.id, input: [output("call_1")] });
      expect(error).toEqual({
        message: "No tool output found for function call call_2.",
        type: "invalid_request_error",
        param: "input",
        code: null,
      });
      // A new user message does not excuse the unanswered calls either.
      await rejected({ model: "m", previous_response_id: first.id, input: [user] });
    });

    it("an output for a call the conversation does not hold", async () => {
      const first = await calling();
      const error = await rejected({
        model: "m",
        previous_response_id: first.id,
        input: [output("call_1"), output("call_2"), output("call_7")],
      });
      expect(error.message).toBe("No tool call found for function call output with call_id call_7.");
    });

    it("the calls sent again with previous_response_id", async () => {
      const first = await calling();
      const input = [...first.output.slice(1), output("call_1"), output("call_2")];
      const error = await rejected({ model: "m", previous_response_id: first.id, input });
      expect(error.message).toBe(
        "Duplicate item found with id fc_1. Remove duplicate items from your input and try again.",
      );
    });

    it("statelessly, outputs whose calls were not replayed", async () => {
      await calling({ store: false });
      const error = await rejected({
        model: "m",
        store: false,
        input: [user, output("call_1"), output("call_2")],
      });
      expect(error.message).toBe("No tool call found for function call output with call_id call_1.");
    });

    it("statelessly, calls replayed without their reasoning item", async () => {
      const first = await calling({ store: false, include: ["reasoning.encrypted_content"] });
      const input = [user, ...first.output.slice(1), output("call_1"), output("call_2")];
      const error = await rejected({ model: "m", store: false, input });
      expect(error.message).toBe(
        "Item 'fc_1' of type 'function_call' was provided without its required 'reasoning' item: 'rs_1'.",
      );
    });

    it("with store: false, a reasoning item without its encrypted content (a 404)", async () => {
      const first = await calling({ store: false });
      const input = [user, ...first.output, output("call_1"), output("call_2")];
      const error = await rejected({ model: "m", store: false, input }, 404);
      expect(error.message).toBe(
        "Item with id 'rs_1' not found. Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input.",
      );
    });
  });

  it("answers 404 elsewhere and 500 when the script has no turn left", async () => {
    expect((await post({}, "/v1/chat/completions")).status).toBe(404);
    for (let i = 0; i < 3; i++) await post({ model: "m", input: "x" });
    const fourth = await post({ model: "m", input: "x" });
    expect(fourth.status).toBe(500);
    expect(fourth.json.error.message).toContain("no turn left for request #4");
  });

  it("works with the real SDK: output_text computed, errors as its error classes", async () => {
    const client = new OpenAI({ apiKey: "k", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const first = await client.responses.create({ model: "m", input: "hi" });
    expect(first.output_text).toBe("");
    const input: OpenAI.Responses.ResponseInputItem[] = [
      { type: "function_call_output", call_id: "call_1", output: "1" },
      { type: "function_call_output", call_id: "call_2", output: "2" },
    ];
    const second = await client.responses.create({ model: "m", previous_response_id: first.id, input });
    expect(second.output_text).toBe("second");
    const missing = client.responses.create({ model: "m", previous_response_id: "resp_404", input: "x" });
    await expect(missing).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(missing).rejects.toMatchObject({
      code: "previous_response_not_found",
      param: "previous_response_id",
    });
  });
});
