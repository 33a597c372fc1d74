import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { JsonSchema, ToolContext, ToolDefinition } from "@typecall/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { createMcpServer, type McpHttpServing, serveMcp } from "../src/adapters/mcp.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";
import { toolset as contextToolset } from "./fixtures/toolset.ts";

const lookupInput = {
  type: "object",
  properties: { id: { type: "string" } },
  required: ["id"],
  additionalProperties: false,
} as const;

/** An ad-hoc tool with MCP schemas: the arguments' schema in every dialect this test needs. */
function mcpTool(
  name: string,
  run: (args: Record<string, unknown>, ctx: ToolContext) => unknown,
  extra: Partial<ToolDefinition> = {},
  input: JsonSchema = lookupInput,
): ToolDefinition {
  return adhocTool(name, run, {
    schemas: { "json-schema": input, mcp: input },
    validate: (value) => {
      const id = (value as { id?: unknown }).id;
      return typeof id === "string"
        ? { success: true }
        : { success: false, errors: [{ path: "id", expected: "string", value: id }] };
    },
    ...extra,
  });
}

/** What a tool saw of its context: the app's data and whether its signal was aborted. */
const seen: { user?: unknown; aborted?: boolean }[] = [];

/** Resolves when the call's signal aborts, recording it. */
function untilAborted(ctx: ToolContext): Promise<string> {
  return new Promise((resolve) => {
    ctx.signal.addEventListener("abort", () => {
      seen.push({ aborted: true });
      resolve("aborted");
    });
  });
}

const toolset = adhocToolset([
  mcpTool(
    "lookup",
    ({ id }, ctx) => {
      seen.push({ user: (ctx as ToolContext & { userId?: string }).userId });
      return { id, found: true };
    },
    {
      title: "Look something up",
      annotations: { readOnlyHint: true, openWorldHint: false },
      outputSchema: {
        type: "object",
        properties: { id: { type: "string" }, found: { type: "boolean" } },
        required: ["id", "found"],
      },
    },
  ),
  mcpTool("count", ({ id }) => String(id).length, { outputSchema: { type: "integer" } }),
  mcpTool("note", () => "noted"),
  mcpTool(
    "explode",
    () => {
      throw new Error("the backend is down");
    },
    { outputSchema: { type: "string" } },
  ),
  mcpTool("wait", (_args, ctx) => untilAborted(ctx)),
]);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  seen.length = 0;
});

async function connected(ctx?: object): Promise<Client> {
  const server = createMcpServer(toolset, { name: "test", version: "1.0.0", ...(ctx && { ctx }) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "test-client", version: "1.0.0" });
  await client.connect(clientSide);
  closers.push(() => client.close());
  return client;
}

