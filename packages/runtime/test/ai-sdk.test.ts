import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { type ChatRequest, type Model, type OpenAIServer, script, startOpenAIServer } from "@typecall/wire";
import { asSchema, generateText, stepCountIs, type ToolSet } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { ToolCallError, toAISDKTools } from "../src/adapters/ai-sdk.ts";
import { createToolset } from "../src/index.ts";
import { adhocTool } from "./fixtures/adhoc.ts";
import { toolset } from "./fixtures/toolset.ts";

const ctx = { userId: "u1" };
let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Plays `model` through the real AI SDK with `tools` and returns the generateText result. */
async function play(model: Model<ChatRequest>, tools: ToolSet, abortSignal?: AbortSignal) {
  server = await startOpenAIServer({ model });
  const local = createOpenAICompatible({ name: "local", baseURL: `${server.url}/v1`, apiKey: "test" });
  return generateText({
    model: local.chatModel("m"),
    prompt: "go",
    maxRetries: 0,
    stopWhen: stepCountIs(4),
    tools,
    ...(abortSignal && { abortSignal }),
  });
}

/** The content of each tool message the model read, in order. */
function toolTexts(): unknown[] {
  return (server?.requests ?? []).flatMap((request) =>
    request.messages.filter((m) => m.role === "tool").map((m) => m.content),
  );
}

async function validate(tool: { inputSchema: unknown } | undefined, value: unknown) {
  return asSchema(tool?.inputSchema as Parameters<typeof asSchema>[0]).validate?.(value);
}

