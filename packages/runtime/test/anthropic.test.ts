import Anthropic from "@anthropic-ai/sdk";
import {
  type AnthropicAnswer,
  type AnthropicRequest,
  type AnthropicServer,
  type AnthropicServerOptions,
  type ModelView,
  script,
  startAnthropicServer,
} from "@typecall/wire";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  type ToolMap,
  type ToolsetContext,
  toolset,
} from "../../../examples/quickstart/src/tools.typecall.ts";
import {
  runToolCalls,
  runTools,
  type ToolResultMessage,
  toAnthropicTools,
  toolCallsOf,
} from "../src/adapters/anthropic.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";

const ctx = { userId: "u1" };
const question = [{ role: "user" as const, content: "Hotels in Paris?" }];
let server: AnthropicServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(model: AnthropicServerOptions["model"]): Promise<Anthropic> {
  server = await startAnthropicServer({ model });
  return new Anthropic({ apiKey: "test", baseURL: server.url, maxRetries: 0 });
}

/** A model playing these turns, one per request. */
function play(
  ...turns: (AnthropicAnswer | ((view: ModelView<AnthropicRequest>) => AnthropicAnswer))[]
): AnthropicServerOptions["model"] {
  return script<AnthropicRequest>(turns);
}

const weather = (city: string) => ({ name: "getWeather", args: { city } });

describe("toAnthropicTools", () => {
  it("gives each tool its anthropic schema as input_schema, strict only where the compiler found it strict", () => {
    const schemas = toolset.schemas("anthropic");
    expect(toAnthropicTools(toolset)).toEqual(
      schemas.map((tool) => ({
        name: tool.name,
        description: tool.description,
        input_schema: tool.parameters,
        strict: true,
      })),
    );
    const loose = adhocToolset([
      adhocTool("anything", () => 1, { schemas: { "json-schema": {}, anthropic: { type: "object" } } }),
    ]);
    expect(toAnthropicTools(loose)).toEqual([
      { name: "anything", description: "anything (test tool)", input_schema: { type: "object" } },
    ]);
  });

  it("puts the cacheControl breakpoint on the last tool only", () => {
    const tools = toAnthropicTools(toolset, { cacheControl: { type: "ephemeral", ttl: "1h" } });
    expect(tools.map((tool) => tool.cache_control)).toEqual([
      undefined,
      undefined,
      undefined,
      { type: "ephemeral", ttl: "1h" },
    ]);
  });
});

