/**
 * `@typecall/runtime/anthropic`: a toolset on the Anthropic Messages API. A thin translator over
 * `dispatchAll`; it does not import `@anthropic-ai/sdk`, whose client and messages fit the
 * structural types below. Calls are the `tool_use` blocks of an assistant message; their results
 * go back as the `tool_result` blocks of the next user message, `is_error: true` on a failure.
 */
import type { AnyOutcome, BatchOptions, DispatchArgs, ToolCall, ToolMapShape } from "../outcome.ts";
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

/** A prompt-caching breakpoint (`cache_control`). */
export interface AnthropicCacheControl {
  type: "ephemeral";
  /** How long the cache entry lives (the API's default is `5m`). */
  ttl?: "5m" | "1h";
}

/** A client tool of a Messages request. */
export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: JsonSchema & { type: "object" };
  /** Present (and `true`) only for a tool the compiler found strict tool use can take. */
  strict?: true;
  cache_control?: AnthropicCacheControl;
}

/** Options of {@link toAnthropicTools}. */
export interface AnthropicToolsOptions {
  /**
   * A prompt-caching breakpoint on the last tool, so that the tool list is cached (tools come
   * first in the prompt, so the breakpoint covers all of them).
   */
  readonly cacheControl?: AnthropicCacheControl;
}

/** A content block of a message; only `tool_use` blocks reach a toolset. */
export interface ContentBlockLike {
  readonly type: string;
}

/** A `tool_use` block: a call of a client tool, its `input` already an object. */
export interface ToolUseBlockLike extends ContentBlockLike {
  readonly type: "tool_use";
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
}

/** An assistant message, as `messages.create` resolves to it. */
export interface MessageLike {
  readonly role: "assistant";
  readonly content: readonly ContentBlockLike[];
  readonly stop_reason?: string | null;
}

/** The `tool_result` block that answers one `tool_use` block. */
export interface ToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content: string;
  /** Present only on a failure: invalid arguments, an unknown tool, a tool that threw or timed out. */
  is_error?: true;
}

/** The user message that answers an assistant message's calls: one `tool_result` block per call, in call order. */
export interface ToolResultMessage {
  role: "user";
  content: ToolResultBlock[];
}

/**
 * The assistant turn as the history keeps it: the message's content, unchanged (thinking blocks
 * included), typed as the client's message has it (so the SDK takes it back as a message param).
 */
export interface AssistantTurn<Answer extends MessageLike = MessageLike> {
  role: "assistant";
  content: Answer["content"];
}

/** Request parameters of `messages.create` (non-streaming), as far as the loop reads them. */
export interface MessageCreateParamsLike<Message = unknown> {
  readonly model: string;
  readonly max_tokens: number;
  readonly messages: readonly Message[];
  readonly tools?: readonly unknown[];
  readonly stream?: false;
}

/** The part of an Anthropic client the loop uses: `new Anthropic()` fits. */
export interface AnthropicClientLike {
  readonly messages: {
    create(params: MessageCreateParamsLike): PromiseLike<MessageLike>;
  };
}

/**
 * The message a client's non-streaming `messages.create` resolves to: the SDK's `Message` for
 * `new Anthropic()` (its overloads end in one that resolves to a message or a stream).
 */
export type MessageOf<Client extends AnthropicClientLike> = AnswerOf<
  Client["messages"]["create"],
  MessageLike
>;

/**
 * The tool list for `tools:` of a request: `input_schema` is the dialect's schema, `strict: true`
 * where the compiler found strict tool use can take the tool (absent otherwise, which the API
 * reads as not strict).
 */
export function toAnthropicTools<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options: AnthropicToolsOptions & ListOptions<C> = {},
): AnthropicTool[] {
  const tools: AnthropicTool[] = toolset.schemas("anthropic", options).map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.parameters as AnthropicTool["input_schema"],
    ...(tool.strict && { strict: true as const }),
  }));
  const last = tools.at(-1);
  if (last && options.cacheControl) last.cache_control = { ...options.cacheControl };
  return tools;
}

function isToolUse(block: ContentBlockLike): block is ToolUseBlockLike {
  return block.type === "tool_use";
}

/** The `tool_use` blocks of a message as toolset calls (the arguments are the `input` objects), in message order. */
export function toolCallsOf(message: Pick<MessageLike, "content">): ToolCall[] {
  return message.content
    .filter(isToolUse)
    .map((block) => ({ id: block.id, name: block.name, arguments: block.input }));
}

