/**
 * The typecall quick start, end to end: the real `openai` client, the generated dispatcher
 * (`tools.typecall.ts`) and the tool loop. Talks to the model named by OPENAI_API_KEY /
 * OPENAI_BASE_URL / OPENAI_MODEL when set, and otherwise to a scripted model on loopback.
 */
import { runTools, type ToolStep } from "@typecall/runtime/openai";
import { startOpenAIServer } from "@typecall/wire";
import OpenAI from "openai";
import { DEMO_REQUEST, demoModel } from "./scripted-model.ts";
import { type ToolMap, toolset } from "./tools.typecall.ts";

const live = Boolean(process.env.OPENAI_API_KEY);
const server = live ? undefined : await startOpenAIServer({ model: demoModel() });
const client = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY ?? "demo",
  baseURL: server ? `${server.url}/v1` : process.env.OPENAI_BASE_URL,
});
const model = process.env.OPENAI_MODEL ?? "gpt-4o-mini";

console.log(`typecall demo: ${toolset.names.length} tools (${toolset.names.join(", ")})`);
console.log(
  live ? `model: ${model} at ${client.baseURL}` : `model: the built-in scripted model at ${server?.url}`,
);
console.log(`\nuser: ${DEMO_REQUEST}`);

let round = 0;
/** Prints one round: each call the model made, and what the dispatcher answered. */
function printStep(step: ToolStep<ToolMap>): void {
  round++;
  step.calls.forEach((call, i) => {
    const outcome = step.outcomes[i];
    console.log(`\n[round ${round}] model calls ${call.name}(${String(call.arguments)})`);
    if (outcome?.ok) console.log(`  ok: ${outcome.content}`);
    else if (outcome) console.log(`  ${outcome.error.code}: ${outcome.content.replaceAll("\n", "\n  ")}`);
  });
}

try {
  const result = await runTools(
    client,
    { model, messages: [{ role: "user", content: DEMO_REQUEST }] },
    toolset,
    {
      ctx: { userId: "u42" },
      maxSteps: 8,
      onStep: printStep,
    },
  );
  console.log(`\nassistant: ${result.completion.choices[0]?.message.content}`);
  console.log(`\n(${result.steps.length} rounds of tool calls, stopped: ${result.stopReason})`);
} finally {
  await server?.close();
}
