/**
 * Approval and data protection through every client, on the guard's help desk module: a signed-in
 * user pays an invoice with a card (`payInvoice`: `@scope tickets:write`, `@approval`, the card's
 * number and code and the payment's confirmation `@sensitive`).
 * - The run stops with the approval, the arguments shown with the card masked; it is kept as JSON
 *   and resumed on another toolset instance that shares only the secret; the tool runs once.
 * - A forged, an altered and an expired token are refused, and the model is told.
 * - The card's number and code and the confirmation reach the tool and the app's own value, and no
 *   content the model reads, no hook payload and no span attribute. The model reads the same
 *   text through Chat Completions, Responses, Anthropic, Gemini, the AI SDK and MCP.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import type { Approval, ToolsetOptions } from "@typecall/runtime";
import { toAISDKTools } from "@typecall/runtime/ai-sdk";
import { runTools as runAnthropic } from "@typecall/runtime/anthropic";
import { runTools as runGemini } from "@typecall/runtime/gemini";
import { createMcpServer, elicitApproval, type McpServerOptions, serveMcp } from "@typecall/runtime/mcp";
import { runTools as runChat } from "@typecall/runtime/openai";
import { runTools as runResponses } from "@typecall/runtime/openai-responses";
import { otelHooks } from "@typecall/runtime/otel";
import {
  type ModelView,
  type ScriptAnswer,
  startAnthropicServer,
  startGeminiServer,
  startOpenAIServer,
  startResponsesServer,
} from "@typecall/wire";
import { generateText, type ModelMessage, stepCountIs } from "ai";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { Caller } from "./fixtures/guarded/tools.ts";
import { toolset } from "./fixtures/guarded/tools.typecall.ts";

const SECRET = "the help desk's approval secret, 32 characters or more";
const CARD = "4242424242424242";
// Distinct enough not to turn up by chance in a timestamp or a random token.
const CVC = "C913X";
const card = { number: CARD, cvc: CVC, holder: "Ada Lovelace" };
const user: Caller = { userId: "u1", scopes: ["tickets:write"] };
const args = { invoiceId: "inv-1", card };
/** What the model reads of the payment, through every client. */
const PAID =
  '{"paid":"inv-1","by":"u1","note":"charged card [redacted] of Ada Lovelace","confirmation":"[redacted]"}';
const SHOWN = {
  invoiceId: "inv-1",
  card: { number: "[redacted]", cvc: "[redacted]", holder: "Ada Lovelace" },
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A toolset instance of its own (as on another machine), traced, and everything it wrote to hooks and spans. */
function instance(options: ToolsetOptions = {}) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const payloads: unknown[] = [];
  const own = toolset.with({
    approvalSecret: SECRET,
    ...options,
    hooks: otelHooks(provider.getTracer("guard"), {
      onCall: (event) => payloads.push(event),
      onOutcome: (outcome, event) => payloads.push(outcome, event),
    }),
  });
  const written = () =>
    JSON.stringify([
      payloads,
      exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.status, s.events]),
    ]);
  return { toolset: own, written, payloads };
}

/** A model that pays, then answers with what it read; `read` collects every tool result it gets. */
function payer(read: string[]) {
  return (view: ModelView<unknown>): ScriptAnswer => {
    read.push(...view.results.map((result) => result.content));
    return view.results.length === 0 ? { calls: [{ name: "payInvoice", args }] } : { text: "Paid." };
  };
}

/** None of the card's secrets, nor the confirmation, in any of `texts`. */
function expectNoSecret(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(CARD);
    expect(text).not.toContain(CVC);
    expect(text).not.toContain("conf-");
  }
}

