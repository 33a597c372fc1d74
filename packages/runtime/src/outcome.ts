/**
 * The public shapes of calls and outcomes. `dispatch` never throws: every way a call can end is an
 * outcome, and every outcome carries `content`, the text to send back to the model.
 */

import type { EmptyContext } from "./types.ts";

/** The argument and result types of one tool, as a generated `ToolMap` lists them. */
export interface ToolTypes {
  readonly args: unknown;
  readonly result: unknown;
}

/**
 * The constraint on a tool map: every key maps to {@link ToolTypes}. Written as a mapped type, not
 * `Record<string, ToolTypes>`, so that a generated `interface ToolMap` (which has no index
 * signature) satisfies it.
 */
export type ToolMapShape<M> = { readonly [K in keyof M]: ToolTypes };

/**
 * Why a call failed. `invalid_call`: the call object itself is unusable (its name is not a string, a
 * getter throws, a per-call option is wrong). `limit_exceeded`: the arguments pass a documented limit
 * (nesting depth, text size). `needs_approval`: the tool is tagged `@approval` and has not run; the
 * outcome's `approval` holds the token that resumes it. `denied`: a person declined the call, or its
 * approval could not be used (forged, altered, expired, already used). `forbidden` is reserved.
 */
export type ErrorCode =
  | "invalid_call"
  | "unknown_tool"
  | "invalid_json"
  | "limit_exceeded"
  | "invalid_arguments"
  | "needs_approval"
  | "forbidden"
  | "denied"
  | "timeout"
  | "execution_error";

/** One problem with the arguments, in words a model can act on. */
export interface Issue {
  /** Where, from the arguments object: `guests[0].email`; `$` is the arguments object itself. */
  readonly path: string;
  /** The expected type, e.g. `string (format: email)`, `"c" | "f"`, `object`. */
  readonly expected: string;
  /** What was found: `number 42`, `string "abc"`, `missing`. */
  readonly received: string;
}

/** The error of a failed call. */
export interface ToolError {
  readonly code: ErrorCode;
  /** A short message for logs (the model gets `content`). */
  readonly message: string;
  /** For `invalid_arguments`: each problem found. */
  readonly issues?: readonly Issue[];
}

/** A call that ran and returned. */
export interface ToolSuccess<N extends string = string, R = unknown> {
  readonly ok: true;
  readonly name: N;
  readonly id?: string;
  /** What the tool returned (awaited). */
  readonly value: R;
  /** The value as text for the model: JSON, a string as is, `Done.` for `undefined`; size-capped. */
  readonly content: string;
  /** The formatting repairs lenient parsing made to the argument text, when it made any. */
  readonly repairs?: readonly string[];
}

/**
 * A call waiting for a person's yes (`needs_approval`): what to show them, and the token that
 * resumes it through `toolset.approve(token, ctx)` or `toolset.deny(token, reason)`.
 */
export interface Approval {
  /** Signed; any instance with the same `approvalSecret` can resume it, once, before it expires. */
  readonly token: string;
  /** The tool that will run. */
  readonly tool: string;
  /** The id of the model's call, which the answer goes to. */
  readonly id?: string;
  /** The validated arguments, sensitive values masked: what the person approves. */
  readonly arguments: unknown;
  /** When the token expires, in milliseconds since the epoch. */
  readonly expiresAt: number;
  /** Who asked, when the toolset's `approvalSubject` option names them. */
  readonly askedBy?: string;
}

/** A call that did not run or did not return. */
export interface ToolFailure<N extends string = string> {
  readonly ok: false;
  readonly name: N;
  readonly id?: string;
  readonly error: ToolError;
  /** Set exactly when `error.code` is `needs_approval`. */
  readonly approval?: Approval;
  /** What went wrong and how to fix the call, written for the model. */
  readonly content: string;
  /** The formatting repairs lenient parsing made to the argument text, when it made any. */
  readonly repairs?: readonly string[];
}

/** The outcome of a typed call to tool `N` (or to any tool of `M`): narrow on `ok`, then on `name`. */
export type ToolOutcome<M extends ToolMapShape<M>, N extends keyof M & string = keyof M & string> =
  | { [K in N]: ToolSuccess<K, M[K]["result"]> }[N]
  | ToolFailure<N>;

/** The outcome of a call whose name came from a model: on failure the name may be any string. */
export type RawOutcome<M extends ToolMapShape<M>> = ToolOutcome<M> | ToolFailure;

/** Any outcome, whatever the tool map (hooks see these). */
export type AnyOutcome = ToolSuccess | ToolFailure;

/** A call as typed application code writes it: the arguments are checked against the tool's type. */
export interface TypedToolCall<M extends ToolMapShape<M>, N extends keyof M & string> {
  readonly name: N;
  readonly arguments: M[N]["args"];
  readonly id?: string;
}

/**
 * A call as a model sends it: `arguments` is usually the model's JSON text, or an already parsed
 * value (providers that send objects). `undefined` and `null` arguments read as `{}`.
 */
export interface ToolCall {
  readonly name: string;
  readonly arguments: unknown;
  readonly id?: string;
}

/** Per-call limits, the last parameter of `dispatch` and `dispatchAll`. */
export interface CallOptions {
  /** Time limit in milliseconds; wins over the tool's and the toolset's. `Infinity` disables it. */
  readonly timeoutMs?: number;
  /** Cancels the call from outside; the tool's `ctx.signal` follows it. */
  readonly signal?: AbortSignal;
}

/** Options of `dispatchAll`. */
export interface BatchOptions extends CallOptions {
  /** How many calls run at once (default: the toolset's `concurrency`, 8). */
  readonly concurrency?: number;
}

/**
 * The context parameter: required when the toolset's context type `C` has required keys, optional
 * when it has none (`{}`), so tools without `ToolContext` parameters need no argument.
 */
export type ContextArg<C extends object> = EmptyContext extends C ? [ctx?: C | undefined] : [ctx: C];

/** The parameters after the call: the context (see {@link ContextArg}), then per-call options. */
export type DispatchArgs<C extends object, O = CallOptions> = [...ContextArg<C>, options?: O | undefined];