/** The `tool_result` block that carries an outcome's content back to the model. */
export function toToolResult(
  outcome: Pick<AnyOutcome, "ok" | "content">,
  toolUseId: string,
): ToolResultBlock {
  return {
    type: "tool_result",
    tool_use_id: toolUseId,
    content: outcome.content,
    ...(!outcome.ok && { is_error: true as const }),
  };
}

function resultMessage(outcomes: readonly AnyOutcome[], calls: readonly ToolCall[]): ToolResultMessage {
  return {
    role: "user",
    content: outcomes.map((outcome, index) => toToolResult(outcome, calls[index]?.id ?? "")),
  };
}

/**
 * Runs every `tool_use` block of a message (concurrently) and returns the next user message: only
 * `tool_result` blocks, in call order (the API wants them first; add any text after them). Its
 * content is empty when the message has no calls: the API refuses an empty message, so send
 * nothing then.
 */
export async function runToolCalls<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  message: Pick<MessageLike, "content">,
  ...args: DispatchArgs<C, BatchOptions>
): Promise<ToolResultMessage> {
  const calls = toolCallsOf(message);
  return resultMessage(await toolset.dispatchAll(calls, ...args), calls);
}

/** One round of the loop: the message, its calls and their outcomes. */
export type ToolStep<M extends ToolMapShape<M>, Answer extends MessageLike = MessageLike> = LoopStep<
  "message",
  Answer,
  M
>;

/** Options of {@link runTools}. */
export type RunToolsOptions<
  M extends ToolMapShape<M>,
  C extends object,
  Answer extends MessageLike = MessageLike,
> = LoopOptions<ToolStep<M, Answer>, C>;

/** The items of a conversation the loop adds to the request's messages. */
export type AnthropicItem<Answer extends MessageLike = MessageLike> =
  | AssistantTurn<Answer>
  | ToolResultMessage;

/**
 * What {@link runTools} returns: `messages`, the request's messages then each assistant turn and
 * the user message of its tool results; `message`, the last message; the steps and why the loop
 * stopped.
 */
export type RunToolsResult<
  Message,
  M extends ToolMapShape<M>,
  Answer extends MessageLike = MessageLike,
> = LoopResult<"message", Answer, Message | AnthropicItem<Answer>, M>;

/**
 * The tool loop on `client.messages.create`: asks the model, runs the `tool_use` blocks of its
 * answer, sends the results back, and repeats until an answer stops for another reason than
 * `tool_use`, `maxSteps` requests were made, or `onStep` says stop. `params` is sent as it is
 * (`system`, `tool_choice`, `thinking`... included), `messages` growing; `params.tools` defaults to
 * the toolset's tools.
 *
 * Stop reasons, as the SDK's own tool runner reads them: `tool_use` runs the calls; `pause_turn`
 * (a long server-tool turn) sends the message back as it is, so the model continues it (a request,
 * not a step); any other (`end_turn`, `max_tokens`, `refusal`...) ends the loop as `done` without
 * running calls: a `max_tokens` answer may end in a cut-off `tool_use` block, so check
 * `message.stop_reason`, and retry with a larger `max_tokens`. Such an answer with `tool_use`
 * blocks is left out of `messages` (it is `message`), so that `messages` stays a history the API
 * takes.
 * Rejects only when the client does.
 */
export function runTools<
  Client extends AnthropicClientLike,
  Params extends MessageCreateParamsLike,
  M extends ToolMapShape<M>,
  C extends object,
>(
  client: Client,
  params: Params,
  toolset: Toolset<M, C>,
  ...[options]: LoopOptionsArg<ToolStep<M, MessageOf<Client>>, C>
): Promise<RunToolsResult<Params["messages"][number], M, MessageOf<Client>>> {
  type Answer = MessageOf<Client>;
  type Item = Params["messages"][number] | AnthropicItem<Answer>;
  const tools = params.tools ?? toAnthropicTools(toolset, { ctx: options?.ctx });
  const provider: Provider<"message", Answer, Item> = {
    name: "message",
    // Non-streaming parameters: the client resolves to its message type.
    ask: (messages) => client.messages.create({ ...params, messages, tools }) as PromiseLike<Answer>,
    read(message) {
      const said = [{ role: "assistant" as const, content: message.content }];
      if (message.stop_reason === "pause_turn") return { said, calls: [], resume: true };
      if (message.stop_reason === "tool_use") return { said, calls: toolCallsOf(message) };
      // Unanswered tool_use blocks would make the next request a 400: such an answer stays out of
      // the history (it is the result's `message`).
      const unanswered = message.content.some((block) => block.type === "tool_use");
      return { said: unanswered ? [] : said, calls: [] };
    },
    answer: (outcomes, calls) => [resultMessage(outcomes, calls)],
  };
  return toolLoop(provider, params.messages, toolset, options);
}
