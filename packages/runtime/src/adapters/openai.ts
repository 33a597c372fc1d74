/**
 * `@typecall/runtime/openai`: a toolset on the OpenAI Chat Completions API. A thin translator over
 * `dispatchAll`; it does not import the `openai` package, whose client and messages fit the
 * structural types below.
 */
import type { BatchOptions, DispatchArgs, ToolCall, ToolMapShape } from "../outcome.ts";
import type { ListOptions, Toolset } from "../toolset.ts";
import type { JsonSchema } from "../types.ts";
import {
  type AnswerOf,
  type LoopOptions,
  type LoopOptionsArg,
  type LoopResult,
  type ToolStep as LoopStep,
  type Provider,
  toolLoop,
} from "./loop.ts";

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
  options?: ListOptions<C>,
): OpenAITool[] {
  return toolset.schemas("openai", options).map((tool) => ({ type: "function", function: tool }));
}

/**
 * The completion a client's non-streaming `chat.completions.create` resolves to: the SDK's
 * `ChatCompletion` for `new OpenAI()` (its overloads end in one that resolves to a completion or
 * a stream).
 */
export type CompletionOf<Client extends OpenAIClientLike> = AnswerOf<
  Client["chat"]["completions"]["create"],
  ChatCompletionLike
>;

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
  return toolMessages(outcomes, calls);
}

/** The tool messages of outcomes, each answering the call at its place. */
function toolMessages(
  outcomes: readonly { readonly content: string }[],
  calls: readonly ToolCall[],
): ToolMessage[] {
  return outcomes.map((outcome, index) => toToolMessage(outcome, calls[index]?.id ?? ""));
}

/** The tool message that carries an outcome's content back to the model. */
export function toToolMessage(outcome: { readonly content: string }, toolCallId: string): ToolMessage {
  return { role: "tool", tool_call_id: toolCallId, content: outcome.content };
}

/** One round of the loop: the completion, its calls and their outcomes. */
export type ToolStep<
  M extends ToolMapShape<M>,
  Answer extends ChatCompletionLike = ChatCompletionLike,
> = LoopStep<"completion", Answer, M>;

/** Options of {@link runTools}. */
export type RunToolsOptions<
  M extends ToolMapShape<M>,
  C extends object,
  Answer extends ChatCompletionLike = ChatCompletionLike,
> = LoopOptions<ToolStep<M, Answer>, C>;

/**
 * The items of a conversation the loop adds to the request's messages: each assistant message, as
 * the client's completion types it (so the SDK takes it back as a message param), and the tool
 * messages.
 */
export type ChatItem<Answer extends ChatCompletionLike = ChatCompletionLike> =
  | Answer["choices"][number]["message"]
  | ToolMessage;

/**
 * What {@link runTools} returns: `messages`, the request's messages then each assistant message and
 * its tool messages; `completion`, the last completion; the steps and why the loop stopped.
 */
export type RunToolsResult<
  Message,
  M extends ToolMapShape<M>,
  Answer extends ChatCompletionLike = ChatCompletionLike,
> = LoopResult<"completion", Answer, Message | ChatItem<Answer>, M>;

/**
 * The tool loop: asks the model, runs the tool calls of its answer, sends the results back, and
 * repeats until an answer has no tool calls, `maxSteps` requests were made, or `onStep` says stop.
 * `params.tools` defaults to the toolset's tools. Rejects only when the client does, or when a
 * completion has no choices.
 */
export function runTools<
  Client extends OpenAIClientLike,
  Message,
  M extends ToolMapShape<M>,
  C extends object,
>(
  client: Client,
  params: ChatCompletionParamsLike<Message>,
  toolset: Toolset<M, C>,
  ...[options]: LoopOptionsArg<ToolStep<M, CompletionOf<Client>>, C>
): Promise<RunToolsResult<Message, M, CompletionOf<Client>>> {
  type Answer = CompletionOf<Client>;
  const tools = params.tools ?? toOpenAITools(toolset, { ctx: options?.ctx });
  const provider: Provider<"completion", Answer, Message | ChatItem<Answer>> = {
    name: "completion",
    // Non-streaming parameters: the client resolves to its completion type.
    ask: (messages) => client.chat.completions.create({ ...params, messages, tools }) as PromiseLike<Answer>,
    read(completion) {
      const message = completion.choices[0]?.message;
      if (message === undefined) throw new Error("typecall: the chat completion has no choices");
      return { said: [message], calls: toolCallsOf(message) };
    },
    answer: (outcomes, calls) => toolMessages(outcomes, calls),
  };
  return toolLoop(provider, params.messages, toolset, options);
}