/** One run of each loop adapter, the model behind a wire server: how it stops, how it resumes. */
const loops = {
  async "openai chat completions"(read: string[]) {
    const server = await startOpenAIServer({ model: payer(read) });
    closers.push(server.close);
    const client = new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const params = { model: "m", messages: [{ role: "user" as const, content: "pay my invoice" }] };
    return {
      first: (on: typeof toolset) => runChat(client, params, on, { ctx: user }),
      resume: (
        on: typeof toolset,
        kept: { messages: never[]; pending: never },
        decide: () => boolean | string,
      ) =>
        runChat(client, { ...params, messages: kept.messages }, on, {
          ctx: user,
          resume: kept.pending,
          decide,
        }),
    };
  },
  async "openai responses (previous_response_id)"(read: string[]) {
    const server = await startResponsesServer({ model: payer(read) });
    closers.push(server.close);
    const client = new OpenAI({ apiKey: "test", baseURL: `${server.url}/v1`, maxRetries: 0 });
    const params = { model: "m", input: "pay my invoice" };
    return {
      first: (on: typeof toolset) => runResponses(client, params, on, { ctx: user }),
      resume: (
        on: typeof toolset,
        kept: { messages: never[]; pending: never },
        decide: () => boolean | string,
      ) =>
        runResponses(client, { ...params, input: kept.messages }, on, {
          ctx: user,
          resume: kept.pending,
          decide,
        }),
    };
  },
  async gemini(read: string[]) {
    const server = await startGeminiServer({ model: payer(read) });
    closers.push(server.close);
    const ai = new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url } });
    const params = { model: "m", contents: "pay my invoice" };
    return {
      first: (on: typeof toolset) => runGemini(ai, params, on, { ctx: user }),
      resume: (
        on: typeof toolset,
        kept: { messages: never[]; pending: never },
        decide: () => boolean | string,
      ) =>
        runGemini(ai, { ...params, contents: kept.messages }, on, {
          ctx: user,
          resume: kept.pending,
          decide,
        }),
    };
  },
  async anthropic(read: string[]) {
    const server = await startAnthropicServer({ model: payer(read) });
    closers.push(server.close);
    const client = new Anthropic({ apiKey: "test", baseURL: server.url, maxRetries: 0 });
    const params = {
      model: "m",
      max_tokens: 100,
      messages: [{ role: "user" as const, content: "pay my invoice" }],
    };
    return {
      first: (on: typeof toolset) => runAnthropic(client, params, on, { ctx: user }),
      resume: (
        on: typeof toolset,
        kept: { messages: never[]; pending: never },
        decide: () => boolean | string,
      ) =>
        runAnthropic(client, { ...params, messages: kept.messages }, on, {
          ctx: user,
          resume: kept.pending,
          decide,
        }),
    };
  },
};