async function overHttp(options: { ctx?: object; headers?: Record<string, string> } = {}) {
  const serving = await serveMcp(toolset, { name: "test", version: "1.0.0", transport: "http", ...options });
  closers.push(serving.close);
  const client = new Client({ name: "test-client", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(serving.url), {
    requestInit: { headers: options.headers ?? {} },
  });
  await client.connect(transport);
  return { serving, client };
}

describe("createMcpServer with the real MCP client", () => {
  it("lists the MCP dialect's tools: input and output schemas, title, annotations", async () => {
    const client = await connected();
    const { tools } = await client.listTools();
    expect(tools).toEqual(toolset.schemas("mcp"));
    expect(tools[0]).toMatchObject({ title: "Look something up", annotations: { readOnlyHint: true } });
    // A result that is not an object is listed wrapped, as the protocol needs an object root.
    expect(tools[1]?.outputSchema).toEqual({
      type: "object",
      properties: { result: { type: "integer" } },
      required: ["result"],
      additionalProperties: false,
    });
  });

  it("answers with a text block and structuredContent, wrapped when the result is not an object", async () => {
    const client = await connected({ userId: "u1" });
    expect(await client.callTool({ name: "lookup", arguments: { id: "a1" } })).toEqual({
      content: [{ type: "text", text: '{"id":"a1","found":true}' }],
      structuredContent: { id: "a1", found: true },
    });
    expect(await client.callTool({ name: "count", arguments: { id: "abcd" } })).toEqual({
      content: [{ type: "text", text: "4" }],
      structuredContent: { result: 4 },
    });
    // No output schema, no structuredContent.
    expect(await client.callTool({ name: "note", arguments: { id: "x" } })).toEqual({
      content: [{ type: "text", text: "noted" }],
    });
    expect(seen).toEqual([{ user: "u1" }]);
  });

  it("flags failures with isError, the dispatcher's feedback as text and no structuredContent", async () => {
    const client = await connected();
    const invalid = await client.callTool({ name: "lookup", arguments: { id: 7 } });
    expect(invalid).toEqual({ content: [{ type: "text", text: expect.any(String) }], isError: true });
    expect((invalid.content as { text: string }[])[0]?.text).toContain(
      "- id: expected string, received number 7",
    );
    const thrown = await client.callTool({ name: "explode", arguments: { id: "x" } });
    expect(thrown.isError).toBe(true);
    expect(thrown.structuredContent).toBeUndefined();
    expect((thrown.content as { text: string }[])[0]?.text).toContain("the backend is down");
  });

  it("answers a call to a tool that does not exist with the protocol's -32602 error, naming the tools", async () => {
    const client = await connected();
    const call = client.callTool({ name: "lookUp", arguments: { id: "a1" } });
    await expect(call).rejects.toBeInstanceOf(McpError);
    await expect(call).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    await expect(call).rejects.toThrow(/There is no tool named "lookUp"\.\nDid you mean "lookup"\?/);
  });

  it("aborts the tool's signal when the client cancels the request", async () => {
    const client = await connected();
    const controller = new AbortController();
    const call = client.callTool({ name: "wait", arguments: { id: "x" } }, undefined, {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort("enough");
    await expect(call).rejects.toThrow(/enough/);
    await expect.poll(() => seen).toEqual([{ aborted: true }]);
  });

  it("rejects the request when a ctx function does, with its McpError", async () => {
    const ctx = () => {
      throw new McpError(-32001, "not signed in");
    };
    const client = await connected(ctx);
    await expect(client.callTool({ name: "lookup", arguments: { id: "a1" } })).rejects.toMatchObject({
      code: -32001,
      message: expect.stringContaining("not signed in"),
    });
    expect(seen).toEqual([]);
  });

  it("needs ctx exactly when the toolset's context does", () => {
    // Type-level only: the fixture has no MCP schemas, so the server is never built.
    const build = () => {
      // @ts-expect-error: the toolset's tools need `{ userId }`.
      createMcpServer(contextToolset, { name: "t", version: "1" });
      createMcpServer(contextToolset, { name: "t", version: "1", ctx: { userId: "u1" } });
      createMcpServer(contextToolset, {
        name: "t",
        version: "1",
        ctx: (extra) => ({ userId: extra.authInfo?.clientId ?? "anonymous" }),
      });
      // @ts-expect-error: a context of the wrong shape.
      createMcpServer(contextToolset, { name: "t", version: "1", ctx: { user: "u1" } });
      createMcpServer(toolset, { name: "t", version: "1" });
    };
    expect(build).toBeTypeOf("function");
  });
});

describe("serveMcp over Streamable HTTP", () => {
  it("serves at /mcp on 127.0.0.1, the context computed from each request's headers", async () => {
    const ctx = (extra: { requestInfo?: { headers: Record<string, string | string[] | undefined> } }) => ({
      userId: extra.requestInfo?.headers["x-user-id"],
    });
    const { serving, client } = await overHttp({ ctx, headers: { "x-user-id": "u9" } });
    expect(serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect((await client.listTools()).tools).toEqual(toolset.schemas("mcp"));
    const result = await client.callTool({ name: "lookup", arguments: { id: "a1" } });
    expect(result.structuredContent).toEqual({ id: "a1", found: true });
    expect(seen).toEqual([{ user: "u9" }]);
  });

  it("aborts the calls in flight of a client that disconnects", async () => {
    const { client } = await overHttp();
    const call = client.callTool({ name: "wait", arguments: { id: "x" } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.close();
    await expect(call).rejects.toThrow();
    await expect.poll(() => seen).toEqual([{ aborted: true }]);
  });

  it("answers 404 off /mcp, 405 to GET (stateless: no streams), 403 to a foreign Host", async () => {
    const serving: McpHttpServing = await serveMcp(toolset, { name: "t", version: "1", transport: "http" });
    closers.push(serving.close);
    const other = await fetch(serving.url.replace("/mcp", "/other"), { method: "POST" });
    expect(other.status).toBe(404);
    const get = await fetch(serving.url, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect(await get.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32000 }, id: null });
    // A page that rebinds its own domain name to 127.0.0.1 sends its own Host header.
    const rebound = await post(serving.url, { host: "evil.example:80" });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain("Invalid Host header: evil.example:80");
  });
});

/** A raw POST of an `initialize` request with chosen headers (fetch does not let a caller set Host). */
function post(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "x", version: "1" } },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
