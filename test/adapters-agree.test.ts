/**
 * One tool module (the quick start's: a `ToolContext` parameter, a tool that throws) through every
 * adapter, each driven by its real SDK: the model must be told the same thing, round by round,
 * whatever the provider. The demo conversation is played by each provider's scripted server, and
 * what the model read in each request (the tool results, as the server parsed them from the wire)
 * is compared.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import { toAISDKTools } from "@typecall/runtime/ai-sdk";
import { runTools as runAnthropic } from "@typecall/runtime/anthropic";
import { runTools as runGemini } from "@typecall/runtime/gemini";
import { runTools as runChat } from "@typecall/runtime/openai";
import { runTools as runResponses } from "@typecall/runtime/openai-responses";
import {
  type Model,
  type ModelView,
  playMcp,
  type ScriptResult,
  startAnthropicServer,
  startGeminiServer,
  startOpenAIServer,
  startResponsesServer,
} from "@typecall/wire";
import { generateText, stepCountIs } from "ai";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { connectHotels, serveHotels } from "../examples/mcp/src/hotels.ts";
import { DEMO_REQUEST, demoModel } from "../examples/quickstart/src/scripted-model.ts";
import { toolset } from "../examples/quickstart/src/tools.typecall.ts";

const ctx = { userId: "u7" };

/** What the model read in one request: each tool result's name, text and error flag. */
type Round = { name: string; text: string; failed: boolean | undefined }[];

/** A run of the demo under one adapter: the rounds the model read, and its final answer. */
interface Run {
  rounds: Round[];
  answer: string | undefined;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** The demo model, recording what it reads and what it answers last. */
function recordingModel<Request>(run: Run): Model<Request> {
  const model = demoModel<Request>();
  return async (view: ModelView<Request>) => {
    if (view.results.length > 0) run.rounds.push(view.results.map(roundEntry));
    const answer = await model(view);
    run.answer = answer.text;
    return answer;
  };
}

function roundEntry(result: ScriptResult): Round[number] {
  return { name: result.name, text: result.content, failed: result.isError };
}

const adapters: Record<string, () => Promise<Run>> = {
  async "openai chat completions"() {
    const run: Run = { rounds: [], answer: undefined };
    const server = await startOpenAIServer({ model: recordingModel(run) });
    closers.push(server.close);
    const client = new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const messages = [{ role: "user" as const, content: DEMO_REQUEST }];
    await runChat(client, { model: "scripted", messages }, toolset, { ctx });
    expect(server.errors).toEqual([]);
    return run;
  },
  // MCP has no model API: a scripted host calls the tools with the SDK's Client over Streamable
  // HTTP, and the model reads each callTool result's text block and isError. Nothing is normalised.
  async "mcp (streamable http)"() {
    const run: Run = { rounds: [], answer: undefined };
    const server = await serveHotels();
    const client = await connectHotels(server.url, ctx.userId);
    closers.push(async () => {
      await client.close();
      await server.close();
    });
    await playMcp(client, recordingModel(run), { prompt: DEMO_REQUEST });
    return run;
  },
  // Nothing to normalise: tool_result content is the outcome's text as it is, and is_error is the flag.
  async anthropic() {
    const run: Run = { rounds: [], answer: undefined };
    const server = await startAnthropicServer({ model: recordingModel(run) });
    closers.push(server.close);
    const client = new Anthropic({ apiKey: "test", baseURL: server.url, maxRetries: 0 });
    const messages = [{ role: "user" as const, content: DEMO_REQUEST }];
    await runAnthropic(client, { model: "scripted", max_tokens: 1024, messages }, toolset, { ctx });
    expect(server.errors).toEqual([]);
    return run;
  },
  // Nothing to normalise: the server reads a result's text back from `output` (as JSON, a string
  // as is) or `error`, which is the outcome's content, and flags `error` as the error.
  async gemini() {
    const run: Run = { rounds: [], answer: undefined };
    const server = await startGeminiServer({ model: recordingModel(run) });
    closers.push(server.close);
    const ai = new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url } });
    await runGemini(ai, { model: "scripted", contents: DEMO_REQUEST }, toolset, { ctx });
    expect(server.errors).toEqual([]);
    return run;
  },
  // The AI SDK runs its own loop (stopWhen) over the Chat Completions wire, through
  // @ai-sdk/openai-compatible: nothing to normalise, the tool messages carry the text as is. The
  // tools alone, without toAISDKOptions' hooks (the demo has no call the SDK rejects itself).
  async "vercel ai sdk (generateText)"() {
    const run: Run = { rounds: [], answer: undefined };
    const server = await startOpenAIServer({ model: recordingModel(run) });
    closers.push(server.close);
    const local = createOpenAICompatible({ name: "local", baseURL: `${server.url}/v1`, apiKey: "test" });
    await generateText({
      model: local.chatModel("scripted"),
      prompt: DEMO_REQUEST,
      maxRetries: 0,
      stopWhen: stepCountIs(8),
      tools: toAISDKTools(toolset, ctx),
    });
    expect(server.errors).toEqual([]);
    return run;
  },
  // Responses, both ways of continuing: the server reads the results from the stored conversation
  // (previous_response_id) or from the whole history sent again (store: false). Nothing to
  // normalise: the output items carry the same text, and the format has no error flag either.
  "openai responses (previous_response_id)": () => responsesRun({}),
  "openai responses (store: false)": () =>
    responsesRun({ store: false, include: ["reasoning.encrypted_content"] }),
};

