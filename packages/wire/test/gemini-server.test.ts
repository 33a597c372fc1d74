import { ApiError, type Content, type FunctionDeclaration, GoogleGenAI } from "@google/genai";
import { type GeminiServer, script, startGeminiServer } from "@typecall/wire";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

let server: GeminiServer;
let ai: GoogleGenAI;

beforeEach(async () => {
  server = await startGeminiServer({
    model: script([
      {
        text: "Let me look.",
        calls: [
          { name: "f", args: { a: 1 } },
          { name: "g", args: '{"b":2}' },
        ],
      },
      ({ results, calls }) => ({ text: JSON.stringify({ results, calls }) }),
    ]),
  });
  ai = new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url } });
});
afterEach(() => server.close());

/** The SDK's error for a request, or the text of the answer when there is none. */
async function rejection(contents: Content[] | string, declarations?: readonly object[]): Promise<unknown> {
  try {
    const config = declarations
      ? { tools: [{ functionDeclarations: declarations as FunctionDeclaration[] }] }
      : {};
    const response = await ai.models.generateContent({ model: "m", contents, config });
    // Not `response.text`, which warns when the answer has calls.
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    return parts.flatMap((part) => part.text ?? []).join("");
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    const { status, message } = error as ApiError;
    return { status, error: (JSON.parse(message) as { error: unknown }).error };
  }
}

async function post(body: unknown, path = "/v1beta/models/m:generateContent", key = "test") {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key && { "x-goog-api-key": key }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { error?: { message: string } } };
}

const prompt: Content = { role: "user", parts: [{ text: "hi" }] };
/** Declarations as JSON (the SDK's types want its `Type` enum where the wire has its names). */
const declaration = (parameters: Record<string, unknown>): object[] => [
  { name: "f", description: "F.", parameters },
];
const invalid = (message: string) => ({
  status: 400,
  error: { code: 400, message, status: "INVALID_ARGUMENT" },
});
const unknownName = (name: string, at: string) =>
  `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`;

/** The model's first answer, as a client replays it. */
async function firstTurn(): Promise<Content> {
  const response = await ai.models.generateContent({ model: "m", contents: [prompt] });
  return response.candidates?.[0]?.content as Content;
}
const answers = (...ids: string[]): Content => ({
  role: "user",
  parts: ids.map((id) => ({ functionResponse: { id, name: "f", response: { output: 1 } } })),
});

