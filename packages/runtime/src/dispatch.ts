/**
 * The dispatch pipeline: find the tool, parse the argument text leniently, validate with the
 * generated validator (coercing and normalising with the generated coercer what it refuses), run
 * under a time limit, turn the result into content. Every step's failure is an outcome; nothing
 * here throws.
 */

import { mayUse } from "./access.ts";
import { readCall, readOptions, UnusableCall } from "./call.ts";
import { _object } from "./coercion.ts";
import {
  cancelledContent,
  capContent,
  executionErrorContent,
  invalidArgumentsContent,
  invalidCallContent,
  invalidJsonContent,
  limitContent,
  thrownMessage,
  timeoutContent,
  truncatedName,
  unknownToolContent,
  valueContent,
} from "./feedback.ts";
import { createAbortController } from "./host.ts";
import { toIssues } from "./issues.ts";
import { cloneJson, isJsonObject, nestedDeeperThan, setOwn } from "./json.ts";
import { parseArguments } from "./lenient-json.ts";
import type { OutcomeEvent, ResolvedToolsetOptions } from "./options.ts";
import type { AnyOutcome, CallOptions, ToolCall, ToolError, ToolFailure, ToolSuccess } from "./outcome.ts";
import { type RunResult, runGuarded } from "./run-guarded.ts";
import { suggestName } from "./suggest.ts";
import type { ToolContext, ToolDefinition, ValidatorResult } from "./types.ts";

/** What the pipeline needs from its toolset. */
export interface DispatchEnv {
  readonly tools: ReadonlyMap<string, ToolEntry>;
  readonly names: readonly string[];
  readonly options: ResolvedToolsetOptions;
  /** Whether any tool is hidden from some callers (a tool has scopes, or there is an `allow` rule). */
  readonly guarded: boolean;
}

/** A tool as dispatch keeps it: its definition, and what dispatch learns of it at its first call. */
export interface ToolEntry {
  readonly definition: ToolDefinition<object>;
  plan?: ToolPlan;
}

/**
 * Dispatches one call and reports it to the hooks. Never throws, never rejects: a call object or
 * per-call options that cannot be used resolve to an `invalid_call` outcome.
 */
export function dispatchCall(
  env: DispatchEnv,
  input: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
): Promise<AnyOutcome> {
  // Each field is read once: a getter could answer differently the second time.
  const call = readCall(input);
  if (call instanceof UnusableCall) return Promise.resolve(invalidCall(env, call.known, call.reason));
  let callOptions = options;
  if (options !== undefined) {
    const read = readOptions(options);
    if (typeof read === "string") return Promise.resolve(invalidCall(env, call, read));
    callOptions = read;
  }
  const { hooks } = env.options;
  // Without hooks there is nothing to observe: skip the events and their clock reads.
  if (hooks.onCall === undefined && hooks.onOutcome === undefined)
    return dispatchOnce(env, call, context, callOptions);
  return observed(env, call, context, callOptions);
}

async function observed(
  env: DispatchEnv,
  call: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
): Promise<AnyOutcome> {
  const { hooks } = env.options;
  const event = { name: call.name, ...idOf(call), arguments: call.arguments, startedAt: Date.now() };
  observe(() => hooks.onCall?.(event));
  const outcome = await dispatchOnce(env, call, context, options);
  // An outcome carries `repairs` only when lenient parsing made some.
  const done: OutcomeEvent = {
    ...event,
    durationMs: Date.now() - event.startedAt,
    repaired: outcome.repairs !== undefined,
  };
  observe(() => hooks.onOutcome?.(outcome, done));
  return outcome;
}

/**
 * The pipeline. Everything up to running the tool is synchronous; the returned promise is the only
 * one a call allocates besides the tool's own, so a fast tool costs little more than calling it.
 * Every object made on the way to a fast tool's outcome shows in bench (a): the common path makes
 * the call's copy, the prepared call and the outcome, nothing else of ours.
 */
