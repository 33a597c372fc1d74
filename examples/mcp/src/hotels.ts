/**
 * The quick start's tools served over Streamable HTTP, the signed-in user taken from each request,
 * and an MCP client for them: what the example and the tests share.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type McpHttpServing, type McpRequestExtra, serveMcp } from "@typecall/runtime/mcp";
import { toolset } from "../../quickstart/src/tools.typecall.ts";

/**
 * The user a request acts for. A real server would verify a token here (or read `extra.authInfo`,
 * set by its auth middleware); the example trusts an `x-user-id` header, on loopback only.
 */
export function userOf(extra: McpRequestExtra): { userId: string } {
  const header = extra.requestInfo?.headers["x-user-id"];
  return { userId: typeof header === "string" && header !== "" ? header : "anonymous" };
}

/** Serves the hotel tools at `http://127.0.0.1:<port>/mcp`. */
export function serveHotels(port?: number): Promise<McpHttpServing> {
  return serveMcp(toolset, {
    name: "typecall-hotels",
    version: "0.1.0",
    transport: "http",
    ...(port !== undefined && { port }),
    ctx: userOf,
  });
}

/** An MCP client connected to `url` as `userId`. */
export async function connectHotels(url: string, userId: string): Promise<Client> {
  const client = new Client({ name: "typecall-example", version: "0.1.0" });
  const headers = { "x-user-id": userId };
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}
