/**
 * `@typecall/runtime/mcp`: a toolset served as an MCP server, on the low-level `Server` of
 * `@modelcontextprotocol/sdk` 1.x (its `McpServer.registerTool` takes only zod schemas, and a
 * toolset has JSON Schemas). The SDK is an optional peer dependency, imported by this subpath only;
 * the transports are imported when {@link serveMcp} needs them.
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ElicitResultSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type ServerNotification,
  type ServerRequest,
} from "@modelcontextprotocol/sdk/types.js";
import { MCP_RESULT_KEY, wrapsResult } from "../dialects.ts";
import type { AnyOutcome, Approval, DispatchArgs, ToolMapShape } from "../outcome.ts";
import { hasSensitive } from "../sensitive.ts";
import type { Toolset } from "../toolset.ts";
import type { EmptyContext } from "../types.ts";
import { approving } from "./approving.ts";
import { decideOne } from "./loop.ts";

/** What the SDK tells a request handler about the request: `authInfo`, `sessionId`, `requestInfo` (HTTP headers), `signal`. */
export type McpRequestExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** The application context of the calls: one value, or computed from each request (its auth info, headers). */
export type McpContext<C extends object> = C | ((extra: McpRequestExtra) => C | Promise<C>);

/** Options of {@link createMcpServer}: the server's name and version, and the context its calls get. */
export type McpServerOptions<C extends object> = {
  /** The server's name, as `initialize` reports it. */
  readonly name: string;
  /** The server's version, as `initialize` reports it. */
  readonly version: string;
  /**
   * Who answers for a tool tagged `@approval`: `true` runs the call (with the request's ctx, whose
   * scopes must allow the tool), `false` or a reason declines it, and the client gets the outcome.
   * {@link elicitApproval} asks the user through the client (MCP elicitation). Without an approver,
   * such a call is an `isError` result that asks for the user's confirmation and does not run.
   */
  readonly approver?: McpApprover;
} & (EmptyContext extends C ? { readonly ctx?: McpContext<C> } : { readonly ctx: McpContext<C> });

/** Answers an approval for an MCP call: `true` approves, `false` or a reason declines. */
export type McpApprover = (
  approval: Approval,
  extra: McpRequestExtra,
  session: McpApprovalSession,
) => boolean | string | Promise<boolean | string>;

/** What an approver may do in the request's session. */
export interface McpApprovalSession {
  /** The server answering the call (its client's capabilities: `server.getClientCapabilities()`). */
  readonly server: Server;
  /** Whether a request can reach the client during the call: false over stateless HTTP. */
  readonly canAskClient: boolean;
}

/** How long {@link elicitApproval} waits for the user's answer (10 minutes). */
const ELICIT_TIMEOUT_MS = 600_000;

/**
 * An approver that asks the user through the MCP client (`elicitation/create`, a yes or no with the
 * tool's name and its arguments, sensitive values masked). A client without elicitation, or a
 * transport that cannot carry requests to the client (stateless HTTP), declines.
 */
export const elicitApproval: McpApprover = async (approval, extra, { server, canAskClient }) => {
  if (!canAskClient) return "the user cannot be asked over this transport";
  if (server.getClientCapabilities()?.elicitation === undefined) return "the client cannot ask the user";
  const message = `Allow the call to "${approval.tool}" with ${JSON.stringify(approval.arguments)}?`;
  const requestedSchema = {
    type: "object" as const,
    properties: { approve: { type: "boolean" as const, title: "Approve", description: message } },
    required: ["approve"],
  };
  try {
    const answer = await extra.sendRequest(
      { method: "elicitation/create", params: { message, requestedSchema } },
      ElicitResultSchema,
      { timeout: ELICIT_TIMEOUT_MS },
    );
    if (answer.action === "accept" && answer.content?.approve === true) return true;
    return answer.action === "accept" ? "the user said no" : `the user chose to ${answer.action}`;
  } catch {
    return "the user could not be asked";
  }
};

/**
 * An MCP server for a toolset: `tools/list` lists `toolset.schemas("mcp", { ctx })`, the tools the
 * request's caller may use (input and output schemas, title, annotations); `tools/call` dispatches the call, with the request's abort signal,
 * and answers with the outcome's text in a text block, plus `structuredContent` when the tool has
 * an output schema (`{ result }` for a result that is not an object), or `isError: true` and the
 * dispatcher's feedback on failure, so the model can correct its call. A call to a tool that does
 * not exist is the JSON-RPC error -32602 the protocol prescribes, its message the dispatcher's
 * (which lists the tools). A rejection of a `ctx` function is the request's JSON-RPC error (throw
 * an `McpError` to choose its code). Connect it to any transport, or use {@link serveMcp}.
 */