function dispatchOnce(
  env: DispatchEnv,
  call: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
): Promise<AnyOutcome> {
  let prepared: Prepared | ToolFailure;
  try {
    prepared = prepare(env, call, context);
  } catch (error) {
    // Only a broken validator or a bug here gets this far; the model still gets an answer.
    return Promise.resolve(internalFailure(env, call, error));
  }
  if (prepared.ok === false) return Promise.resolve(prepared);
  const { tool, plan, args, repairs } = prepared;
  // Proved by the compiler to be settled when it returns: no time limit to arm, no abort to await.
  if (tool.settlesAtOnce === true && options?.signal === undefined)
    return runSettled(env, call, prepared, context);
  const timeoutMs = options?.timeoutMs ?? tool.timeoutMs ?? env.options.timeoutMs;
  // A tool without a ToolContext gets none; its signal getter is then never called, so no
  // AbortController is made.
  const run = (signal: () => AbortSignal): unknown =>
    tool.run(args as never, plan.usesContext ? callContext(context, signal, call) : (undefined as never));
  return new Promise<AnyOutcome>((resolve) => {
    runGuarded(run, timeoutMs, options?.signal, (result) =>
      resolve(finish(env, call, result, timeoutMs, repairs)),
    );
  });
}

/**
 * Runs a tool whose result is settled when it returns, and awaits it here: the hot path of a fast
 * tool. An async function's `await` costs less than a `then` with callbacks made for each call
 * (measured on bench (a)). A settled tool is an async function the compiler read, so what `run`
 * returns is a native promise. Never rejects.
 */
async function runSettled(
  env: DispatchEnv,
  call: ToolCall,
  { tool, plan, args, repairs }: Prepared,
  context: object | undefined,
): Promise<AnyOutcome> {
  let value: unknown;
  try {
    // Nothing can abort it any more: the signal a tool asks for never fires.
    const toolContext = plan.usesContext ? callContext(context, neverAborted(), call) : undefined;
    value = await tool.run(args as never, toolContext as never);
  } catch (thrown) {
    return finish(env, call, { kind: "error", thrown }, Number.POSITIVE_INFINITY, repairs);
  }
  // `success` cannot throw (`valueContent` catches what serialising a value throws), so it needs
  // no guard here: measured, a guarding wrapper costs this path about 0.05 of bench (a).
  return success(call, value, env, repairs);
}

/** A signal getter for one call that nothing will abort: made on first use, the same after. */
function neverAborted(): () => AbortSignal {
  let controller: AbortController | undefined;
  return () => {
    controller ??= createAbortController();
    return controller.signal;
  };
}

/** The outcome of a guarded run; a bug of ours while making it still answers the model. */
function finish(
  env: DispatchEnv,
  call: ToolCall,
  result: RunResult,
  timeoutMs: number,
  repairs: readonly string[] | undefined,
): AnyOutcome {
  try {
    return settle(env, call, result, timeoutMs, repairs);
  } catch (error) {
    return internalFailure(env, call, error);
  }
}

/** A call ready to run: its tool, what dispatch knows of it, the validated arguments. */
interface Prepared {
  /** Never set: tells a prepared call from a {@link ToolFailure} with one property read. */
  readonly ok?: undefined;
  readonly tool: ToolDefinition<object>;
  readonly plan: ToolPlan;
  readonly args: unknown;
  readonly repairs?: readonly string[];
}

