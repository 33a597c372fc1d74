/**
 * The quick start's tools as an MCP server over stdio, for any MCP host. The calls run as the user
 * named by TYPECALL_USER_ID (a stdio server has one user: whoever started it).
 *
 * From the repository root:
 *   node --conditions=@typecall/source --import tsx examples/mcp/src/server.ts
 *
 * Claude Code, from the repository root:
 *   claude mcp add typecall-hotels -- node --conditions=@typecall/source --import tsx examples/mcp/src/server.ts
 *
 * Claude Desktop (claude_desktop_config.json; the shell sets the working directory, which
 * `--import tsx` resolves from):
 *   { "mcpServers": { "typecall-hotels": {
 *       "command": "sh",
 *       "args": ["-c", "cd /path/to/typecall && exec node --conditions=@typecall/source --import tsx examples/mcp/src/server.ts"],
 *       "env": { "TYPECALL_USER_ID": "u42" } } } }
 *
 * The MCP Inspector: npx @modelcontextprotocol/inspector node --conditions=@typecall/source --import tsx examples/mcp/src/server.ts
 *
 * Nothing may write to stdout here: it carries the protocol.
 */
import { serveMcp } from "@typecall/runtime/mcp";
import { toolset } from "../../quickstart/src/tools.typecall.ts";

await serveMcp(toolset, {
  name: "typecall-hotels",
  version: "0.1.0",
  transport: "stdio",
  ctx: { userId: process.env.TYPECALL_USER_ID ?? "local" },
});