export function createMcpServer<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options: McpServerOptions<C>,
): Server {
  return buildServer(toolset, options, true);
}

/** {@link createMcpServer}, for a transport that can (or cannot) carry requests to the client. */
function buildServer<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options: McpServerOptions<C>,
  canAskClient: boolean,
): Server {
  const server = new Server(
    { name: options.name, version: options.version },
    { capabilities: { tools: {} } },
  );
  const contextOf = options.ctx;
  const { approver } = options;
  // The tokens of approvals an approver answers never leave the process.
  const runner = approver === undefined ? toolset : approving(toolset);
  const context = async (extra: McpRequestExtra): Promise<C | undefined> =>
    typeof contextOf === "function" ? await contextOf(extra) : contextOf;
  // Each request lists the tools its caller may use (`@scope`, the `allow` rule).
  server.setRequestHandler(ListToolsRequestSchema, async (_request, extra) => ({
    tools: toolset.schemas("mcp", { ctx: await context(extra) }).map((tool) => {
      const definition = toolset.get(tool.name);
      if (definition === undefined || !hasSensitive(definition)) return tool;
      // Structured content is the value itself, which masking would make unfit for the schema.
      const { outputSchema: _, ...rest } = tool;
      return rest;
    }),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: args } = request.params;
    const ctx = await context(extra);
    // The options type made `ctx` required when `C` needs it.
    const rest = [ctx, { signal: extra.signal }] as unknown as DispatchArgs<C>;
    let outcome: AnyOutcome = await runner.dispatch({ name, arguments: args ?? {} }, ...rest);
    if (!outcome.ok && outcome.error.code === "unknown_tool")
      throw new McpError(ErrorCode.InvalidParams, outcome.content);
    if (!outcome.ok && outcome.approval !== undefined) {
      const { approval } = outcome;
      outcome =
        approver === undefined
          ? { ...outcome, content: confirmationContent(approval) }
          : await decideOne(
              runner,
              approval,
              (asked) => approver(asked, extra, { server, canAskClient }),
              ctx,
              {
                signal: extra.signal,
              },
            );
    }
    const tool = toolset.get(name);
    // A tool with sensitive values answers with its masked text alone.
    return toCallToolResult(
      outcome,
      tool === undefined || hasSensitive(tool) ? undefined : tool.outputSchema,
    );
  });
  return server;
}

/** What an MCP client is told of a call that needs approval when no approver can give it. */
function confirmationContent(approval: Approval): string {
  return (
    `The tool "${approval.tool}" needs the user's approval before it runs, and it was not run. ` +
    `Ask the user to confirm the call (arguments: ${JSON.stringify(approval.arguments)}); this server cannot take the confirmation itself.`
  );
}

/**
 * The `tools/call` result of an outcome: its text in a text block; on success, `structuredContent`
 * when the tool has an output schema (the value, or `{ result: value }` when that schema's root is
 * not an object, as the MCP `outputSchema` wraps it); on failure, `isError: true` and no
 * `structuredContent`.
 */
export function toCallToolResult(
  outcome: AnyOutcome,
  outputSchema: { readonly [key: string]: unknown } | undefined,
): CallToolResult {
  const content: CallToolResult["content"] = [{ type: "text", text: outcome.content }];
  if (!outcome.ok) return { content, isError: true };
  if (outputSchema === undefined) return { content };
  const structuredContent = wrapsResult(outputSchema)
    ? { [MCP_RESULT_KEY]: outcome.value }
    : (outcome.value as Record<string, unknown>);
  return { content, structuredContent };
}

/** Serve over stdio: the process's stdin and stdout carry the protocol (nothing else may write to stdout). */
export interface McpStdioTransport {
  readonly transport: "stdio";
}

/** Serve over Streamable HTTP at `http://host:port/mcp`. */
export interface McpHttpTransport {
  readonly transport: "http";
  /** The port (default 0: a free one; read it from `url`). */
  readonly port?: number;
  /** The interface to listen on (default `127.0.0.1`: only this machine can connect). */
  readonly host?: string;
}

/** A running MCP server. */
export interface McpServing {
  /** Stops serving: closes the transport (and the HTTP listener with its connections). */
  close(): Promise<void>;
}

/** A running MCP server on HTTP. */
export interface McpHttpServing extends McpServing {
  /** The endpoint: `http://host:port/mcp`. */
  readonly url: string;
}

