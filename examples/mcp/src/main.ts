/**
 * The quick start over MCP: the generated toolset served over Streamable HTTP by
 * `@typecall/runtime/mcp`, and an MCP host (the SDK's `Client`, with the built-in scripted model
 * as its LLM) playing the demo against it. An MCP server has no model of its own, so there is no
 * API key to set: to put a real model in front of these tools, connect an MCP host (Claude
 * Desktop, Claude Code, an IDE) to `server.ts`, the same tools over stdio.
 */
import { playMcp, textOf } from "@typecall/wire";
import { DEMO_REQUEST, demoModel } from "../../quickstart/src/scripted-model.ts";
import { toolset } from "../../quickstart/src/tools.typecall.ts";
import { connectHotels, serveHotels } from "./hotels.ts";

const server = await serveHotels();
const client = await connectHotels(server.url, "u42");

console.log(`typecall MCP demo: ${toolset.names.length} tools (${toolset.names.join(", ")})`);
console.log(`MCP server: ${server.url}, the host's model: the built-in scripted model`);
console.log(`\nuser: ${DEMO_REQUEST}`);

try {
  let round = 0;
  const conversation = await playMcp(client, demoModel(), {
    prompt: DEMO_REQUEST,
    maxTurns: 8,
    onRound({ calls, results }) {
      round++;
      calls.forEach((call, i) => {
        const result = results[i];
        console.log(`\n[round ${round}] model calls ${call.name}(${JSON.stringify(call.args)})`);
        const text = result ? textOf(result).replaceAll("\n", "\n  ") : "";
        console.log(result?.isError ? `  isError: ${text}` : `  ok: ${text}`);
      });
    },
  });
  console.log(`\nassistant: ${conversation.answer}`);
  console.log(`\n(${conversation.rounds.length} rounds of tool calls, stopped: ${conversation.stopReason})`);
} finally {
  await client.close();
  await server.close();
}