describe("startGeminiServer", () => {
  it("answers like a thinking model: text, then calls with ids, the first one signed", async () => {
    const response = await ai.models.generateContent({ model: "gemini-x", contents: "hi" });
    expect(response.candidates).toEqual([
      {
        content: {
          role: "model",
          parts: [
            { text: "Let me look." },
            {
              functionCall: { id: "fc_1", name: "f", args: { a: 1 } },
              thoughtSignature: server.signatures[0],
            },
            { functionCall: { id: "fc_2", name: "g", args: { b: 2 } } },
          ],
        },
        finishReason: "STOP",
        index: 0,
      },
    ]);
    expect(response.functionCalls).toEqual([
      { id: "fc_1", name: "f", args: { a: 1 } },
      { id: "fc_2", name: "g", args: { b: 2 } },
    ]);
    expect(response).toMatchObject({
      modelVersion: "gemini-x",
      responseId: "resp-1",
      usageMetadata: { promptTokenCount: expect.any(Number), totalTokenCount: expect.any(Number) },
    });
    expect(server.requests).toEqual([{ model: "gemini-x", contents: [prompt] }]);
  });

  it("reads the function responses as the model's results: the output as JSON (a string as is), or the error", async () => {
    const turn = await firstTurn();
    const text = await rejection([
      prompt,
      turn,
      {
        role: "user",
        parts: [
          { functionResponse: { id: "fc_1", name: "f", response: { output: { ok: true } } } },
          { functionResponse: { id: "fc_2", name: "g", response: { error: "g failed" } } },
        ],
      },
    ]);
    expect(JSON.parse(text as string)).toEqual({
      results: [
        { callId: "fc_1", name: "f", content: '{"ok":true}', isError: false },
        { callId: "fc_2", name: "g", content: "g failed", isError: true },
      ],
      calls: [
        { name: "f", args: { a: 1 } },
        { name: "g", args: { b: 2 } },
      ],
    });
    expect(server.errors).toEqual([]);
  });

  it.each([
    [
      "a bad function name",
      [{ name: "1f", description: "F." }],
      "* GenerateContentRequest.tools[0].function_declarations[0].name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.\n",
    ],
    [
      "a name over 64 characters",
      [{ name: "f".repeat(65) }],
      "tools[0].function_declarations[0].name: Invalid function name.",
    ],
    [
      "parameters and parametersJsonSchema together",
      [
        {
          name: "f",
          parameters: { type: "OBJECT", properties: { a: { type: "STRING" } } },
          parametersJsonSchema: {},
        },
      ],
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters_json_schema: parameters_json_schema must not be set when parameters is set\n",
    ],
    [
      "const (the SDK passes it through)",
      declaration({
        type: "OBJECT",
        properties: { a: { type: "STRING" }, b: { type: "STRING", const: "x" } },
      }),
      unknownName("const", "tools[0].function_declarations[0].parameters.properties[1].value"),
    ],
    [
      "oneOf",
      declaration({ type: "OBJECT", properties: { a: { oneOf: [{ type: "STRING" }, { type: "NUMBER" }] } } }),
      unknownName("oneOf", "tools[0].function_declarations[0].parameters.properties[0].value"),
    ],
    [
      "$ref and $defs",
      declaration({
        type: "OBJECT",
        properties: { a: { $ref: "#/$defs/A" } },
        $defs: { A: { type: "STRING" } },
      }),
      unknownName("$ref", "tools[0].function_declarations[0].parameters.properties[0].value"),
    ],
    [
      "exclusiveMinimum inside items",
      declaration({
        type: "OBJECT",
        properties: { a: { type: "ARRAY", items: { type: "NUMBER", exclusiveMinimum: 0 } } },
      }),
      unknownName(
        "exclusiveMinimum",
        "tools[0].function_declarations[0].parameters.properties[0].value.items",
      ),
    ],
    [
      "an object without properties",
      declaration({ type: "OBJECT", properties: {} }),
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties: should be non-empty for OBJECT type\n",
    ],
    [
      "an array without items",
      declaration({ type: "OBJECT", properties: { tags: { type: "ARRAY" } } }),
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[tags].items: missing field.\n",
    ],
    [
      "an enum of numbers",
      declaration({ type: "OBJECT", properties: { n: { type: "INTEGER", enum: ["1", "2"] } } }),
      "parameters.properties[n].enum: only allowed for STRING type",
    ],
    [
      "a required property that is not defined",
      declaration({ type: "OBJECT", properties: { a: { type: "STRING" } }, required: ["a", "b"] }),
      "* GenerateContentRequest.tools[0].function_declarations[0].parameters.required[1]: property is not defined\n",
    ],
  ])("rejects function declarations with %s", async (_, declarations, message) => {
    const result = (await rejection([prompt], declarations)) as {
      error: { message: string };
    };
    expect(result).toMatchObject({ status: 400, error: { code: 400, status: "INVALID_ARGUMENT" } });
    expect(result.error.message).toContain(message);
    expect(server.errors.map((e) => e.status)).toEqual([400]);
    expect(server.requests).toEqual([]);
  });

  it("reports every problem of a request, each with its path", async () => {
    const result = await rejection(
      [prompt],
      [
        {
          name: "f",
          parameters: { type: "OBJECT", properties: { a: { type: "ARRAY" }, b: { type: "ARRAY" } } },
        },
        { name: "bad name", description: "G." },
      ],
    );
    expect(result).toEqual(
      invalid(
        "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[a].items: missing field.\n" +
          "* GenerateContentRequest.tools[0].function_declarations[0].parameters.properties[b].items: missing field.\n" +
          "* GenerateContentRequest.tools[0].function_declarations[1].name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.\n",
      ),
    );
  });

  it("takes JSON Schema in parametersJsonSchema, and the OpenAPI subset in parameters", async () => {
    const declarations = [
      {
        name: "f",
        parametersJsonSchema: {
          type: "object",
          properties: { a: { $ref: "#/$defs/A" }, b: { const: 1 }, c: { type: ["string", "null"] } },
          required: ["a"],
          additionalProperties: false,
          $defs: { A: { type: "string" } },
        },
      },
      {
        name: "ns.g:h-1",
        parameters: {
          type: "OBJECT",
          properties: {
            a: { type: "STRING", enum: ["x"], nullable: true, format: "date-time" },
            b: { anyOf: [{ type: "NUMBER", minimum: 0 }, { type: "BOOLEAN" }] },
            c: { type: "INTEGER", format: "enum", enum: ["1"] },
          },
          required: ["a"],
          propertyOrdering: ["a", "b", "c"],
        },
      },
      { name: "_noArgs" },
    ];
    expect(await rejection([prompt], declarations)).toBe("Let me look.");
  });

  it("rejects, over raw REST, what the SDK would rewrite: additionalProperties, lower-case and list types", async () => {
    const tool = (parameters: unknown) => ({
      contents: [prompt],
      tools: [{ functionDeclarations: [{ name: "f", parameters }] }],
    });
    const closed = await post(
      tool({ type: "OBJECT", properties: { a: { type: "STRING" } }, additionalProperties: false }),
    );
    expect(closed).toEqual({
      status: 400,
      json: {
        error: invalid(unknownName("additionalProperties", "tools[0].function_declarations[0].parameters"))
          .error,
      },
    });
    const lower = await post(tool({ type: "object", properties: { a: { type: "string" } } }));
    expect(lower.json.error?.message).toBe(
      "Invalid value at 'tools[0].function_declarations[0].parameters.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"object\"\n" +
        "Invalid value at 'tools[0].function_declarations[0].parameters.properties[0].value.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"string\"",
    );
    const list = await post(tool({ type: "OBJECT", properties: { a: { type: ["STRING", "NULL"] } } }));
    expect(list.json.error?.message).toBe(
      "Invalid JSON payload received. Proto field is not repeating, cannot start list.",
    );
    // snake_case field names are the proto's own, and read too.
    const snake = await post({
      contents: [prompt],
      tools: [
        {
          function_declarations: [
            {
              name: "f",
              parameters: { type: "OBJECT", properties: { a: { any_of: [{ type: "STRING" }] } } },
            },
          ],
        },
      ],
    });
    expect(snake.status).toBe(200);
  });

  it("rejects a function-response turn that does not answer every call of the turn before", async () => {
    const turn = await firstTurn();
    const count = invalid(
      "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.",
    );
    expect(await rejection([prompt, turn, answers("fc_1")])).toEqual(count);
    expect(await rejection([prompt, turn, answers("fc_1", "fc_2", "fc_3")])).toEqual(count);
    expect(await rejection([prompt, turn, prompt])).toEqual(count);
    expect(await rejection([prompt, answers("fc_1")])).toEqual(count);
    expect(await rejection([prompt, turn, answers("fc_1", "fc_2")])).toEqual(expect.any(String));
  });

  it("rejects a call turn of the current turn replayed without its thought signature", async () => {
    const turn = await firstTurn();
    const unsigned: Content = {
      role: "model",
      parts: (turn.parts ?? []).map(({ thoughtSignature: _, ...part }) => part),
    };
    expect(await rejection([prompt, unsigned, answers("fc_1", "fc_2")])).toEqual(
      invalid(
        "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:f` , position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.",
      ),
    );
    // Turns before the last prompt are not checked, as the API checks only the current turn.
    const text = await rejection([
      prompt,
      unsigned,
      answers("fc_1", "fc_2"),
      { role: "model", parts: [{ text: "ok" }] },
      prompt,
    ]);
    expect(text).toEqual(expect.any(String));
  });

  it("rejects malformed contents and parts", async () => {
    const turn = await firstTurn();
    // The SDK refuses empty contents itself; the API's answer, over raw REST:
    expect(await post({ contents: [] })).toEqual({
      status: 400,
      json: { error: invalid("* GenerateContentRequest.contents: contents is not specified\n").error },
    });
    expect(await rejection([{ role: "assistant", parts: [{ text: "x" }] }])).toEqual(
      invalid("Please use a valid role: user, model."),
    );
    expect(await rejection([{ role: "user", parts: [] }])).toEqual(
      invalid("* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n"),
    );
    const flagged = {
      role: "user",
      parts: [
        { functionResponse: { id: "fc_1", name: "f", response: { output: 1 }, isError: false } },
        { functionResponse: { id: "fc_2", name: "g", response: "ok" } },
      ],
    } as unknown as Content;
    expect(await rejection([prompt, turn, flagged])).toEqual(
      invalid(
        `${unknownName("isError", "contents[2].parts[0].function_response")}\n` +
          "Invalid value at 'contents[2].parts[1].function_response.response' (type.googleapis.com/google.protobuf.Struct), \"ok\"",
      ),
    );
  });

  it("answers 403 without an API key and 404 off its route", async () => {
    expect(await post({ contents: [prompt] }, undefined, "")).toMatchObject({
      status: 403,
      json: { error: { code: 403, status: "PERMISSION_DENIED" } },
    });
    expect(await post({ contents: [prompt] }, "/v1beta/models/m:streamGenerateContent")).toMatchObject({
      status: 404,
      json: { error: { code: 404, status: "NOT_FOUND" } },
    });
    expect(server.errors.map((e) => e.status)).toEqual([403, 404]);
  });

  it("answers 500 when the script has no turn left", async () => {
    await firstTurn();
    await rejection("again");
    const error = await rejection("and again");
    expect(error).toMatchObject({ status: 500, error: { code: 500, status: "INTERNAL" } });
  });
});