/** Finds the tool and turns the call's arguments into validated wire arguments, or a failure. */
function prepare(env: DispatchEnv, call: ToolCall, context: object | undefined): Prepared | ToolFailure {
  const entry = env.tools.get(call.name);
  // A tool the caller may not use answers as one that does not exist, before its arguments are read.
  if (entry === undefined || (env.guarded && !mayUse(entry.definition, context, env.options.allow)))
    return unknownTool(env, call, context);
  const tool = entry.definition;
  let args: unknown = call.arguments ?? {};
  let repairs: readonly string[] | undefined;
  const { limits } = env.options;
  if (typeof args === "string") {
    if (args.length > limits.maxArgumentsLength) {
      const what = `are ${args.length} characters long; the limit is ${limits.maxArgumentsLength}`;
      return limitFailure(env, call, what);
    }
    const text = args;
    try {
      // Valid JSON, the common case, costs `JSON.parse` alone; only text it rejects goes on to repair.
      args = JSON.parse(text);
    } catch {
      const parsed = parseArguments(text);
      if (!parsed.ok) {
        const content = invalidJsonContent(call.name, parsed.message, parsed.position, text);
        const message = `Arguments are not valid JSON: ${parsed.message} at position ${parsed.position}`;
        return failure(call, { code: "invalid_json", message }, env, content);
      }
      if (parsed.repairs.length > 0) repairs = parsed.repairs;
      args = parsed.value;
    }
    // Arguments encoded twice (JSON text of JSON text): the object the inner text holds.
    if (typeof args === "string") args = _object(args);
  }
  const plan = entry.plan ?? planOf(entry);
  if (plan.recursive && nestedDeeperThan(args, limits.maxDepth)) return depthFailure(env, call, repairs);
  let verdict: ValidatorResult | undefined;
  try {
    // Fast path: arguments that already fit need no coercion; only defaults the call leaves out are added.
    verdict = plan.nestedDefaults ? undefined : tool.validate(args);
    if (verdict?.success) {
      args = withTopDefaults(args, plan.topDefaults);
    } else if (verdict === undefined || plan.normalises) {
      // What the tool's coercer converts, and the top level's defaults, may make them fit; a tool
      // with neither has its failures reported as they are.
      args = withTopDefaults(tool.coerce === undefined ? args : tool.coerce(args), plan.topDefaults);
      // What the coercer decoded (a double-encoded part) is bounded as what was parsed is.
      if (plan.recursive && nestedDeeperThan(args, limits.maxDepth)) return depthFailure(env, call, repairs);
      verdict = tool.validate(args);
    }
  } catch (error) {
    // Arguments deeper than the stack, in a tool whose schema does not bound them (free JSON).
    if (error instanceof RangeError && /call stack/i.test(error.message))
      return limitFailure(env, call, "are nested too deeply to be checked", repairs);
    // Parsed from text, the arguments are plain data: a throw is a bug (a broken validator).
    if (typeof call.arguments === "string") return internalFailure(env, call, error);
    // Handed over as an object whose getters throw, or a Proxy: they cannot be checked.
    const reason = `the arguments could not be read (${thrownMessage(error)})`;
    const content = invalidCallContent(reason);
    return failure(
      call,
      { code: "invalid_arguments", message: `Invalid call: ${reason}` },
      env,
      content,
      repairs,
    );
  }
  if (!verdict.success) {
    const issues = toIssues(verdict.errors);
    const message = `Invalid arguments for tool "${call.name}" (${issues.length} issue${issues.length === 1 ? "" : "s"})`;
    const content = invalidArgumentsContent(
      call.name,
      issues,
      Math.max(issues.length, verdict.errors.length),
    );
    return failure(call, { code: "invalid_arguments", message, issues }, env, content, repairs);
  }
  return repairs === undefined ? { tool, plan, args } : { tool, plan, args, repairs };
}

/** What dispatch precomputes about a tool, once. */
export interface ToolPlan {
  /** `run` takes the context parameter (the tool declares a `ToolContext`). */
  readonly usesContext: boolean;
  /** Defaults below the top level ({@link ToolDefinition.nestedDefaults}): such calls are always coerced. */
  readonly nestedDefaults: boolean;
  /** The tool has a coercer or top-level defaults: arguments the validator refuses may fit once they are applied. */
  readonly normalises: boolean;
  /** The arguments refer to named types ({@link ToolDefinition.recursive}): they are checked for depth first. */
  readonly recursive: boolean;
  readonly topDefaults: readonly (readonly [string, unknown])[];
}

/**
 * The plan of a tool, made at its first call and kept in its entry. The compiler states what it
 * knows of the arguments on the definition, so no schema is walked (which cost a cold start ~75 µs
 * a tool).
 */
function planOf(entry: ToolEntry): ToolPlan {
  const tool = entry.definition;
  const topDefaults = Object.entries(tool.defaults ?? {});
  entry.plan = {
    usesContext: tool.takesContext === true,
    nestedDefaults: tool.nestedDefaults === true,
    normalises: tool.coerce !== undefined || topDefaults.length > 0,
    topDefaults,
    recursive: tool.recursive === true,
  };
  return entry.plan;
}

/**
 * The arguments with each absent top-level default filled in; the caller's object is never mutated.
 * Arguments that are no object are left for the validator to report.
 */
function withTopDefaults(args: unknown, defaults: ToolPlan["topDefaults"]): unknown {
  if (defaults.length === 0 || !isJsonObject(args)) return args;
  let result = args;
  for (const [key, value] of defaults) {
    // Own properties only: `constructor` left out is absent, whatever `Object.prototype` has.
    if (Object.hasOwn(result, key) && result[key] !== undefined) continue;
    if (result === args) result = { ...args };
    setOwn(result, key, cloneJson(value));
  }
  return result;
}

/** The `ToolContext` a tool receives: the caller's data, the call, and a signal made on first use. */
function callContext(
  context: object | undefined,
  signal: () => AbortSignal,
  call: ToolCall,
): ToolContext<object> {
  const target = { name: call.name, ...idOf(call) };
  return {
    ...context,
    get signal() {
      return signal();
    },
    call: target,
  };
}

