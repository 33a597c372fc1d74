/**
 * `@typecall/runtime/ai-sdk`: a toolset as the `tools` of the Vercel AI SDK's `generateText` and
 * `streamText`, whose loop (`stopWhen`) then runs our dispatcher. It imports `jsonSchema` from
 * `ai` (a peer dependency) at runtime.
 *
 * The model must read the dispatcher's feedback word for word, whatever path the SDK takes:
 * - The SDK sends the model its own wrapping of a failed `validate` ("Invalid input for tool X:
 *   Type validation failed: Value: ...") but the bare message of an Error that `execute` throws.
 *   So a call the validator refuses passes `validate` unchanged and fails in `execute`.
 * - A call to an unknown tool, or with arguments that are not JSON, the SDK rejects before any
 *   tool sees it. {@link toAISDKOptions} adds the two hooks the SDK has for these: a repair that
 *   runs our lenient parsing on the argument text, and a `prepareStep` that puts the
 *   dispatcher's feedback where the SDK wrote its own.
 */
import { InvalidToolInputError, type JSONSchema7, jsonSchema, type ModelMessage, type Tool } from "ai";
import { parseArguments } from "../lenient-json.ts";
import type {
  AnyOutcome,
  CallOptions,
  ContextArg,
  DispatchArgs,
  ToolCall,
  ToolFailure,
  ToolMapShape,
} from "../outcome.ts";
import { valueContentOf } from "../redact.ts";
import { createToolset, type Toolset } from "../toolset.ts";
import type { ToolDefinition } from "../types.ts";
import { approving } from "./approving.ts";

/**
 * The `tools` of a `generateText` or `streamText` call, one tool per tool of the toolset, under
 * its name (a name some provider does not take, under the name OpenAI gets: see the TC3001 warning). The input is typed `unknown`: a call the validator refuses still reaches `execute`,
 * which answers it with the feedback.
 */
export type AISDKTools<M extends ToolMapShape<M>> = {
  [K in keyof M & string]: Tool<unknown, M[K]["result"]>;
};

/**
 * What a tool's `execute` throws when its call fails: the message is the dispatcher's feedback for
 * the model (`outcome.content`), and `outcome` says what failed (`outcome.error.code`).
 */
export class ToolCallError extends Error {
  /** The failed call's outcome. */
  readonly outcome: ToolFailure;

  constructor(outcome: ToolFailure) {
    super(outcome.content);
    this.name = "ToolCallError";
    this.outcome = outcome;
  }
}

/**
 * The toolset as AI SDK tools: each with its description, its JSON Schema and our validator as
 * `inputSchema` (`jsonSchema(schema, { validate })`, where `validate` gives the arguments as the
 * tool will get them: parsed leniently, coerced, defaults in), and an `execute` that dispatches
 * the call with `ctx` and the SDK's abort signal. `execute` resolves to the tool's value, which
 * the model reads as the dispatcher's content; on failure it throws a {@link ToolCallError}, whose
 * message (the feedback) is what the model reads.
 *
 * A tool tagged `@approval` gets `needsApproval: true`: the SDK asks the person (a
 * `tool-approval-request`), and calls `execute` only once the app answers yes; `execute` then
 * approves the call on the toolset, which checks `ctx`'s scopes and runs it once. A toolset without
 * an `approvalSecret` is given a random one for this, since the tokens never leave the process.
 */
export function toAISDKTools<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  ...[ctx]: ContextArg<C>
): AISDKTools<M> {
  const tools: Record<string, Tool<unknown, unknown>> = {};
  const check = checkerOf(toolset, ctx);
  const runner = approving(toolset);
  for (const { name, description, parameters } of toolset.schemas("json-schema", { ctx })) {
    const definition = toolset.get(name) as ToolDefinition<never>;
    tools[sentName(toolset, name)] = {
      description,
      ...(definition.approval === true && { needsApproval: true }),
      inputSchema: jsonSchema(parameters as JSONSchema7, {
        // What the dispatcher refuses passes unchanged, to fail in `execute` with the feedback as
        // it is: a failed validation would reach the model wrapped in the SDK's text.
        validate: async (value) => {
          const checked = await check({ name, arguments: value });
          return { success: true, value: checked.ok ? checked.value : value };
        },
      }),
      async execute(input, { toolCallId, abortSignal }) {
        const options: CallOptions = abortSignal === undefined ? {} : { signal: abortSignal };
        const args = [ctx, options] as unknown as DispatchArgs<C>;
        let outcome = await runner.dispatch({ name, arguments: input, id: toolCallId }, ...args);
        // The SDK calls `execute` of a tool that needs approval only once the person said yes.
        if (!outcome.ok && outcome.approval !== undefined)
          outcome = await runner.approve(outcome.approval.token, ...args);
        if (!outcome.ok) throw new ToolCallError(outcome);
        return outcome.value;
      },
      // The value as the dispatcher writes it for the model (sensitive values masked), where the
      // SDK would send its own JSON. Written from the call alone: the SDK may call it later, elsewhere.
      toModelOutput: ({ input, output }) => ({
        type: "text",
        value: valueContentOf(
          definition,
          input,
          output,
          definition.maxContentLength ?? toolset.options.maxContentLength,
        ),
      }),
    };
  }
  return tools as AISDKTools<M>;
}

/**
 * The name a tool is sent under: the AI SDK passes it to whichever provider it drives, so a name
 * that some provider does not take (`math.factorial`, TC3001) goes as OpenAI gets it
 * (`math_factorial`), which Anthropic takes too; dispatch answers to either.
 */
