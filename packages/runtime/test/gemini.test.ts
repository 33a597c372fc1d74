import {
  type Content,
  type GenerateContentParameters,
  type GenerateContentResponse,
  GoogleGenAI,
  type Tool,
} from "@google/genai";
import { createToolset, type ToolDefinition } from "@typecall/runtime";
import { type GeminiRequest, type GeminiServer, type Model, script, startGeminiServer } from "@typecall/wire";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type FunctionResponseContent,
  type GeminiClientLike,
  type GenerateContentResponseLike,
  type RunToolsResult,
  runToolCalls,
  runTools,
  toGeminiTools,
  toolCallsOf,
} from "../src/adapters/gemini.ts";
import { toolset as base, type ToolMap, type ToolsetContext } from "./fixtures/toolset.ts";

/**
 * The fixture toolset with Gemini schemas. The compiler gives the `gemini` dialect the JSON Schema
 * dialect's schema (`schemas("gemini")` writes it as `parameters` or `parametersJsonSchema`), so
 * this is the module the compiler would emit with Gemini among its dialects.
 */
const toolset = createToolset<ToolMap, ToolsetContext>(
  base.names.map((name) => {
    const definition = base.get(name) as ToolDefinition<ToolsetContext>;
    return { ...definition, schemas: { ...definition.schemas, gemini: definition.schemas["json-schema"] } };
  }),
);

const ctx = { userId: "u1" };
let server: GeminiServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(model: Model<GeminiRequest>): Promise<GoogleGenAI> {
  server = await startGeminiServer({ model });
  return new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url } });
}

const prompt: Content = { role: "user", parts: [{ text: "Weather in Paris and Rome, then book h7." }] };