function settle(
  env: DispatchEnv,
  call: ToolCall,
  result: RunResult,
  timeoutMs: number,
  repairs: readonly string[] | undefined,
): AnyOutcome {
  switch (result.kind) {
    case "value":
      return success(call, result.value, env, repairs);
    case "timeout": {
      const content = timeoutContent(call.name, timeoutMs);
      const error = { code: "timeout", message: `Timed out after ${timeoutMs} ms` } as const;
      return failure(call, error, env, content, repairs);
    }
    case "cancelled": {
      const error = { code: "execution_error", message: "Cancelled by the caller" } as const;
      return failure(call, error, env, cancelledContent(call.name), repairs);
    }
    case "error": {
      const error = { code: "execution_error", message: thrownMessage(result.thrown) } as const;
      return failure(call, error, env, undefined, repairs);
    }
  }
}

/** A bug of ours (or a validator that throws): the model still gets an answer. */
function internalFailure(env: DispatchEnv, call: ToolCall, error: unknown): ToolFailure {
  return failure(call, { code: "execution_error", message: `Internal error: ${thrownMessage(error)}` }, env);
}

/** A call object or per-call options that cannot be used. */
export function invalidCall(
  env: DispatchEnv,
  known: { name: string; id?: string },
  reason: string,
): ToolFailure {
  const call: ToolCall = { name: known.name, arguments: undefined, ...idOf(known) };
  return failure(
    call,
    { code: "invalid_call", message: `Invalid call: ${reason}` },
    env,
    invalidCallContent(reason),
  );
}

/** Arguments of a tool with recursive types, nested deeper than the limit. */
function depthFailure(env: DispatchEnv, call: ToolCall, repairs: readonly string[] | undefined): ToolFailure {
  const what = `are nested more than ${env.options.limits.maxDepth} levels deep, the limit`;
  return limitFailure(env, call, what, repairs);
}

function limitFailure(
  env: DispatchEnv,
  call: ToolCall,
  what: string,
  repairs?: readonly string[],
): ToolFailure {
  const error = { code: "limit_exceeded", message: `The arguments ${what}` } as const;
  return failure(call, error, env, limitContent(call.name, what), repairs);
}

/** The names of the tools the caller may use: the only ones an outcome may name. */
export function visibleNames(env: DispatchEnv, context: object | undefined): readonly string[] {
  if (!env.guarded) return env.names;
  return env.names.filter((name) => {
    const entry = env.tools.get(name) as ToolEntry;
    return mayUse(entry.definition, context, env.options.allow);
  });
}

function unknownTool(env: DispatchEnv, call: ToolCall, context: object | undefined): ToolFailure {
  const names = visibleNames(env, context);
  const suggestion = suggestName(call.name, names);
  const content = unknownToolContent(call.name, names, suggestion);
  const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
  const message = `Unknown tool "${truncatedName(call.name)}"${hint}`;
  return failure(call, { code: "unknown_tool", message }, env, content);
}

function success(call: ToolCall, value: unknown, env: DispatchEnv, repairs?: readonly string[]): ToolSuccess {
  const content = valueContent(value, env.options.maxContentLength);
  // Built without spreading: this object is made once per successful call.
  const outcome: ToolSuccess =
    call.id === undefined
      ? { ok: true, name: call.name, value, content }
      : { ok: true, name: call.name, id: call.id, value, content };
  return repairs === undefined ? outcome : { ...outcome, repairs };
}

function failure(
  call: ToolCall,
  error: ToolError,
  env: DispatchEnv,
  content?: string,
  repairs?: readonly string[],
): ToolFailure {
  const text = content ?? executionErrorContent(call.name, error.message);
  return {
    ok: false,
    name: call.name,
    ...idOf(call),
    error,
    content: capContent(text, env.options.maxContentLength),
    ...(repairs && { repairs }),
  };
}

/** `{ id }` when the call has one: with `exactOptionalPropertyTypes`, never `{ id: undefined }`. */
function idOf(call: { readonly id?: string | undefined }): { id?: string } {
  return call.id === undefined ? {} : { id: call.id };
}

/** Runs a hook so that neither its throw nor its rejected promise can reach the caller. */
function observe(hook: () => unknown): void {
  try {
    const result = hook();
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      Promise.resolve(result).catch(() => {});
    }
  } catch {
    // A broken logger must not break tool calls.
  }
}
