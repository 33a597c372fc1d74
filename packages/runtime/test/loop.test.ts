/**
 * The budgets of the one tool loop, through the Chat Completions adapter and the real `openai`
 * client: calls in all (`maxCalls`), and refusals in a row per tool (`maxRetries`). When one is
 * spent, the loop ends with its reason, every call is answered (the history stays one the API
 * takes), and the model is told.
 */
import { type ChatRequest, type Model, type OpenAIServer, script, startOpenAIServer } from "@typecall/wire";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { runTools } from "../src/adapters/openai.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";
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

describe("a run that waits for approval", () => {
  const SECRET = "a secret of at least thirty-two characters";
  const ran: string[] = [];
  const tools = [
    adhocTool(
      "refund",
      (args) => {
        ran.push(`refund ${args.amount}`);
        return { refunded: args.amount };
      },
      { approval: true },
    ),
    adhocTool("lookup", () => {
      ran.push("lookup");
      return "order 7";
    }),
  ];
  const refundAndLookup = {
    calls: [
      { name: "refund", args: { amount: 30 } },
      { name: "lookup", args: {} },
    ],
  };

  it("stops with the calls unanswered, and resumes on another instance as the person decides", async () => {
    ran.length = 0;
    const seen: string[][] = [];
    const client = await clientFor(
      script<ChatRequest>([
        refundAndLookup,
        ({ request }) => {
          seen.push(request.messages.filter((m) => m.role === "tool").map((m) => String(m.content)));
          return { text: "Refunded." };
        },
      ]),
    );
    const asking = adhocToolset(tools, { approvalSecret: SECRET });
    const first = await runTools(client, { model: "m", messages }, asking);
    expect(first.stopReason).toBe("needs_approval");
    expect(first.approvals.map((a) => [a.tool, a.arguments])).toEqual([["refund", { amount: 30 }]]);
    // The other call ran; nothing answers the calls yet, so the history ends with the model's turn.
    expect(ran).toEqual(["lookup"]);
    expect(first.messages.at(-1)).toMatchObject({ role: "assistant" });
    expect(first.steps).toHaveLength(0);
    // Kept as JSON until the person answers, then resumed by an instance sharing only the secret.
    const { pending, messages: history } = JSON.parse(JSON.stringify(first));
    const resuming = adhocToolset(tools, { approvalSecret: SECRET });
    const second = await runTools(client, { model: "m", messages: history }, resuming, {
      resume: pending,
      decide: (approval) => approval.tool === "refund",
    });
    expect(second.stopReason).toBe("done");
    expect(ran).toEqual(["lookup", "refund 30"]);
    expect(seen).toEqual([['{"refunded":30}', "order 7"]]);
    expect(second.steps.map((s) => s.outcomes.map((o) => o.ok))).toEqual([[true, true]]);
  });

  it("tells the model of a declined call, with the person's reason", async () => {
    ran.length = 0;
    const client = await clientFor(
      script<ChatRequest>([refundAndLookup, { text: "OK, no refund." }, { text: "Still no refund." }]),
    );
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    const first = await runTools(client, { model: "m", messages }, toolset);
    const second = await runTools(client, { model: "m", messages: first.messages }, toolset, {
      resume: first.pending,
      decide: () => "the order was already refunded",
    });
    expect(ran).toEqual(["lookup"]);
    const told = second.messages.filter((m) => m.role === "tool").map((m) => String(m.content));
    expect(told[0]).toContain('A person declined the call to tool "refund": the order was already refunded');
    // Resuming again with the same pending is refused: each approval is decided once.
    const again = await runTools(client, { model: "m", messages: first.messages }, toolset, {
      resume: first.pending,
      decide: () => true,
    });
    expect(ran).toEqual(["lookup"]);
    const retold = again.messages.filter((m) => m.role === "tool").map((m) => String(m.content));
    expect(retold[0]).toMatch(/approval could not be used \(it was already decided\)/);
  });

  it("refuses resume without decide", async () => {
    const client = await clientFor(script<ChatRequest>([refundAndLookup]));
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    const first = await runTools(client, { model: "m", messages }, toolset);
    await expect(
      runTools(client, { model: "m", messages: first.messages }, toolset, { resume: first.pending }),
    ).rejects.toThrow(/resume needs decide/);
  });
});