function sentName<M extends ToolMapShape<M>, C extends object>(toolset: Toolset<M, C>, name: string): string {
  const names = toolset.get(name)?.names;
  return names?.openai ?? names?.anthropic ?? name;
}

/**
 * Checks calls as dispatch would, without running the tools: it dispatches them to the same tools
 * whose `run` gives back the arguments it gets (parsed leniently, coerced, defaults in,
 * validated), under the toolset's options without its hooks (a check is not a call).
 */
function checkerOf<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  ctx: C | undefined,
): (call: ToolCall) => Promise<AnyOutcome> {
  // The `allow` rule sees the toolset's own definitions, as in `execute`, not the checker's copies.
  const originals = new Map<ToolDefinition<never>, ToolDefinition<never>>();
  const definitions = toolset.names.flatMap((name): ToolDefinition<C>[] => {
    const definition = toolset.get(name);
    if (definition === undefined) return [];
    // A check runs nothing, so nothing waits for approval.
    const { approval: _approval, ...rest } = definition;
    const copy: ToolDefinition<C> = { ...rest, run: (args: unknown) => args, settlesAtOnce: true };
    originals.set(copy as ToolDefinition<never>, definition as ToolDefinition<never>);
    return [copy];
  });
  const { timeoutMs, maxContentLength, concurrency, limits, allow } = toolset.options;
  const checks = createToolset<M, C>(definitions, {
    timeoutMs,
    maxContentLength,
    concurrency,
    ...limits,
    allow: allow && ((tool, context) => allow(originals.get(tool) ?? tool, context)),
  });
  const args = [ctx] as unknown as DispatchArgs<C>;
  return (call) => checks.dispatch(call, ...args);
}

/** A tool call of a step, as far as `prepareStep` reads it. */
export interface StepToolCallLike {
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: unknown;
  /** Set by the SDK on a call it rejected itself: an unknown tool, arguments that are not JSON. */
  readonly invalid?: boolean | undefined;
}

/** What {@link toAISDKOptions} gives: the `tools` and two hooks, to spread into a call. */
export interface AISDKOptions<M extends ToolMapShape<M>> {
  readonly tools: AISDKTools<M>;
  /** Repairs argument text that is not JSON with the dispatcher's lenient parsing. */
  experimental_repairToolCall<Call extends { readonly toolName: string; readonly input: string }>(options: {
    readonly toolCall: Call;
    readonly error: unknown;
  }): Promise<Call | null>;
  /** Puts the dispatcher's feedback where the SDK wrote its own (unknown tool, arguments not JSON). */
  prepareStep(options: {
    readonly steps: readonly { readonly toolCalls: readonly StepToolCallLike[] }[];
    readonly messages: readonly ModelMessage[];
  }): Promise<{ messages: ModelMessage[] } | undefined>;
}

/**
 * The options of `generateText` or `streamText` that run the toolset, the SDK's own rejections
 * included: spread them into the call (`generateText({ model, prompt, ...toAISDKOptions(toolset,
 * ctx), stopWhen })`). `tools` is {@link toAISDKTools}. `experimental_repairToolCall` repairs
 * argument text that is not JSON as the dispatcher would (single quotes, trailing commas, ...).
 * `prepareStep` rewrites the tool results of the calls the SDK rejected itself (an unknown tool
 * name, arguments no repair makes JSON) in the messages of each next request, into the
 * dispatcher's feedback. The results in `steps` and `response.messages` keep the SDK's text. The
 * hooks take `tools` to be this toolset's (an unknown name is answered with its list of tools); an
 * application with its own repair or `prepareStep` calls these from its own.
 */
export function toAISDKOptions<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  ...ctx: ContextArg<C>
): AISDKOptions<M> {
  const check = checkerOf(toolset, ctx[0]);
  const tools = toAISDKTools(toolset, ...ctx);
  return {
    tools,
    async experimental_repairToolCall({ toolCall, error }) {
      // Our tools' `validate` refuses nothing: an invalid input of one of them is text that is not JSON.
      if (!InvalidToolInputError.isInstance(error) || !Object.hasOwn(tools, toolCall.toolName)) return null;
      const parsed = parseArguments(toolCall.input);
      const repaired = parsed.ok && parsed.repairs.length > 0;
      return repaired ? { ...toolCall, input: JSON.stringify(parsed.value) } : null;
    },
    async prepareStep({ steps, messages }) {
      const feedback = new Map<string, string>();
      for (const call of steps.flatMap((step) => step.toolCalls)) {
        if (call.invalid !== true) continue;
        // The input of a call the SDK rejected: its text when that is not JSON, else the parsed value.
        const checked = await check({ name: call.toolName, arguments: call.input });
        if (!checked.ok) feedback.set(call.toolCallId, checked.content);
      }
      return feedback.size === 0 ? undefined : { messages: withFeedback(messages, feedback) };
    },
  };
}

/** The messages with the result of each call in `feedback` replaced by its text, as an error. */
function withFeedback(
  messages: readonly ModelMessage[],
  feedback: ReadonlyMap<string, string>,
): ModelMessage[] {
  return messages.map((message) => {
    if (message.role !== "tool") return message;
    const content = message.content.map((part) => {
      const text = part.type === "tool-result" ? feedback.get(part.toolCallId) : undefined;
      return text === undefined ? part : { ...part, output: { type: "error-text" as const, value: text } };
    });
    return { ...message, content };
  });
}
