/**
 * The typecall quick start on the OpenAI Responses API: the real `openai` client's
 * `responses.create`, the generated dispatcher and the tool loop. Talks to OpenAI when
 * OPENAI_API_KEY is set (model OPENAI_MODEL, default gpt-4.1-mini), and otherwise to a scripted
 * model on loopback. RESPONSES_STORE=false runs it statelessly (the whole history every request).
 */
import { runTools, type ToolStep } from "@typecall/runtime/openai-responses";
import { startResponsesServer } from "@typecall/wire";
import OpenAI from "openai";
import { DEMO_REQUEST, demoModel } from "../../quickstart/src/scripted-model.ts";
import { type ToolMap, toolset } from "../../quickstart/src/tools.typecall.ts";

const live = Boolean(process.env.OPENAI_API_KEY);
const stateless = process.env.RESPONSES_STORE === "false";
const server = live ? undefined : await startResponsesServer({ model: demoModel() });
const client = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY ?? "demo",
  baseURL: server ? `${server.url}/v1` : process.env.OPENAI_BASE_URL,
});
const model = process.env.OPENAI_MODEL ?? "gpt-4.1-mini";
// Statelessly, a reasoning model's reasoning items can be sent back only with their encrypted
// content (the scripted model plays a reasoning model); a model without reasoning needs none.
const reasoning = !live || /^(o\d|gpt-5)/.test(model);
const mode = stateless
  ? { store: false, ...(reasoning && { include: ["reasoning.encrypted_content" as const] }) }
  : {};

console.log(`typecall on the Responses API: ${toolset.names.length} tools (${toolset.names.join(", ")})`);
console.log(
  live ? `model: ${model} at ${client.baseURL}` : `model: the built-in scripted model at ${server?.url}`,
);
console.log(stateless ? "mode: store: false, the whole history each request" : "mode: previous_response_id");
console.log(`\nuser: ${DEMO_REQUEST}`);

let round = 0;
/** Prints one round: each call the model made, and what the dispatcher answered. */
function printStep(step: ToolStep<ToolMap>): void {
  round++;
  step.calls.forEach((call, i) => {
    const outcome = step.outcomes[i];
    console.log(
      `\n[round ${round}, ${step.response.id}] model calls ${call.name}(${String(call.arguments)})`,
    );
    if (outcome?.ok) console.log(`  ok: ${outcome.content}`);
    else if (outcome) console.log(`  ${outcome.error.code}: ${outcome.content.replaceAll("\n", "\n  ")}`);
  });
}

try {
  const result = await runTools(client, { model, input: DEMO_REQUEST, ...mode }, toolset, {
    ctx: { userId: "u42" },
    maxSteps: 8,
    onStep: printStep,
  });
  console.log(`\nassistant: ${result.response.output_text}`);
  console.log(`\n(${result.steps.length} rounds of tool calls, stopped: ${result.stopReason})`);
} finally {
  await server?.close();
}
