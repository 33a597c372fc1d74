/**
 * `@typecall/runtime/gemini`: a toolset on the Gemini API through `@google/genai`
 * (`ai.models.generateContent`). A thin translator over `dispatchAll`; it does not import the SDK,
 * whose client, contents and responses fit the structural types below.
 */

import type { GeminiTool } from "../dialects.ts";
import type { BatchOptions, DispatchArgs, ToolCall, ToolMapShape } from "../outcome.ts";
import type { ListOptions, Toolset } from "../toolset.ts";
import {
  type LoopOptions,
  type LoopOptionsArg,
  type LoopResult,
  type ToolStep as LoopStep,
  type Provider,
  toolLoop,
} from "./loop.ts";

/** The `tools` entry of a request that holds the toolset's function declarations. */
export interface GeminiFunctionTool {
  functionDeclarations: GeminiTool[];
}

/** A function call the model made: `args` is an object. */
export interface FunctionCallLike {
  readonly id?: string;
  readonly name?: string;
  readonly args?: Readonly<Record<string, unknown>>;
}

/** One part of a content, as far as the adapter reads it; every other kind of part passes through. */
export interface PartLike {
  readonly text?: string;
  /** A part of the model's thinking, not of its answer. */
  readonly thought?: boolean;
  readonly functionCall?: FunctionCallLike;
  readonly thoughtSignature?: string;
}

/**
 * A content: a turn of the conversation (`role` `"user"` or `"model"`). Its parts are a mutable
 * array, as in the SDK's `Content`, so that a history of these goes back to `generateContent` as is.
 */
export interface ContentLike {
  readonly role?: string;
  readonly parts?: PartLike[];
}

/** A `generateContent` response, as far as the loop reads it. */
export interface GenerateContentResponseLike {
  readonly candidates?: readonly { readonly content?: ContentLike }[];
}

/** What a function response tells the model: the tool's value under `output`, or the error text under `error`. */
export type FunctionResult = { output: unknown } | { error: string };

/** A part that answers one function call. */
export type FunctionResponsePart = {
  functionResponse: { id?: string; name: string; response: FunctionResult };
};

/** The user content that answers a model turn's function calls, one part per call, in call order. */
export type FunctionResponseContent = { role: "user"; parts: FunctionResponsePart[] };

/**
 * The `config` of a request, as far as the loop reads it: its `tools`; every other setting passes
 * through. Two forms, so that both an SDK `GenerateContentConfig` (an interface) and an object
 * literal with any settings fit.
 */
export type GenerateContentConfigLike =
  | { readonly tools?: readonly unknown[] }
  | { readonly tools?: readonly unknown[]; readonly [key: string]: unknown };

/** Request parameters of `ai.models.generateContent`. */
export interface GenerateContentParamsLike<Content extends ContentLike = ContentLike> {
  readonly model: string;
  /** The conversation so far: a prompt, one content, or the contents. */
  readonly contents: string | Content | readonly Content[];
  readonly config?: GenerateContentConfigLike;
}

/** The part of a `GoogleGenAI` client the loop uses: `new GoogleGenAI({ apiKey })` fits. */
export interface GeminiClientLike {
  readonly models: {
    generateContent(params: {
      readonly model: string;
      readonly contents: unknown;
      readonly config?: unknown;
    }): PromiseLike<GenerateContentResponseLike>;
  };
}

/** The `tools` of a request: one entry holding every tool's function declaration. */
export function toGeminiTools<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  options?: ListOptions<C>,
): GeminiFunctionTool[] {
  return [{ functionDeclarations: toolset.schemas("gemini", options) }];
}

/** The function calls of a response's first candidate as toolset calls, in part order. */
export function toolCallsOf(response: GenerateContentResponseLike): ToolCall[] {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  return parts.flatMap(({ functionCall: call }) =>
    call === undefined
      ? []
      : [
          {
            name: call.name ?? "",
            arguments: call.args ?? {},
            ...(call.id !== undefined && { id: call.id }),
          },
        ],
  );
}

/**
 * Runs every function call of a response (concurrently) and returns the user content that answers
 * them: one `functionResponse` per call, in call order, ids echoed.
 */
export async function runToolCalls<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
  response: GenerateContentResponseLike,
  ...args: DispatchArgs<C, BatchOptions>
): Promise<FunctionResponseContent> {
  const calls = toolCallsOf(response);
  return toFunctionResponseContent(await toolset.dispatchAll(calls, ...args), calls);
}

