/**
 * The quick start's tools on the Anthropic Messages API: the real `@anthropic-ai/sdk` client, the
 * generated dispatcher and the tool loop of `@typecall/runtime/anthropic`. Talks to Claude when
 * ANTHROPIC_API_KEY is set (ANTHROPIC_MODEL picks the model, ANTHROPIC_BASE_URL the endpoint),
 * and otherwise to the built-in scripted model on loopback.
 */
import Anthropic from "@anthropic-ai/sdk";
import { runTools, type ToolStep } from "@typecall/runtime/anthropic";
import { startAnthropicServer } from "@typecall/wire";
import { DEMO_REQUEST, demoModel } from "../../quickstart/src/scripted-model.ts";
import { type ToolMap, toolset } from "../../quickstart/src/tools.typecall.ts";

const live = Boolean(process.env.ANTHROPIC_API_KEY);
const server = live ? undefined : await startAnthropicServer({ model: demoModel() });
// Live, the SDK reads the key and base URL from the environment itself.
const client = server ? new Anthropic({ apiKey: "demo", baseURL: server.url }) : new Anthropic();
const model = process.env.ANTHROPIC_MODEL ?? "claude-sonnet-4-5";

console.log(`typecall + Anthropic: ${toolset.names.length} tools (${toolset.names.join(", ")})`);
console.log(
  live ? `model: ${model} at ${client.baseURL}` : `model: the built-in scripted model at ${server?.url}`,
);
console.log(`\nuser: ${DEMO_REQUEST}`);

let round = 0;
/** Prints one round: each tool_use block, and the tool_result the dispatcher sent back. */
function printStep(step: ToolStep<ToolMap>): void {
  round++;
  step.calls.forEach((call, i) => {
    const outcome = step.outcomes[i];
    console.log(`\n[round ${round}] model calls ${call.name}(${JSON.stringify(call.arguments)})`);
    if (outcome?.ok) console.log(`  ok: ${outcome.content}`);
    else if (outcome)
      console.log(`  is_error, ${outcome.error.code}: ${outcome.content.replaceAll("\n", "\n  ")}`);
  });
}

try {
  const result = await runTools(
    client,
    { model, max_tokens: 1024, messages: [{ role: "user", content: DEMO_REQUEST }] },
    toolset,
    { ctx: { userId: "u42" }, maxSteps: 8, onStep: printStep },
  );
  const text = result.message.content.flatMap((block) => (block.type === "text" ? [block.text] : []));
  console.log(`\nassistant: ${text.join("\n")}`);
  console.log(`\n(${result.steps.length} rounds of tool calls, stopped: ${result.stopReason})`);
} finally {
  await server?.close();
}