describe("anthropic adapter with the real @anthropic-ai/sdk client", () => {
  it("runs a conversation: assistant turns unchanged, then one user message of tool_result blocks", async () => {
    const client = await clientFor(
      play(
        { text: "Searching.", calls: [{ name: "searchHotels", args: { city: "Paris", maxPrice: 200 } }] },
        {
          calls: [
            weather("Paris"),
            {
              name: "bookRoom",
              args: { hotelId: "h-paris-1", checkIn: "2026-12-04", nights: 1, guests: [] },
            },
            { name: "bookRoom", args: { hotelId: "h-paris-1", checkIn: "soon" } },
          ],
        },
        { text: "Done." },
      ),
    );
    const steps: string[] = [];
    const result = await runTools(
      client,
      { model: "claude-test", max_tokens: 512, system: "Be brief.", messages: question },
      toolset,
      {
        ctx,
        onStep: (step) =>
          steps.push(
            step.outcomes.map((o) => (o.ok ? `${o.name}:ok` : `${o.name}:${o.error.code}`)).join(","),
          ),
      },
    );

    expect(result.stopReason).toBe("done");
    expect(result.message.content).toEqual([{ type: "text", text: "Done.", citations: null }]);
    expect(steps).toEqual(["searchHotels:ok", "getWeather:ok,bookRoom:ok,bookRoom:invalid_arguments"]);
    const requests = server?.requests ?? [];
    expect(server?.errors).toEqual([]);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request).toMatchObject({ model: "claude-test", max_tokens: 512, system: "Be brief." });
      expect(request.tools).toEqual(toAnthropicTools(toolset));
    }
    expect(requests[1]?.messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: [
          { type: "text", text: "Searching.", citations: null },
          {
            type: "tool_use",
            id: "toolu_1",
            name: "searchHotels",
            input: { city: "Paris", maxPrice: 200 },
            caller: { type: "direct" },
          },
        ],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: "toolu_1",
            content: (
              await toolset.dispatch(
                { name: "searchHotels", arguments: { city: "Paris", maxPrice: 200 } },
                ctx,
              )
            ).content,
          },
        ],
      },
    ]);
    const [weatherResult, booking, wrongBooking] = (requests[2]?.messages.at(-1)?.content ?? []) as Record<
      string,
      unknown
    >[];
    expect([weatherResult?.tool_use_id, booking?.tool_use_id, wrongBooking?.tool_use_id]).toEqual([
      "toolu_2",
      "toolu_3",
      "toolu_4",
    ]);
    expect(weatherResult).not.toHaveProperty("is_error");
    // The booking is made for the caller named by the context.
    expect(JSON.parse(booking?.content as string)).toMatchObject({ bookingId: "bk-u1-h-paris-1-2026-12-04" });
    expect(wrongBooking).toMatchObject({ is_error: true });
    expect(wrongBooking?.content).toContain('Invalid arguments for tool "bookRoom"');
    expect(wrongBooking?.content).toContain("- guests: required Array<object> is missing");
    expect(result.messages).toHaveLength(6);
    expect(result.messages.at(-1)).toEqual({ role: "assistant", content: result.message.content });
  });

  it("sends params.tools as given", async () => {
    const client = await clientFor(play({ text: "hi" }));
    const tools = toAnthropicTools(toolset, { cacheControl: { type: "ephemeral" } });
    await runTools(client, { model: "m", max_tokens: 10, messages: question, tools }, toolset, { ctx });
    expect(server?.requests[0]?.tools?.at(-1)).toMatchObject({ cache_control: { type: "ephemeral" } });
  });

  it("sends a pause_turn message back as it is, and the model continues it", async () => {
    const client = await clientFor(
      play(
        { text: "Searching the web…", stopReason: "pause_turn" },
        ({ request }) => {
          expect(request.messages.at(-1)).toEqual({
            role: "assistant",
            content: [{ type: "text", text: "Searching the web…", citations: null }],
          });
          return { calls: [weather("Oslo")] };
        },
        { text: "Cold." },
      ),
    );
    const result = await runTools(client, { model: "m", max_tokens: 10, messages: question }, toolset, {
      ctx,
    });
    expect(result.stopReason).toBe("done");
    expect(server?.errors).toEqual([]);
    expect(server?.requests).toHaveLength(3);
    // A pause is a request, not a round of tool calls.
    expect(result.steps.map((step) => step.calls.map((call) => call.name))).toEqual([["getWeather"]]);
    expect(result.messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "assistant",
      "user",
      "assistant",
    ]);
  });

  it("counts a pause against maxSteps", async () => {
    const client = await clientFor(play({ text: "…", stopReason: "pause_turn" }));
    const result = await runTools(client, { model: "m", max_tokens: 10, messages: question }, toolset, {
      ctx,
      maxSteps: 1,
    });
    expect(result.stopReason).toBe("max_steps");
    expect(result.steps).toEqual([]);
    expect(result.message.stop_reason).toBe("pause_turn");
  });

  it("does not run the calls of a max_tokens answer (the last one may be cut off)", async () => {
    const client = await clientFor(
      play({
        calls: [{ name: "cancelBooking", args: { bookingId: "bk-1" } }],
        stopReason: "max_tokens",
      }),
    );
    const result = await runTools(client, { model: "m", max_tokens: 10, messages: question }, toolset, {
      ctx,
    });
    expect(result.stopReason).toBe("done");
    expect(result.steps).toEqual([]);
    expect(result.message.stop_reason).toBe("max_tokens");
    // Its unanswered tool_use stays out of the history, which the next request must take.
    expect(result.messages).toEqual(question);
  });

  it("stops after maxSteps requests with every tool_use answered", async () => {
    const client = await clientFor(() => ({ calls: [weather("Oslo")] }));
    const result = await runTools(client, { model: "m", max_tokens: 10, messages: question }, toolset, {
      ctx,
      maxSteps: 2,
    });
    expect(result.stopReason).toBe("max_steps");
    expect(server?.requests).toHaveLength(2);
    expect(result.steps).toHaveLength(2);
    expect(result.messages.at(-1)).toMatchObject({ role: "user", content: [{ tool_use_id: "toolu_2" }] });
  });

  it("stops when onStep returns false", async () => {
    const client = await clientFor(() => ({ calls: [weather("Oslo")] }));
    const result = await runTools(client, { model: "m", max_tokens: 10, messages: question }, toolset, {
      ctx,
      onStep: () => false,
    });
    expect(result.stopReason).toBe("stopped");
    expect(server?.requests).toHaveLength(1);
  });
});