describe.each(Object.keys(loops) as (keyof typeof loops)[])("approval through %s", (adapter) => {
  it("stops for approval, resumes on another instance sharing only the secret, and masks the card", async () => {
    const read: string[] = [];
    const loop = await loops[adapter](read);
    const asking = instance();
    const resuming = instance();
    const first = await loop.first(asking.toolset);
    expect(first.stopReason).toBe("needs_approval");
    expect(first.approvals).toHaveLength(1);
    expect(first.approvals[0]).toMatchObject({ tool: "payInvoice", arguments: SHOWN });
    expect(read).toEqual([]);
    // Kept as JSON (a database, a queue) until the person answers on another machine.
    const kept = JSON.parse(JSON.stringify({ messages: first.messages, pending: first.pending }));
    const second = await loop.resume(resuming.toolset, kept, () => true);
    expect(second.stopReason).toBe("done");
    expect(read).toEqual([PAID]);
    // The tool got the real card; the app's own value holds what it returned.
    const [outcome] = second.steps[0]?.outcomes ?? [];
    expect(outcome).toMatchObject({ ok: true, value: { note: `charged card ${CARD} of Ada Lovelace` } });
    expect(JSON.stringify((outcome as { value: unknown }).value)).toContain(`conf-${CVC}-inv-1`);
    expectNoSecret(
      JSON.stringify(first.approvals),
      first.approvals[0]?.token ?? "",
      asking.written(),
      resuming.written(),
    );
    expectNoSecret(
      Buffer.from((first.approvals[0]?.token ?? "").split(".")[0] ?? "", "base64url").toString(),
    );
    expect(asking.payloads.length).toBeGreaterThan(0);
    expect(resuming.payloads.length).toBeGreaterThan(0);
  });

  it("refuses a forged, an altered and an expired token, and the model is told", async () => {
    const read: string[] = [];
    const loop = await loops[adapter](read);
    const asking = instance({ approvalExpiryMs: 200 });
    const first = await loop.first(asking.toolset);
    const kept = JSON.parse(JSON.stringify({ messages: first.messages, pending: first.pending }));
    const approval = kept.pending.outcomes[0].approval as Approval;
    const [payload, signature] = approval.token.split(".") as [string, string];
    const body = JSON.parse(Buffer.from(payload, "base64url").toString());
    const altered = `${Buffer.from(JSON.stringify({ ...body, tool: "refundOrder" })).toString("base64url")}.${signature}`;
    const forged = `${payload}.${Buffer.from("not our signature").toString("base64url")}`;
    for (const token of [altered, forged]) {
      const outcome = await asking.toolset.approve(token, user);
      expect(outcome).toMatchObject({ ok: false, error: { code: "denied" } });
      expect(outcome.content).toMatch(/signature does not match/);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    const second = await loop.resume(asking.toolset, kept, () => true);
    expect(second.stopReason).toBe("done");
    expect(read).toEqual([
      'The call to tool "payInvoice" was not run: its approval could not be used (it expired).',
    ]);
    expectNoSecret(asking.written());
  });
});

describe("approval through the vercel ai sdk", () => {
  it("uses needsApproval, then runs the approved call once, the card masked", async () => {
    const read: string[] = [];
    const server = await startOpenAIServer({ model: payer(read) });
    closers.push(server.close);
    const model = createOpenAICompatible({
      name: "local",
      baseURL: `${server.url}/v1`,
      apiKey: "test",
    }).chatModel("m");
    const asking = instance();
    const prompt: ModelMessage[] = [{ role: "user", content: "pay my invoice" }];
    const first = await generateText({
      model,
      messages: prompt,
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      tools: toAISDKTools(asking.toolset, user),
    });
    const request = first.content.find((part) => part.type === "tool-approval-request");
    expect(request?.toolCall.toolName).toBe("payInvoice");
    expect(read).toEqual([]);
    const resuming = instance();
    const answer: ModelMessage = {
      role: "tool",
      content: [{ type: "tool-approval-response", approvalId: request?.approvalId ?? "", approved: true }],
    };
    const second = await generateText({
      model,
      messages: [...prompt, ...first.response.messages, answer],
      maxRetries: 0,
      stopWhen: stepCountIs(3),
      tools: toAISDKTools(resuming.toolset, user),
    });
    expect(second.text).toBe("Paid.");
    expect(read).toEqual([PAID]);
    expectNoSecret(JSON.stringify(second.response.messages), asking.written(), resuming.written());
  });
});

describe("approval through mcp", () => {
  async function connect(options: Omit<McpServerOptions<Caller>, "name" | "version">) {
    const server = await serveMcp(toolset.with({ approvalSecret: SECRET }), {
      name: "help",
      version: "1.0.0",
      transport: "http",
      ...options,
    });
    closers.push(server.close);
    const client = new Client({ name: "guard", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    closers.push(() => client.close());
    return client;
  }

  it("asks the approver, runs the call once it says yes, and masks the card", async () => {
    const asked: Approval[] = [];
    const client = await connect({
      ctx: () => user,
      approver: (approval) => {
        asked.push(approval);
        return true;
      },
    });
    const listed = (await client.listTools()).tools.find((tool) => tool.name === "payInvoice");
    // Structured content would be the unmasked value: a tool with secrets answers in text alone.
    expect(listed?.outputSchema).toBeUndefined();
    const result = await client.callTool({ name: "payInvoice", arguments: args });
    expect(asked.map((a) => a.arguments)).toEqual([SHOWN]);
    expect(result).toEqual({ content: [{ type: "text", text: PAID }] });
  });

  it("without an approver, answers isError asking for the user's confirmation, and does not run", async () => {
    const client = await connect({ ctx: () => user });
    const result = await client.callTool({ name: "payInvoice", arguments: args });
    expect(result.isError).toBe(true);
    const text = JSON.stringify(result.content);
    expect(text).toContain(`needs the user's approval before it runs, and it was not run`);
    expectNoSecret(text);
  });

  it("elicitApproval over stateless HTTP declines at once: no request can reach the client", async () => {
    const client = await connect({ ctx: () => user, approver: elicitApproval });
    const started = Date.now();
    const result = await client.callTool({ name: "payInvoice", arguments: args });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(JSON.stringify(result.content)).toContain("the user cannot be asked over this transport");
  });

  it("elicitApproval asks the user through the client, and a no declines", async () => {
    for (const approve of [true, false]) {
      const server = createMcpServer(toolset.with({ approvalSecret: SECRET }), {
        name: "help",
        version: "1.0.0",
        ctx: user,
        approver: elicitApproval,
      });
      const client = new Client({ name: "guard", version: "1.0.0" }, { capabilities: { elicitation: {} } });
      const messages: string[] = [];
      client.setRequestHandler(ElicitRequestSchema, (request) => {
        messages.push(request.params.message);
        return { action: "accept", content: { approve } };
      });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
      closers.push(() => client.close());
      const result = await client.callTool({ name: "payInvoice", arguments: args });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('"payInvoice"');
      expectNoSecret(messages[0] ?? "", JSON.stringify(result));
      if (approve) expect(result).toEqual({ content: [{ type: "text", text: PAID }] });
      else expect(JSON.stringify(result.content)).toContain("A person declined the call to tool");
    }
  });
});

describe("the generated toolset", () => {
  it("shows no secret in what a failing payment writes, and runs a token once", async () => {
    const observed = instance();
    const outcome = await observed.toolset.dispatch(
      {
        name: "payInvoice",
        arguments: JSON.stringify({ invoiceId: "i", card: { ...card, number: `0${CARD}` } }),
      },
      user,
    );
    const token = outcome.ok ? "" : (outcome.approval?.token ?? "");
    const failed = await observed.toolset.approve(token, user);
    expect(failed).toMatchObject({ ok: false, error: { code: "execution_error" } });
    expect(failed.content).toContain("card [redacted] was declined");
    expect(await observed.toolset.approve(token, user)).toMatchObject({ error: { code: "denied" } });
    expectNoSecret(JSON.stringify([outcome, failed]), observed.written());
  });
});
