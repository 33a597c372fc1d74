/**
 * The guard through every client: one tool module with `@scope`, `@approval` and `@sensitive`
 * tags, three callers (anonymous, a user, an admin).
 * - Each caller is offered exactly its tools by every adapter, a call to a tool it may not use is
 *   answered as a call to a tool that does not exist, and no answer names a tool it may not see.
 * - A payment waits for a person's yes: the run stops with the approval, and resumes on another
 *   toolset instance that shares only the secret; a forged, altered or expired token is refused.
 * - The card's number and code, and the payment's confirmation, reach the tool and the app's own
 *   value, and no content the model reads, no hook payload and no span attribute.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import Anthropic from "@anthropic-ai/sdk";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { toAISDKTools } from "@typecall/runtime/ai-sdk";
import { runTools as runAnthropic } from "@typecall/runtime/anthropic";
import { serveMcp } from "@typecall/runtime/mcp";
import { runTools as runChat } from "@typecall/runtime/openai";
import { type ModelView, type ScriptAnswer, startAnthropicServer, startOpenAIServer } from "@typecall/wire";
import { generateText, stepCountIs } from "ai";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { Caller } from "./fixtures/guarded/tools.ts";
import { toolset } from "./fixtures/guarded/tools.typecall.ts";

const callers: Record<string, { ctx: Caller; tools: string[] }> = {
  anonymous: { ctx: {}, tools: ["searchArticles"] },
  user: {
    ctx: { userId: "u1", scopes: ["tickets:write"] },
    tools: ["searchArticles", "openTicket", "payInvoice"],
  },
  admin: {
    ctx: { userId: "a1", scopes: ["tickets:write", "payments:refund"] },
    tools: ["searchArticles", "openTicket", "refundOrder", "payInvoice"],
  },
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A model that tries the admin's tool, then answers with what it was told. */
function refundAttempt() {
  let turn = 0;
  return (view: ModelView<unknown>): ScriptAnswer =>
    turn++ === 0
      ? { calls: [{ name: "refundOrder", args: { orderId: "o-9" } }] }
      : { text: view.results[0]?.content ?? "" };
}

/** What one adapter showed a caller: the tools offered, and the answer to the refund call. */
type Seen = { offered: string[]; answer: string };

const adapters: Record<string, (ctx: Caller) => Promise<Seen>> = {
  async "openai chat completions"(ctx) {
    const server = await startOpenAIServer({ model: refundAttempt() });
    closers.push(server.close);
    const client = new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const result = await runChat(
      client,
      { model: "m", messages: [{ role: "user", content: "refund" }] },
      toolset,
      { ctx },
    );
    expect(server.errors).toEqual([]);
    const offered = server.requests[0]?.tools?.map((tool) => tool.function.name) ?? [];
    return { offered, answer: String(result.completion.choices[0]?.message.content) };
  },
  async anthropic(ctx) {
    const server = await startAnthropicServer({ model: refundAttempt() });
    closers.push(server.close);
    const client = new Anthropic({ apiKey: "test", baseURL: server.url, maxRetries: 0 });
    const messages = [{ role: "user" as const, content: "refund" }];
    const result = await runAnthropic(client, { model: "m", max_tokens: 100, messages }, toolset, { ctx });
    expect(server.errors).toEqual([]);
    const offered = server.requests[0]?.tools?.map((tool) => tool.name) ?? [];
    const text = result.message.content.flatMap((block) => (block.type === "text" ? [block.text] : []));
    return { offered, answer: text.join("") };
  },
  async "vercel ai sdk"(ctx) {
    const server = await startOpenAIServer({ model: refundAttempt() });
    closers.push(server.close);
    const local = createOpenAICompatible({ name: "local", baseURL: `${server.url}/v1`, apiKey: "test" });
    const { text } = await generateText({
      model: local.chatModel("m"),
      prompt: "refund",
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      tools: toAISDKTools(toolset, ctx),
    });
    const offered = server.requests[0]?.tools?.map((tool) => tool.function.name) ?? [];
    return { offered, answer: text };
  },
  async "mcp (streamable http)"(ctx) {
    const server = await serveMcp(toolset, {
      name: "help",
      version: "1.0.0",
      transport: "http",
      ctx: () => ctx,
    });
    closers.push(server.close);
    const client = new Client({ name: "guard", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    closers.push(() => client.close());
    const offered = (await client.listTools()).tools.map((tool) => tool.name);
    const answer = await client.callTool({ name: "refundOrder", arguments: { orderId: "o-9" } }).then(
      (result) => JSON.stringify(result.content),
      (error: unknown) => String(error),
    );
    return { offered, answer };
  },
};

describe.each(Object.keys(adapters))("access control through %s", (adapter) => {
  it.each(Object.keys(callers))("offers the %s exactly its tools and hides the others", async (caller) => {
    const { ctx, tools } = callers[caller] as { ctx: Caller; tools: string[] };
    const seen = await adapters[adapter]?.(ctx);
    expect(seen?.offered).toEqual(tools);
    if (tools.includes("refundOrder")) {
      expect(seen?.answer).toContain("o-9");
      return;
    }
    // Answered as a tool that does not exist, naming only the caller's own tools: past the line
    // that repeats the name the model called, no hidden tool is named (no "did you mean").
    const called = /no tool named "refundOrder"|unavailable tool 'refundOrder'/i;
    expect(seen?.answer).toMatch(called);
    const rest = seen?.answer.replace(called, "");
    for (const hidden of ["openTicket", "refundOrder", "payInvoice"].filter((name) => !tools.includes(name)))
      expect(rest).not.toContain(hidden);
  });
});
