/**
 * The budgets of the one tool loop, through the Chat Completions adapter and the real `openai`
 * client: calls in all (`maxCalls`), and refusals in a row per tool (`maxRetries`). When one is
 * spent, the loop ends with its reason, every call is answered (the history stays one the API
 * takes), and the model is told.
 */
import { type ChatRequest, type Model, type OpenAIServer, startOpenAIServer } from "@typecall/wire";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { runTools } from "../src/adapters/openai.ts";
import { toolset } from "./fixtures/toolset.ts";

const ctx = { userId: "u1" };
const messages = [{ role: "user" as const, content: "weather" }];
let server: OpenAIServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(model: Model<ChatRequest>): Promise<OpenAI> {
  server = await startOpenAIServer({ model });
  return new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
}

describe("the loop's budgets", () => {
  it("maxRetries: a tool refused for its arguments past the budget ends the run, the model told", async () => {
    // A model that never learns: the city is always missing.
    const client = await clientFor(() => ({ calls: [{ name: "getWeather", args: {} }] }));
    const result = await runTools(client, { model: "m", messages }, toolset, { ctx, maxRetries: 2 });
    expect(result.stopReason).toBe("max_retries");
    expect(result.steps).toHaveLength(3);
    const told = result.messages.filter((m) => m.role === "tool").map((m) => String(m.content));
    expect(told).toHaveLength(3);
    expect(told.slice(0, 2).every((text) => !text.includes("do not call it again"))).toBe(true);
    expect(told[2]).toContain("city: required string is missing");
    expect(told[2]).toContain(
      'The calls to "getWeather" were refused 3 times in a row: do not call it again',
    );
  });

  it("maxRetries counts refusals in a row: a success starts the count again", async () => {
    let turn = 0;
    const client = await clientFor(() => {
      turn++;
      if (turn > 6) return { text: "done" };
      return { calls: [{ name: "getWeather", args: turn % 2 === 0 ? { city: "Oslo" } : {} }] };
    });
    const result = await runTools(client, { model: "m", messages }, toolset, { ctx, maxRetries: 1 });
    expect(result.stopReason).toBe("done");
  });

  it("maxCalls: calls past the budget are answered without running, and the run ends", async () => {
    const city = (name: string) => ({ name: "getWeather", args: { city: name } });
    const client = await clientFor(() => ({ calls: [city("Oslo"), city("Rome"), city("Lima")] }));
    const result = await runTools(client, { model: "m", messages }, toolset, { ctx, maxCalls: 2 });
    expect(result.stopReason).toBe("max_calls");
    const outcomes = result.steps[0]?.outcomes.map((o) => (o.ok ? "ok" : o.error.code));
    expect(outcomes).toEqual(["ok", "ok", "limit_exceeded"]);
    const last = result.messages.at(-1);
    expect(last).toMatchObject({ role: "tool", tool_call_id: "call_3" });
    expect(String(last?.content)).toContain("budget of 2 tool calls is spent");
    // The history goes on: every call is answered.
    await expect(
      client.chat.completions.create({ model: "m", messages: result.messages }),
    ).resolves.toBeDefined();
    expect(server?.errors).toEqual([]);
  });

  it("refuses budgets that are not whole numbers", async () => {
    const client = await clientFor(() => ({ text: "hi" }));
    for (const bad of [{ maxCalls: -1 }, { maxRetries: 1.5 }, { maxCalls: Number.NaN }])
      await expect(runTools(client, { model: "m", messages }, toolset, { ctx, ...bad })).rejects.toThrow(
        RangeError,
      );
  });
});