async function responsesRun(extra: { store?: false; include?: string[] }): Promise<Run> {
  const run: Run = { rounds: [], answer: undefined };
  const server = await startResponsesServer({ model: recordingModel(run) });
  closers.push(server.close);
  const client = new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
  await runResponses(client, { model: "scripted", input: DEMO_REQUEST, ...extra }, toolset, { ctx });
  expect(server.errors).toEqual([]);
  return run;
}

describe("every adapter tells the model the same", () => {
  it.each(Object.keys(adapters))("%s", async (name) => {
    const run = await adapters[name]?.();
    expect(run).toBeDefined();
    if (!run) return;
    // The conversation itself: what the model read, round by round.
    expect(run.rounds.map((round) => round.map((entry) => entry.name))).toEqual([
      ["searchHotels"],
      ["getWeather", "bookRoom"],
      ["bookRoom", "cancelBooking"],
    ]);
    const [search, [weather, wrongBooking], [booking, cancel]] = run.rounds as [Round, Round, Round];
    expect(JSON.parse(search[0]?.text ?? "")).toMatchObject([{ id: "h-paris-1" }]);
    expect(JSON.parse(weather?.text ?? "")).toEqual({ city: "Paris", temperature: 15, unit: "c" });
    expect(wrongBooking?.text).toContain('- nights: expected number, received string "two"');
    expect(JSON.parse(booking?.text ?? "")).toMatchObject({ bookingId: "bk-u7-h-paris-1-2026-12-04" });
    expect(cancel?.text).toContain('Booking "bk-old-1" does not exist or was already cancelled.');
    // Where the format flags errors, exactly the two failures are flagged.
    const flags = run.rounds.flat().map((entry) => entry.failed);
    if (flags.some((flag) => flag !== undefined)) expect(flags).toEqual([false, false, true, false, true]);
    expect(run.answer).toContain("bk-u7-h-paris-1-2026-12-04");
    // And word for word the same as under Chat Completions.
    const reference = await adapters["openai chat completions"]?.();
    expect(run.rounds.map((round) => round.map(({ name, text }) => ({ name, text })))).toEqual(
      reference?.rounds.map((round) => round.map(({ name, text }) => ({ name, text }))),
    );
    expect(run.answer).toBe(reference?.answer);
  });
});
