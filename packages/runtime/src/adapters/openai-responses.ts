/**
 * `@typecall/runtime/openai-responses`: a toolset on the OpenAI Responses API. A thin translator
 * over `dispatchAll`; it does not import the `openai` package, whose client and items fit the
 * structural types below. The format has no error flag: a failed call's output is the
 * dispatcher's feedback text, which says what went wrong.
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

/** A function tool of a Responses request (flat: no `function` envelope). */
export interface ResponsesTool {
  type: "function";
  name: string;
  description: string;
  parameters: JsonSchema;
  strict: boolean;
}

/** An item of a response's `output` (or of a conversation); only `function_call` items reach a toolset. */
export interface ResponseItemLike {
  readonly type: string;
}

/** A `function_call` output item: the model calls a function. */
export interface FunctionCallLike extends ResponseItemLike {
  readonly type: "function_call";
  readonly call_id: string;
  readonly name: string;
  readonly arguments: string;
  readonly id?: string;
}

/** The input item that answers one function call. The format has no error flag: the text says it. */
export interface FunctionCallOutput {
  type: "function_call_output";
  call_id: string;
  output: string;
}

/** A user message, as a string `input` becomes in the history. */
export interface UserMessage {
  role: "user";
  content: string;
}

/** A response, as far as the loop reads it. */
export interface ResponseLike {
  readonly id: string;
  readonly output: readonly ResponseItemLike[];
  /** The text of the output's messages, joined: the `openai` SDK computes it. */
  readonly output_text?: string;
}

/**
 * Request parameters of `responses.create` (non-streaming), as far as the loop reads them; any
 * other parameter (`instructions`, `reasoning`, `include`, ...) is sent as given.
 */
export interface ResponseParamsLike {
  readonly model?: string;
  readonly input?: string | readonly unknown[];
  readonly tools?: readonly unknown[];
  /** `false`: the API keeps nothing, so {@link runTools} sends the whole history each time. */
  readonly store?: boolean | null;
  readonly previous_response_id?: string | null;
  /** A conversation of the Conversations API: it keeps the items, so {@link runTools} sends only the new ones. */
  readonly conversation?: string | { readonly id: string } | null;
  readonly stream?: false | null;
}

/** The part of an OpenAI client the loop uses: `new OpenAI()` fits. */
export interface ResponsesClientLike {
  readonly responses: {
    create(params: ResponseParamsLike): PromiseLike<ResponseLike>;
  };
}

/**
 * The response a client's non-streaming `responses.create` resolves to: the SDK's `Response` for
 * `new OpenAI()` (its overloads end in one that resolves to a response or a stream).
 */
export type ResponseOf<Client extends ResponsesClientLike> = AnswerOf<
  Client["responses"]["create"],
  ResponseLike
>;

/** The tool list for `tools:` of a request: strict where the compiler found strict mode can take the tool. */
export function toResponsesTools<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options?: ListOptions<C>,
): ResponsesTool[] {
  return toolset.schemas("openai-responses", options).map((tool) => ({ type: "function", ...tool }));
}

function isFunctionCall(item: ResponseItemLike): item is FunctionCallLike {
  return item.type === "function_call";
}

/** The `function_call` items of a response's output as toolset calls (id: the `call_id`), in output order. */
export function toolCallsOf(response: Pick<ResponseLike, "output">): ToolCall[] {
  return response.output
    .filter(isFunctionCall)
    .map((call) => ({ id: call.call_id, name: call.name, arguments: call.arguments }));
}

/** Runs every function call of a response (concurrently) and returns the `function_call_output` items, in call order. */
export async function runToolCalls<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  response: Pick<ResponseLike, "output">,
  ...args: DispatchArgs<C, BatchOptions>
): Promise<FunctionCallOutput[]> {
  const calls = toolCallsOf(response);
  const outcomes = await toolset.dispatchAll(calls, ...args);
  return functionCallOutputs(outcomes, calls);
}

/** The `function_call_output` items of outcomes, each answering the call at its place. */
function functionCallOutputs(
  outcomes: readonly { readonly content: string }[],
  calls: readonly ToolCall[],
): FunctionCallOutput[] {
  return outcomes.map((outcome, index) => toFunctionCallOutput(outcome, calls[index]?.id ?? ""));
}