describe("toAISDKTools", () => {
  it("gives one tool per tool, with its description and its JSON Schema", async () => {
    const tools = toAISDKTools(toolset, ctx);
    expect(Object.keys(tools)).toEqual(toolset.names);
    for (const { name, description, parameters } of toolset.schemas("json-schema")) {
      const tool = tools[name as keyof typeof tools];
      expect(tool.description).toBe(description);
      expect(await asSchema(tool.inputSchema).jsonSchema).toEqual(parameters);
    }
  });

  it("validates to the arguments the tool runs with: coerced, defaults in, nested ones too", async () => {
    const { getWeather, bookRoom } = toAISDKTools(toolset, ctx);
    expect(await validate(getWeather, { city: "Paris" })).toEqual({
      success: true,
      value: { city: "Paris", unit: "c" },
    });
    const booking = { hotelId: "h1", guests: [{ name: "Ada", email: "ada@example.com" }], nights: "3" };
    expect(await validate(bookRoom, booking)).toEqual({
      success: true,
      value: { hotelId: "h1", guests: [{ name: "Ada", email: "ada@example.com", vip: false }], nights: 3 },
    });
  });

  it("lets a call the validator refuses through unchanged, for execute to answer with the feedback", async () => {
    const { getWeather } = toAISDKTools(toolset, ctx);
    const wrong = { city: 42 };
    const result = await validate(getWeather, wrong);
    expect(result).toEqual({ success: true, value: wrong });
    const outcome = await toolset.dispatch(
      { name: "getWeather", arguments: JSON.stringify(wrong), id: "c1" },
      ctx,
    );
    await expect(
      getWeather.execute?.(wrong, { toolCallId: "c1", messages: [] }) as Promise<unknown>,
    ).rejects.toThrow(new ToolCallError(outcome as never));
  });

  it("runs the call with the app's context and the call id, and the model reads the dispatcher's content", async () => {
    const result = await play(
      script([
        {
          calls: [
            { name: "whoAmI", args: {} },
            { name: "getWeather", args: '{"city":"Oslo"}' },
          ],
        },
        { text: "ok" },
      ]),
      toAISDKTools(toolset, ctx),
    );
    const outputs = result.steps[0]?.toolResults.map((r) => r.output);
    expect(outputs).toEqual([
      "user u1, call whoAmI#call_1, signal live",
      { city: "Oslo", unit: "c", temperature: 21 },
    ]);
    expect(toolTexts()).toEqual([
      "user u1, call whoAmI#call_1, signal live",
      '{"city":"Oslo","unit":"c","temperature":21}',
    ]);
  });

  it("sends what the dispatcher writes for a value: Done. for undefined, the size cap", async () => {
    const tools = createToolset(
      [adhocTool("noop", () => undefined), adhocTool("big", () => "x".repeat(500))],
      {
        maxContentLength: 100,
      },
    );
    const expected = await tools.dispatchAll([
      { name: "noop", arguments: "{}" },
      { name: "big", arguments: "{}" },
    ]);
    await play(
      script([
        {
          calls: [
            { name: "noop", args: {} },
            { name: "big", args: {} },
          ],
        },
        { text: "ok" },
      ]),
      toAISDKTools(tools),
    );
    expect(toolTexts()).toEqual(expected.map((outcome) => outcome.content));
    expect(toolTexts()[0]).toBe("Done.");
    expect(String(toolTexts()[1])).toContain("[truncated: showing the first characters of 500]");
  });

  it("throws a ToolCallError carrying the outcome when the tool fails; the model reads its content", async () => {
    const tools = createToolset([
      adhocTool("explode", () => {
        throw new Error("backend down");
      }),
    ]);
    const result = await play(
      script([{ calls: [{ name: "explode", args: {} }] }, { text: "ok" }]),
      toAISDKTools(tools),
    );
    const part = result.steps[0]?.content.find((p) => p.type === "tool-error");
    const error = part?.type === "tool-error" ? part.error : undefined;
    expect(error).toBeInstanceOf(ToolCallError);
    expect((error as ToolCallError).outcome.error).toEqual({
      code: "execution_error",
      message: "backend down",
    });
    expect(toolTexts()).toEqual([(error as ToolCallError).outcome.content]);
    expect(toolTexts()[0]).toContain("backend down");
  });

  it("passes the SDK's abort signal to the tool's ctx.signal", async () => {
    const controller = new AbortController();
    const reason = new Error("the user left");
    let seen: (why: unknown) => void = () => {};
    const toolSaw = new Promise((resolve) => {
      seen = resolve;
    });
    const tools = createToolset([
      adhocTool("wait", (_args, context) => {
        context.signal.addEventListener("abort", () => seen(context.signal.reason));
        setTimeout(() => controller.abort(reason), 1);
        return new Promise(() => {});
      }),
    ]);
    const run = play(
      script([{ calls: [{ name: "wait", args: {} }] }, { text: "ok" }]),
      toAISDKTools(tools),
      controller.signal,
    );
    await expect(run).rejects.toThrow();
    expect(await toolSaw).toBe(reason);
  });

  it("checks and normalises with any object of the toolset's shape, not only one createToolset made", async () => {
    const wrapper: typeof toolset = { ...toolset };
    const { getWeather } = toAISDKTools(wrapper, ctx);
    expect(await validate(getWeather, { city: "Rome", unit: null })).toEqual({
      success: true,
      value: { city: "Rome", unit: "c" },
    });
    const result = await play(
      script([{ calls: [{ name: "getWeather", args: { city: "Rome" } }] }, { text: "ok" }]),
      toAISDKTools(wrapper, ctx),
    );
    expect(result.steps[0]?.toolResults[0]?.output).toEqual({ city: "Rome", unit: "c", temperature: 21 });
  });

  it("sends a tool under a name every provider takes, and runs it when called so", async () => {
    const factorial = adhocTool("math.factorial", ({ n }) => [1, 1, 2, 6][n as number], {
      names: { openai: "math_factorial", anthropic: "math_factorial" },
    });
    const tools = toAISDKTools(createToolset([factorial]));
    expect(Object.keys(tools)).toEqual(["math_factorial"]);
    const result = await play(
      script([{ calls: [{ name: "math_factorial", args: { n: 3 } }] }, { text: "6" }]),
      tools,
    );
    expect(result.steps[0]?.toolResults[0]?.output).toBe(6);
    expect(server?.requests[0]?.tools?.map((tool) => tool.function.name)).toEqual(["math_factorial"]);
  });
});
