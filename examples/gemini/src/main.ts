/**
 * The typecall demo on Gemini: the real `@google/genai` client, the quick start's generated
 * dispatcher and the tool loop of `@typecall/runtime/gemini`. Talks to Gemini when GEMINI_API_KEY
 * (or GOOGLE_API_KEY) is set, with GEMINI_MODEL (default gemini-2.5-flash), and otherwise to a
 * scripted model on loopback that answers like a thinking model (its call turns are signed).
 */
import { GoogleGenAI } from "@google/genai";
import { runTools, type ToolStep } from "@typecall/runtime/gemini";
import { startGeminiServer } from "@typecall/wire";
import { DEMO_REQUEST, demoModel } from "../../quickstart/src/scripted-model.ts";
import { type ToolMap, toolset } from "../../quickstart/src/tools.typecall.ts";

const apiKey = process.env.GEMINI_API_KEY ?? process.env.GOOGLE_API_KEY;
const server = apiKey ? undefined : await startGeminiServer({ model: demoModel() });
const ai = new GoogleGenAI({
  apiKey: apiKey ?? "demo",
  ...(server && { httpOptions: { baseUrl: server.url } }),
});
const model = process.env.GEMINI_MODEL ?? "gemini-2.5-flash";

console.log(`typecall on Gemini: ${toolset.names.length} tools (${toolset.names.join(", ")})`);
console.log(server ? `model: the built-in scripted model at ${server.url}` : `model: ${model}`);
console.log(`\nuser: ${DEMO_REQUEST}`);

let round = 0;
/** Prints one round: each call the model made, and what the dispatcher answered (`output` or `error`). */
function printStep(step: ToolStep<ToolMap>): void {
  round++;
  step.calls.forEach((call, i) => {
    const outcome = step.outcomes[i];
    console.log(`\n[round ${round}] model calls ${call.name}(${JSON.stringify(call.arguments)})`);
    if (outcome?.ok) console.log(`  output: ${outcome.content}`);
    else if (outcome)
      console.log(`  error (${outcome.error.code}): ${outcome.content.replaceAll("\n", "\n  ")}`);
  });
}

try {
  const result = await runTools(ai, { model, contents: DEMO_REQUEST }, toolset, {
    ctx: { userId: "u42" },
    maxSteps: 8,
    onStep: printStep,
  });
  const parts = result.response.candidates?.[0]?.content?.parts ?? [];
  const answer = parts.filter((part) => !part.thought).map((part) => part.text ?? "");
  console.log(`\nmodel: ${answer.join("")}`);
  console.log(`\n(${result.steps.length} rounds of function calls, stopped: ${result.stopReason})`);
} finally {
  await server?.close();
}