/** The `function_call_output` item that carries an outcome's content back to the model. */
export function toFunctionCallOutput(
  outcome: { readonly content: string },
  callId: string,
): FunctionCallOutput {
  return { type: "function_call_output", call_id: callId, output: outcome.content };
}

/** One round of the loop: the response, its calls and their outcomes. */
export type ToolStep<M extends ToolMapShape<M>, Answer extends ResponseLike = ResponseLike> = LoopStep<
  "response",
  Answer,
  M
>;

/** Options of {@link runTools}. */
export type RunToolsOptions<
  M extends ToolMapShape<M>,
  C extends object,
  Answer extends ResponseLike = ResponseLike,
> = LoopOptions<ToolStep<M, Answer>, C>;

/** The type of the items of a request's `input` (none when it is a string). */
export type InputItemOf<P> = P extends { readonly input?: infer I }
  ? I extends readonly (infer Item)[]
    ? Item
    : never
  : never;

/**
 * The items of a conversation: the request's input, then each response's output items (typed as
 * the client's response has them, so the SDK takes them back as input) and their outputs.
 */
export type ResponsesItem<Input, Answer extends ResponseLike = ResponseLike> =
  | Input
  | UserMessage
  | Answer["output"][number]
  | FunctionCallOutput;

/**
 * What {@link runTools} returns: `messages`, the whole conversation (the input, then every output
 * item of each response and the outputs that answer its calls), ready to send statelessly;
 * `response`, the last response; the steps and why the loop stopped.
 */
export type RunToolsResult<
  Input,
  M extends ToolMapShape<M>,
  Answer extends ResponseLike = ResponseLike,
> = LoopResult<"response", Answer, ResponsesItem<Input, Answer>, M>;

/**
 * The tool loop: asks the model, runs the function calls of its response, sends the outputs back,
 * and repeats until a response has no function calls, `maxSteps` requests were made, or `onStep`
 * says stop. `params.tools` defaults to the toolset's tools.
 *
 * By default each later request continues the last response: `previous_response_id` and, as
 * `input`, only the new `function_call_output` items. With `params.conversation` (the
 * Conversations API) the conversation holds the response, so a later request sends the outputs
 * alone. With `params.store === false` the API keeps
 * nothing, so every request sends the whole history: the input, then each response's output items
 * unchanged (reasoning items before the calls they belong to), then the outputs. A reasoning model
 * needs `include: ["reasoning.encrypted_content"]` in `params` then, for its reasoning items to be
 * replayable. Rejects only when the client does.
 */
export function runTools<
  Client extends ResponsesClientLike,
  P extends ResponseParamsLike,
  M extends ToolMapShape<M>,
  C extends object,
>(
  client: Client,
  params: P,
  toolset: Toolset<M, C>,
  ...[options]: LoopOptionsArg<ToolStep<M, ResponseOf<Client>>, C>
): Promise<RunToolsResult<InputItemOf<P>, M, ResponseOf<Client>>> {
  type Input = InputItemOf<P>;
  type Answer = ResponseOf<Client>;
  const tools = params.tools ?? toResponsesTools(toolset, { ctx: options?.ctx });
  const stateless = params.store === false;
  const history: ResponsesItem<Input, Answer>[] =
    typeof params.input === "string"
      ? [{ role: "user", content: params.input }]
      : [...((params.input ?? []) as readonly Input[])];
  // What continues the last response: its id, and the outputs that answer its calls.
  let lastId: string | undefined;
  let outputs: readonly FunctionCallOutput[] = [];
  // Non-streaming parameters: the client resolves to its response type.
  const create = (request: ResponseParamsLike) => client.responses.create(request) as PromiseLike<Answer>;
  const provider: Provider<"response", Answer, ResponsesItem<Input, Answer>> = {
    name: "response",
    ask(items) {
      if (lastId === undefined) return create({ ...params, input: items, tools });
      // A conversation already holds the response: the outputs go on it.
      if (params.conversation) return create({ ...params, input: outputs, tools });
      if (stateless) return create({ ...params, input: items, tools });
      return create({ ...params, previous_response_id: lastId, input: outputs, tools });
    },
    read(response) {
      lastId = response.id;
      return { said: response.output, calls: toolCallsOf(response) };
    },
    answer(outcomes, calls) {
      outputs = functionCallOutputs(outcomes, calls);
      return outputs;
    },
  };
  return toolLoop(provider, history, toolset, options);
}
