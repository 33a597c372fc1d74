/**
 * `@typecall/runtime/openai`: a toolset on the OpenAI Chat Completions API. A thin translator over
 * `dispatchAll`; it does not import the `openai` package, whose client and messages fit the
 * structural types below.
 */
import type { BatchOptions, DispatchArgs, RawOutcome, ToolCall, ToolMapShape } from "../outcome.ts";
import type { Toolset } from "../toolset.ts";
import type { EmptyContext, JsonSchema } from "../types.ts";

/** A function tool of a Chat Completions request. */
export interface OpenAITool {
  type: "function";
  function: { name: string; description: string; parameters: JsonSchema; strict: boolean };
}

/** A tool call of an assistant message; only `function` calls can reach a toolset. */
export interface OpenAIToolCallLike {
  readonly id: string;
  readonly type: string;
  readonly function?: { readonly name: string; readonly arguments: string };
}

/** An assistant message, as `choices[0].message` of a chat completion. */
export interface AssistantMessageLike {
  readonly role: "assistant";
  readonly content?: unknown;
  readonly tool_calls?: readonly OpenAIToolCallLike[] | null;
}

/** The message that answers one tool call. */
export interface ToolMessage {
  role: "tool";
  tool_call_id: string;
  content: string;
}

/** A chat completion response, as far as the loop reads it. */
export interface ChatCompletionLike {
  readonly choices: readonly {
    readonly message: AssistantMessageLike;
    readonly finish_reason?: string | null;
  }[];
}

/** Request parameters of `chat.completions.create` (non-streaming). */
export interface ChatCompletionParamsLike<Message = unknown> {
  readonly model: string;
  readonly messages: readonly Message[];
  readonly tools?: readonly unknown[];
  readonly stream?: false | null;
}

/** The part of an OpenAI client the loop uses: `new OpenAI()` fits. */
export interface OpenAIClientLike {
  readonly chat: {
    readonly completions: {
      create(params: ChatCompletionParamsLike): PromiseLike<ChatCompletionLike>;
    };
  };
}

/** The tool list for `tools:` of a request: strict where the compiler found strict mode can take the tool. */
export function toOpenAITools<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
): OpenAITool[] {
  return toolset.schemas("openai").map((tool) => ({ type: "function", function: tool }));
}

/** The calls of an assistant message as toolset calls, in message order. */
export function toolCallsOf(message: AssistantMessageLike): ToolCall[] {
  return (message.tool_calls ?? []).map((call) => ({
    id: call.id,
    // A non-function call (a custom tool) has no name here: it is answered as an unknown tool.
    name: call.function?.name ?? "",
    arguments: call.function?.arguments ?? "",
  }));
}

/** Runs every tool call of an assistant message (concurrently) and returns the tool messages, in call order. */
export async function runToolCalls<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  message: AssistantMessageLike,
  ...args: DispatchArgs<C, BatchOptions>
): Promise<ToolMessage[]> {
  const calls = toolCallsOf(message);
  const outcomes = await toolset.dispatchAll(calls, ...args);
  return outcomes.map((outcome, index) => toToolMessage(outcome, calls[index]?.id ?? ""));
}

/** The tool message that carries an outcome's content back to the model. */
export function toToolMessage(outcome: { readonly content: string }, toolCallId: string): ToolMessage {
  return { role: "tool", tool_call_id: toolCallId, content: outcome.content };
}

/** One round of the loop: the assistant message, its calls and their outcomes. */
export interface ToolStep<M extends ToolMapShape<M>> {
  readonly message: AssistantMessageLike;
  readonly calls: readonly ToolCall[];
  readonly outcomes: readonly RawOutcome<M>[];
}

/** Options of {@link runTools}. */
export type RunToolsOptions<M extends ToolMapShape<M>, C extends object> = {
  /** Most requests to the model (default 10). The last answer may still hold (answered) tool calls. */
  readonly maxSteps?: number;
  /** Called after each round of tool calls; return `false` to stop the loop there. */
  readonly onStep?: (step: ToolStep<M>) => unknown;
  /** Per-call options for every dispatched call (time limit, signal, concurrency). */
  readonly callOptions?: BatchOptions;
} & (EmptyContext extends C ? { readonly ctx?: C } : { readonly ctx: C });

/** What {@link runTools} returns. */
export interface RunToolsResult<Message, M extends ToolMapShape<M>> {
  /** The conversation: the request's messages, then each assistant message and its tool messages. */
  readonly messages: (Message | AssistantMessageLike | ToolMessage)[];
  /** The last completion. */
  readonly completion: ChatCompletionLike;
  readonly steps: ToolStep<M>[];
  /** `done`: the model answered without tool calls; `max_steps` or `stopped` (by `onStep`) otherwise. */
  readonly stopReason: "done" | "max_steps" | "stopped";
}

/**
 * The tool loop: asks the model, runs the tool calls of its answer, sends the results back, and
 * repeats until an answer has no tool calls, `maxSteps` requests were made, or `onStep` says stop.
 * `params.tools` defaults to the toolset's tools. Rejects only when the client does.
 */
export async function runTools<Message, M extends ToolMapShape<M>, C extends object>(
  client: OpenAIClientLike,
  params: ChatCompletionParamsLike<Message>,
  toolset: Toolset<M, C>,
  ...[options = {} as RunToolsOptions<M, C>]: EmptyContext extends C
    ? [options?: RunToolsOptions<M, C>]
    : [options: RunToolsOptions<M, C>]
): Promise<RunToolsResult<Message, M>> {
  const maxSteps = options.maxSteps ?? 10;
  const messages: (Message | AssistantMessageLike | ToolMessage)[] = [...params.messages];
  const tools = params.tools ?? toOpenAITools(toolset);
  const steps: ToolStep<M>[] = [];
  for (let request = 1; ; request++) {
    const completion = await client.chat.completions.create({ ...params, messages, tools });
    const message = completion.choices[0]?.message;
    if (message === undefined) throw new Error("typecall: the chat completion has no choices");
    messages.push(message);
    const calls = toolCallsOf(message);
    if (calls.length === 0) return { messages, completion, steps, stopReason: "done" };
    const context = [options.ctx, options.callOptions] as unknown as DispatchArgs<C, BatchOptions>;
    const outcomes = await toolset.dispatchAll(calls, ...context);
    messages.push(...outcomes.map((outcome, index) => toToolMessage(outcome, calls[index]?.id ?? "")));
    const step: ToolStep<M> = { message, calls, outcomes };
    steps.push(step);
    if ((await options.onStep?.(step)) === false)
      return { messages, completion, steps, stopReason: "stopped" };
    if (request >= maxSteps) return { messages, completion, steps, stopReason: "max_steps" };
  }
}