describe("runToolCalls", () => {
  it("answers an SDK message's tool_use blocks in call order, is_error only on failures", async () => {
    const client = await clientFor(
      play({
        text: "Checking.",
        calls: [
          { name: "nope", args: {} },
          { name: "getWeather", args: {} },
          { name: "getWeather", args: { city: "Lima", unit: "f" } },
          { name: "cancelBooking", args: { bookingId: "bk-none" } },
        ],
      }),
    );
    const message = await client.messages.create({ model: "m", max_tokens: 10, messages: question });
    const reply = await runToolCalls(toolset, message, ctx);
    expect(reply.role).toBe("user");
    expect(reply.content.map((block) => [block.type, block.tool_use_id, block.is_error])).toEqual([
      ["tool_result", "toolu_1", true],
      ["tool_result", "toolu_2", true],
      ["tool_result", "toolu_3", undefined],
      ["tool_result", "toolu_4", true],
    ]);
    expect(reply.content[0]?.content).toContain('There is no tool named "nope".');
    expect(reply.content[1]?.content).toContain("- city: required string is missing");
    expect(JSON.parse(reply.content[2]?.content ?? "")).toEqual({ city: "Lima", temperature: 54, unit: "f" });
    expect(reply.content[3]?.content).toContain('Booking "bk-none" does not exist');
    expect(reply.content[2]).not.toHaveProperty("is_error");
  });

  it("reads only tool_use blocks, and answers a message without them with no blocks", async () => {
    const content = [
      { type: "thinking", thinking: "…", signature: "s" },
      { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "x" } },
      { type: "text", text: "Let me check." },
      { type: "tool_use", id: "toolu_9", name: "getWeather", input: { city: "Rome" } },
    ];
    expect(toolCallsOf({ content })).toEqual([
      { id: "toolu_9", name: "getWeather", arguments: { city: "Rome" } },
    ]);
    expect(await runToolCalls(toolset, { content: [{ type: "text" }] }, ctx)).toEqual({
      role: "user",
      content: [],
    });
  });
});

describe("types", () => {
  it("fit the @anthropic-ai/sdk types", () => {
    expectTypeOf(toAnthropicTools(toolset)).toExtend<Anthropic.Tool[]>();
    expectTypeOf<ToolResultMessage>().toExtend<Anthropic.MessageParam>();
    expectTypeOf<Anthropic>().toExtend<Parameters<typeof runTools>[0]>();
    expectTypeOf<Anthropic.Message>().toExtend<Parameters<typeof runToolCalls>[1]>();
    expectTypeOf<Anthropic.MessageCreateParamsNonStreaming>().toExtend<Parameters<typeof runTools>[1]>();
  });

  it("give the SDK's message back, and a history the SDK takes for the next turn", () => {
    type Result = Awaited<
      ReturnType<
        typeof runTools<Anthropic, Anthropic.MessageCreateParamsNonStreaming, ToolMap, ToolsetContext>
      >
    >;
    expectTypeOf<Result["message"]>().toExtend<Anthropic.Message>();
    expectTypeOf<Result["messages"]>().toExtend<Anthropic.MessageParam[]>();
  });
});