/** What the adapter reads of an outcome (any outcome of `dispatch` fits). */
export interface OutcomeLike {
  readonly ok: boolean;
  readonly content: string;
  readonly value?: unknown;
}

/** The user content carrying outcomes back, one part per call (outcomes in call order). */
export function toFunctionResponseContent(
  outcomes: readonly OutcomeLike[],
  calls: readonly ToolCall[],
): FunctionResponseContent {
  return {
    role: "user",
    parts: outcomes.map((outcome, index) => toFunctionResponsePart(outcome, calls[index])),
  };
}

/**
 * The part that answers one call: `{ output }` with the tool's value as JSON data (what the
 * outcome's `content` says, so a capped or unprintable value reaches the model as that text), or
 * `{ error }` with the feedback text. The call's id is echoed when it has one.
 */
export function toFunctionResponsePart(
  outcome: OutcomeLike,
  call: Pick<ToolCall, "id" | "name"> | undefined,
): FunctionResponsePart {
  const response = outcome.ok ? { output: outputOf(outcome) } : { error: outcome.content };
  const id = call?.id;
  return { functionResponse: { ...(id !== undefined && { id }), name: call?.name ?? "", response } };
}

/**
 * The value as the `output` of a function response (a protobuf `Struct` value): the content parsed
 * back, which is the value as JSON data, or the content itself when it is not JSON (a string
 * result, `Done.` for `undefined`, a capped text).
 */
function outputOf(outcome: OutcomeLike): unknown {
  if (typeof outcome.value === "string") return outcome.content;
  try {
    return JSON.parse(outcome.content);
  } catch {
    return outcome.content;
  }
}

/** The contents of a request, whatever form `params.contents` took. */
function contentsOf<Content extends ContentLike>(
  contents: string | Content | readonly Content[],
): (Content | GeminiItem)[] {
  if (typeof contents === "string") return [{ role: "user", parts: [{ text: contents }] }];
  return Array.isArray(contents) ? [...(contents as readonly Content[])] : [contents as Content];
}

/** One round of the loop: the response, its calls and their outcomes. */
export type ToolStep<M extends ToolMapShape<M>> = LoopStep<"response", GenerateContentResponseLike, M>;

/** Options of {@link runTools}. */
export type RunToolsOptions<M extends ToolMapShape<M>, C extends object> = LoopOptions<ToolStep<M>, C>;

/** The contents the loop adds to the request's: the model's, unchanged, and the function responses. */
export type GeminiItem = ContentLike | FunctionResponseContent;

/**
 * What {@link runTools} returns: `messages`, the request's contents then each model content and
 * the content answering its calls; `response`, the last response; the steps and why the loop stopped.
 */
export type RunToolsResult<Content, M extends ToolMapShape<M>> = LoopResult<
  "response",
  GenerateContentResponseLike,
  Content | GeminiItem,
  M
>;

/**
 * The tool loop: asks the model, runs the function calls of its answer, sends the results back,
 * and repeats until an answer has no calls, `maxSteps` requests were made, or `onStep` says stop.
 * The model's content is replayed unchanged, every part (thought signatures included), as Gemini 3
 * requires. `params.config.tools` defaults to the toolset's tools. A response without candidates
 * (a blocked prompt) ends the loop as `done`. Rejects only when the client does.
 */
export function runTools<Content extends ContentLike, M extends ToolMapShape<M>, C extends object>(
  ai: GeminiClientLike,
  params: GenerateContentParamsLike<Content>,
  toolset: Toolset<M, C>,
  ...[options]: LoopOptionsArg<ToolStep<M>, C>
): Promise<RunToolsResult<Content, M>> {
  const config = {
    ...params.config,
    tools: params.config?.tools ?? toGeminiTools(toolset, { ctx: options?.ctx }),
  };
  const provider: Provider<"response", GenerateContentResponseLike, Content | GeminiItem> = {
    name: "response",
    ask: (contents) => ai.models.generateContent({ ...params, contents, config }),
    read(response) {
      const content = response.candidates?.[0]?.content;
      // A content without parts (a MAX_TOKENS stop spent on thinking) would make the next request a 400.
      const said = content?.parts !== undefined && content.parts.length > 0 ? [content] : [];
      return { said, calls: toolCallsOf(response) };
    },
    answer: (outcomes, calls) => [toFunctionResponseContent(outcomes, calls)],
  };
  return toolLoop(provider, contentsOf(params.contents), toolset, options);
}