/**
 * Serves a toolset as an MCP server (see {@link createMcpServer}) over stdio or Streamable HTTP.
 * Over HTTP the server is stateless: each POST to `/mcp` gets its own server and transport and is
 * answered with JSON, so no state is kept between requests, any instance behind a load balancer
 * can answer. A client that disconnects aborts its calls; a `notifications/cancelled` cannot,
 * as it comes in a request of its own (the dispatcher's time limits still apply). Sessions would
 * only serve server-to-client requests and notifications, which a toolset does not make. GET and DELETE
 * are answered 405, as the transport allows a server without streams to. On a loopback host, the
 * Host and Origin headers are checked, against DNS rebinding.
 */
export function serveMcp<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options: McpServerOptions<C> & McpHttpTransport,
): Promise<McpHttpServing>;
export function serveMcp<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options: McpServerOptions<C> & McpStdioTransport,
): Promise<McpServing>;
export async function serveMcp<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options: McpServerOptions<C> & (McpStdioTransport | McpHttpTransport),
): Promise<McpServing | McpHttpServing> {
  if (options.transport === "http") return serveHttp(toolset, options);
  const { StdioServerTransport } = await import("@modelcontextprotocol/sdk/server/stdio.js");
  const server = createMcpServer(toolset, options);
  await server.connect(new StdioServerTransport());
  return { close: () => server.close() };
}

/** The part of `node:http` {@link serveMcp} uses (the runtime compiles without Node's types). */
interface NodeHttp {
  createServer(listener: (req: IncomingLike, res: ResponseLike) => void): HttpServerLike;
}

interface IncomingLike {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
}

interface ResponseLike {
  readonly headersSent: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
  on(event: "close", listener: () => void): unknown;
}

interface HttpServerLike {
  listen(port: number, host: string): unknown;
  once(event: "listening" | "error", listener: (error?: unknown) => void): unknown;
  address(): { readonly port: number } | string | null;
  close(callback: (error?: Error) => void): unknown;
  closeAllConnections(): void;
}

// A specifier in a variable: TypeScript then leaves the module untyped (see NodeHttp).
const NODE_HTTP: string = "node:http";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

async function serveHttp<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options: McpServerOptions<C> & McpHttpTransport,
): Promise<McpHttpServing> {
  const http = (await import(NODE_HTTP)) as NodeHttp;
  const { StreamableHTTPServerTransport } = await import(
    "@modelcontextprotocol/sdk/server/streamableHttp.js"
  );
  const host = options.host ?? "127.0.0.1";
  // The names this server may be reached by, once its port is known (on a loopback host only).
  let allowedHosts: string[] | undefined;
  const listener = http.createServer((req, res) => {
    if (req.url?.split("?")[0] !== "/mcp") return reply(res, 404, "Not found: the MCP endpoint is /mcp.");
    if (req.method !== "POST") return reply(res, 405, "Method not allowed: this server is stateless.");
    const server = buildServer(toolset, options, false);
    const transport = new StreamableHTTPServerTransport({
      // No `sessionIdGenerator`: stateless.
      enableJsonResponse: true,
      ...(allowedHosts && {
        enableDnsRebindingProtection: true,
        allowedHosts,
        allowedOrigins: allowedHosts.map((name) => `http://${name}`),
      }),
    });
    // Closing the server aborts the calls in flight: their client has gone, or they are done.
    res.on("close", () => {
      server.close().catch(() => {});
    });
    server
      .connect(transport)
      .then(() =>
        transport.handleRequest(
          req as Parameters<typeof transport.handleRequest>[0],
          res as Parameters<typeof transport.handleRequest>[1],
        ),
      )
      .catch(() => {
        if (!res.headersSent) reply(res, 500, "Internal error.", ErrorCode.InternalError);
      });
  });
  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.once("listening", () => resolve());
    listener.listen(options.port ?? 0, host);
  });
  const address = listener.address();
  const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 0);
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (LOOPBACK.has(host)) allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return {
    url: `http://${authority}/mcp`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        listener.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections of clients would hold `close` open.
        listener.closeAllConnections();
      }),
  };
}

/**
 * Answers with a JSON-RPC error that answers no request (`id: null`), as the SDK's transport does
 * (-32000 is its code for a request the transport refuses).
 */
function reply(res: ResponseLike, status: number, message: string, code = -32000): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (status === 405) headers.allow = "POST";
  res.writeHead(status, headers);
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}