describe("gemini adapter with the real @google/genai client", () => {
  it("keeps a model content without parts out of the history, which the next request must take", async () => {
    // An answer with nothing in it: the content the API sends when thinking spent the budget.
    const ai = await clientFor(script<GeminiRequest>([{}, { text: "Hello again." }]));
    const result = await runTools(ai, { model: "m", contents: [prompt] }, toolset, { ctx });
    expect(result.stopReason).toBe("done");
    expect(result.messages).toEqual([prompt]);
    const next = await ai.models.generateContent({ model: "m", contents: [...result.messages, prompt] });
    expect(next.text).toBe("Hello again.");
    expect(server?.errors).toEqual([]);
  });

  it("runs a conversation: one call, two parallel calls, a wrong call and its correction", async () => {
    const ai = await clientFor(
      script<GeminiRequest>([
        { calls: [{ name: "getWeather", args: { city: "Paris" } }] },
        ({ results }) => {
          expect(results).toEqual([
            {
              callId: "fc_1",
              name: "getWeather",
              content: '{"city":"Paris","unit":"c","temperature":21}',
              isError: false,
            },
          ]);
          return {
            calls: [
              { name: "getWeather", args: { city: "Rome", unit: "f" } },
              { name: "whoAmI", args: {} },
            ],
          };
        },
        {
          text: "Booking now.",
          calls: [{ name: "bookRoom", args: { hotelId: "h7", guests: [{ name: "Ada" }] } }],
        },
        ({ results }) => {
          expect(results[0]?.isError).toBe(true);
          expect(results[0]?.content).toContain(
            "- guests[0].email: required string (format: email) is missing",
          );
          return {
            calls: [
              {
                name: "bookRoom",
                args: { hotelId: "h7", guests: [{ name: "Ada", email: "ada@example.com" }] },
              },
            ],
          };
        },
        { text: "Booked: BK-h7-1." },
      ]),
    );
    const steps: string[] = [];
    const result = await runTools(ai, { model: "gemini-test", contents: [prompt] }, toolset, {
      ctx,
      maxSteps: 8,
      onStep: (step) =>
        steps.push(step.outcomes.map((o) => (o.ok ? `${o.name}:ok` : `${o.name}:${o.error.code}`)).join(",")),
    });

    expect(result.stopReason).toBe("done");
    expect((result.response as GenerateContentResponse).text).toBe("Booked: BK-h7-1.");
    expect(steps).toEqual([
      "getWeather:ok",
      "getWeather:ok,whoAmI:ok",
      "bookRoom:invalid_arguments",
      "bookRoom:ok",
    ]);
    const requests = server?.requests ?? [];
    expect(server?.errors).toEqual([]);
    expect(requests).toHaveLength(5);
    expect(requests.every((request) => request.model === "gemini-test")).toBe(true);
    for (const request of requests) expect(request.tools).toEqual(toGeminiTools(toolset));
    // One declaration in the OpenAPI subset, one in JSON Schema ($ref), one without parameters.
    expect(toGeminiTools(toolset)[0]?.functionDeclarations.map((d) => Object.keys(d))).toEqual([
      ["name", "description", "parameters"],
      ["name", "description", "parametersJsonSchema"],
      ["name", "description"],
    ]);

    const [, second, third, , fifth] = requests;
    const signatures = server?.signatures ?? [];
    // The model's turn comes back as it was sent, signature and all; then one response per call.
    expect(second?.contents.slice(1)).toEqual([
      {
        role: "model",
        parts: [
          {
            functionCall: { id: "fc_1", name: "getWeather", args: { city: "Paris" } },
            thoughtSignature: signatures[0],
          },
        ],
      },
      {
        role: "user",
        parts: [
          {
            functionResponse: {
              id: "fc_1",
              name: "getWeather",
              response: { output: { city: "Paris", unit: "c", temperature: 21 } },
            },
          },
        ],
      },
    ]);
    expect(third?.contents.slice(3)).toEqual([
      {
        role: "model",
        parts: [
          {
            functionCall: { id: "fc_2", name: "getWeather", args: { city: "Rome", unit: "f" } },
            thoughtSignature: signatures[1],
          },
          { functionCall: { id: "fc_3", name: "whoAmI", args: {} } },
        ],
      },
      {
        role: "user",
        parts: [
          {
            functionResponse: {
              id: "fc_2",
              name: "getWeather",
              response: { output: { city: "Rome", unit: "f", temperature: 70 } },
            },
          },
          // A string result is the output as is, and the context reached the tool.
          {
            functionResponse: {
              id: "fc_3",
              name: "whoAmI",
              response: { output: "user u1, call whoAmI#fc_3, signal live" },
            },
          },
        ],
      },
    ]);
    expect(fifth?.contents.slice(5, 7)).toEqual([
      {
        role: "model",
        parts: [
          { text: "Booking now." },
          expect.objectContaining({
            functionCall: expect.objectContaining({ id: "fc_4" }),
            thoughtSignature: signatures[2],
          }),
        ],
      },
      {
        role: "user",
        parts: [
          {
            functionResponse: {
              id: "fc_4",
              name: "bookRoom",
              response: {
                error:
                  'Invalid arguments for tool "bookRoom":\n' +
                  "- guests[0].email: required string (format: email) is missing\n" +
                  'Correct these arguments and call "bookRoom" again.',
              },
            },
          },
        ],
      },
    ]);
    expect(result.messages).toHaveLength(10);
    expect(result.messages.at(-1)).toEqual({ role: "model", parts: [{ text: "Booked: BK-h7-1." }] });
  });

  it("takes the prompt as a string or one content, and passes the rest of the config through", async () => {
    const ai = await clientFor(() => ({ text: "hello" }));
    const tools = [{ functionDeclarations: [{ name: "whoAmI", description: "Who is asking." }] }];
    const fromString = await runTools(
      ai,
      { model: "m", contents: "hi", config: { temperature: 0, tools } },
      toolset,
      { ctx },
    );
    await runTools(ai, { model: "m", contents: prompt }, toolset, { ctx });
    const [first, second] = server?.requests ?? [];
    expect(first).toMatchObject({
      contents: [{ role: "user", parts: [{ text: "hi" }] }],
      tools,
      generationConfig: { temperature: 0 },
    });
    expect(second?.contents).toEqual([prompt]);
    expect(fromString.messages).toEqual([
      { role: "user", parts: [{ text: "hi" }] },
      { role: "model", parts: [{ text: "hello" }] },
    ]);
  });

  it("stops after maxSteps requests with every call answered", async () => {
    const ai = await clientFor(() => ({ calls: [{ name: "getWeather", args: { city: "Oslo" } }] }));
    const result = await runTools(ai, { model: "m", contents: "loop" }, toolset, { ctx, maxSteps: 2 });
    expect(result.stopReason).toBe("max_steps");
    expect(server?.requests).toHaveLength(2);
    expect(result.steps).toHaveLength(2);
    expect(result.messages.at(-1)).toMatchObject({
      role: "user",
      parts: [{ functionResponse: { id: "fc_2", name: "getWeather" } }],
    });
  });

  it("stops when onStep returns false", async () => {
    const ai = await clientFor(() => ({ calls: [{ name: "whoAmI", args: {} }] }));
    const result = await runTools(ai, { model: "m", contents: "x" }, toolset, { ctx, onStep: () => false });
    expect(result.stopReason).toBe("stopped");
    expect(server?.requests).toHaveLength(1);
    expect(result.response.candidates?.[0]?.content?.parts?.[0]).toHaveProperty("thoughtSignature");
  });

  it("runToolCalls answers an SDK response's calls in call order, ids echoed", async () => {
    const ai = await clientFor(() => ({
      calls: [
        { name: "nope", args: {} },
        { name: "getWeather", args: { city: "Lima" } },
        { name: "getWeather", args: { city: 7 } },
        { name: "getWeather", args: {} },
      ],
    }));
    const response = await ai.models.generateContent({ model: "m", contents: "go" });
    const reply = await runToolCalls(toolset, response, ctx);
    expect(reply.role).toBe("user");
    expect(reply.parts.map((part) => part.functionResponse.id)).toEqual(["fc_1", "fc_2", "fc_3", "fc_4"]);
    const [unknown, lima, wrong, missing] = reply.parts.map((part) => part.functionResponse.response);
    expect(unknown).toEqual({ error: expect.stringContaining('There is no tool named "nope".') });
    expect(lima).toEqual({ output: { city: "Lima", unit: "c", temperature: 21 } });
    expect(wrong).toEqual({ error: expect.stringContaining("- city: expected string, received number 7") });
    expect(missing).toEqual({ error: expect.stringContaining("- city: required string is missing") });
  });

  it("answers a call without an id without one (models before Gemini 3 send none)", async () => {
    const response = {
      candidates: [
        {
          content: {
            role: "model",
            parts: [{ functionCall: { name: "getWeather", args: { city: "Oslo" } } }],
          },
        },
      ],
    };
    expect(toolCallsOf(response)).toEqual([{ name: "getWeather", arguments: { city: "Oslo" } }]);
    expect(await runToolCalls(toolset, response, ctx)).toEqual({
      role: "user",
      parts: [
        {
          functionResponse: {
            name: "getWeather",
            response: { output: { city: "Oslo", unit: "c", temperature: 21 } },
          },
        },
      ],
    });
    expect(toolCallsOf({})).toEqual([]);
  });

  it("fits the @google/genai SDK's types", () => {
    expectTypeOf<GoogleGenAI>().toExtend<GeminiClientLike>();
    expectTypeOf<GenerateContentResponse>().toExtend<GenerateContentResponseLike>();
    expectTypeOf<FunctionResponseContent>().toExtend<Content>();
    // The history goes back to the SDK as it is.
    expectTypeOf<RunToolsResult<Content, ToolMap>["messages"]>().toExtend<Content[]>();
    expectTypeOf(toGeminiTools(toolset)).toExtend<Tool[]>();
    expectTypeOf<GenerateContentParameters & { contents: Content[] }>().toExtend<
      Parameters<typeof runTools<Content, ToolMap, ToolsetContext>>[1]
    >();
  });
});
