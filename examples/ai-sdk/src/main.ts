/**
 * The quick start's tools under the Vercel AI SDK: `generateText` of the real `ai` package runs its
 * own loop (`stopWhen`) over the tools of `toAISDKOptions`, whose validation and feedback are the
 * dispatcher's. Talks through `@ai-sdk/openai-compatible` to the model named by OPENAI_API_KEY /
 * OPENAI_BASE_URL / OPENAI_MODEL when the key is set, and otherwise to a scripted model on
 * loopback. Run from the repository root:
 * `node --conditions=@typecall/source --import tsx examples/ai-sdk/src/main.ts`.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { ToolCallError, toAISDKOptions } from "@typecall/runtime/ai-sdk";
import { startOpenAIServer } from "@typecall/wire";
import { generateText, type StepResult, stepCountIs, type ToolSet } from "ai";
import { DEMO_REQUEST, demoModel } from "../../quickstart/src/scripted-model.ts";
import { toolset } from "../../quickstart/src/tools.typecall.ts";

const apiKey = process.env.OPENAI_API_KEY;
const server = apiKey ? undefined : await startOpenAIServer({ model: demoModel() });
const baseURL = server ? `${server.url}/v1` : (process.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1");
const provider = createOpenAICompatible({
  name: "openai",
  baseURL,
  apiKey: apiKey ?? "demo",
  includeUsage: true,
});
const modelId = process.env.OPENAI_MODEL ?? "gpt-4o-mini";

console.log(`typecall + Vercel AI SDK: ${toolset.names.length} tools (${toolset.names.join(", ")})`);
console.log(
  apiKey ? `model: ${modelId} at ${baseURL}` : `model: the built-in scripted model at ${server?.url}`,
);
console.log(`\nuser: ${DEMO_REQUEST}`);

let round = 0;
/** Prints one round: each call the model made, and what the dispatcher answered. */
function printStep<Tools extends ToolSet>(step: StepResult<Tools>): void {
  if (step.toolCalls.length === 0) return;
  round++;
  for (const call of step.toolCalls) {
    console.log(`\n[round ${round}] model calls ${call.toolName}(${JSON.stringify(call.input)})`);
    const answer = step.content.find(
      (part) =>
        (part.type === "tool-result" || part.type === "tool-error") && part.toolCallId === call.toolCallId,
    );
    if (answer?.type === "tool-result") console.log(`  ok: ${JSON.stringify(answer.output)}`);
    if (answer?.type === "tool-error") {
      const { error } = answer;
      const [code, text] =
        error instanceof ToolCallError
          ? [error.outcome.error.code, error.message]
          : ["rejected", String(error)];
      console.log(`  ${code}: ${text.replaceAll("\n", "\n  ")}`);
    }
  }
}

try {
  const result = await generateText({
    model: provider.chatModel(modelId),
    prompt: DEMO_REQUEST,
    ...toAISDKOptions(toolset, { userId: "u42" }),
    stopWhen: stepCountIs(8),
    onStepFinish: printStep,
  });
  console.log(`\nassistant: ${result.text}`);
  console.log(
    `\n(${round} rounds of tool calls, ${result.steps.length} requests, finish: ${result.finishReason})`,
  );
} finally {
  await server?.close();
}
