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
import type { Secrets } from "./redact.ts";
import { type RunResult, runGuarded } from "./run-guarded.ts";
import { hasSensitive, type SensitivePath } from "./sensitive.ts";
import type { Slots } from "./slots.ts";
import { suggestName } from "./suggest.ts";
import type { ToolContext, ToolDefinition, ValidatorResult } from "./types.ts";

/** What the pipeline needs from its toolset. */
export interface DispatchEnv {
  readonly tools: ReadonlyMap<string, ToolEntry>;
  readonly names: readonly string[];
  readonly options: ResolvedToolsetOptions;
  /** Whether any tool is hidden from some callers (a tool has scopes, or there is an `allow` rule). */
  readonly guarded: boolean;
  /** Whether any tool has sensitive values (`@sensitive`). */
  readonly sensitive: boolean;
  /** The toolset-wide limit on calls running at once, when there is one (`maxConcurrentCalls`). */
  readonly slots: Slots | undefined;
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
  approved = false,
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
  const tool = env.sensitive ? env.tools.get(call.name)?.definition : undefined;
  const protect = tool !== undefined && hasSensitive(tool);
  // Without hooks or secrets there is nothing to observe or mask: skip the events and their clock reads.
  if (!protect && hooks.onCall === undefined && hooks.onOutcome === undefined)
    return dispatchOnce(env, call, context, callOptions, approved);
  return observed(env, call, context, callOptions, approved, protect ? tool : undefined);
}

async function observed(
  env: DispatchEnv,
  call: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
  approved: boolean,
  sensitive: ToolDefinition<object> | undefined,
): Promise<AnyOutcome> {
  const { hooks } = env.options;
  // A tool's secrets are known from its arguments before it runs, and from its result after.
  let secrets: Secrets | undefined;
  if (sensitive !== undefined) {
    try {
      const { argumentSecrets } = await loadRedaction();
      secrets = argumentSecrets(sensitive, call.arguments, plannedOf(env, sensitive));
    } catch (error) {
      return internalFailure(env, call, error);
    }
  }
  const event = {
    name: call.name,
    ...idOf(call),
    arguments: secrets ? secrets.shown : call.arguments,
    startedAt: Date.now(),
  };
  observe(() => hooks.onCall?.(event));
  // What the pipeline cuts short (a preview, a thrown object's text) it masks first.
  const mask = secrets ? (text: string) => secrets.mask(text) : undefined;
  let outcome = await dispatchOnce(env, call, context, options, approved, mask);
  let seen: AnyOutcome = outcome;
  if (secrets && sensitive) {
    try {
      if (outcome.ok) secrets.collect(sensitive.sensitiveResult, outcome.value);
      outcome = secrets.maskOutcome(outcome, capOf(env, sensitive));
      seen = outcome.ok ? { ...outcome, value: secrets.maskValue(outcome.value) } : outcome;
    } catch {
      // A result whose getters throw: nothing of the call can be shown safely, not even the error.
      outcome = failure(
        call,
        { code: "execution_error", message: "Internal error: the outcome could not be masked" },
        env,
      );
      seen = outcome;
    }
  }
  // An outcome carries `repairs` only when lenient parsing made some.
  const done: OutcomeEvent = {
    ...event,
    durationMs: Date.now() - event.startedAt,
    repaired: outcome.repairs !== undefined,
  };
  observe(() => hooks.onOutcome?.(seen, done));
  return outcome;
}

/**
 * The redaction module, loaded at the first call of a tool with sensitive values: an app without
 * any never loads it. A load that fails is a bug of the bundle, answered as one.
 */
function loadRedaction(): Promise<typeof import("./redact.ts")> {
  return import("./redact.ts");
}

/** The approval module, loaded at the first call of a tool tagged `@approval` (or `approve`, `deny`). */
export function loadApproval(): Promise<typeof import("./approve.ts")> {
  return import("./approve.ts");
}

/** The plan of a defined tool (made on first use). */
function plannedOf(env: DispatchEnv, tool: ToolDefinition<object>): ToolPlan {
  const entry = env.tools.get(tool.name) as ToolEntry;
  return entry.plan ?? planOf(entry, env);
}

/** The longest content of a tool's outcomes. */
function capOf(env: DispatchEnv, tool: ToolDefinition<object>): number {
  return tool.maxContentLength ?? env.options.maxContentLength;
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
  approved = false,
  mask: ((text: string) => string) | undefined = undefined,
): Promise<AnyOutcome> {
  let prepared: Prepared | ToolFailure;
  try {
    prepared = prepare(env, call, context, mask);
  } catch (error) {
    // Only a broken validator or a bug here gets this far; the model still gets an answer.
    return Promise.resolve(internalFailure(env, call, error));
  }
  if (prepared.ok === false) return Promise.resolve(prepared);
  const { tool, plan, args, repairs } = prepared;
  if (tool.approval === true && !approved)
    return loadApproval().then(
      (approval) => approval.askApproval(env, call, prepared, context),
      (error: unknown) => internalFailure(env, call, error),
    );
  // Proved by the compiler to be settled when it returns: no time limit to arm, no abort to await.
  if (tool.settlesAtOnce === true && options?.signal === undefined)
    return runSettled(env, call, prepared, context, mask);
  const timeoutMs = options?.timeoutMs ?? tool.timeoutMs ?? env.options.timeoutMs;
  // A tool without a ToolContext gets none; its signal getter is then never called, so no
  // AbortController is made.
  const run = (signal: () => AbortSignal): unknown =>
    tool.run(args as never, plan.usesContext ? callContext(context, signal, call) : (undefined as never));
  const guarded = (): Promise<AnyOutcome> =>
    new Promise<AnyOutcome>((resolve) => {
      runGuarded(run, timeoutMs, options?.signal, (result) =>
        resolve(finish(env, call, plan, result, timeoutMs, repairs, mask)),
      );
    });
  return env.slots === undefined
    ? guarded()
    : env.slots.run(guarded, options?.signal, () => cancelled(call, plan));
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
  mask: ((text: string) => string) | undefined,
): Promise<AnyOutcome> {
  let value: unknown;
  try {
    // Nothing can abort it any more: the signal a tool asks for never fires.
    const toolContext = plan.usesContext ? callContext(context, neverAborted(), call) : undefined;
    value = await tool.run(args as never, toolContext as never);
  } catch (thrown) {
    return finish(env, call, plan, { kind: "error", thrown }, Number.POSITIVE_INFINITY, repairs, mask);
  }
  // `success` cannot throw (`valueContent` catches what serialising a value throws), so it needs
  // no guard here: measured, a guarding wrapper costs this path about 0.05 of bench (a).
  return success(call, value, plan.cap, repairs);
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
  plan: ToolPlan,
  result: RunResult,
  timeoutMs: number,
  repairs: readonly string[] | undefined,
  mask: ((text: string) => string) | undefined,
): AnyOutcome {
  try {
    return settle(call, plan.cap, result, timeoutMs, repairs, mask);
  } catch (error) {
    return internalFailure(env, call, error);
  }
}

/** A call ready to run: its tool, what dispatch knows of it, the validated arguments. */
export interface Prepared {
  /** Never set: tells a prepared call from a {@link ToolFailure} with one property read. */
  readonly ok?: undefined;
  readonly tool: ToolDefinition<object>;
  readonly plan: ToolPlan;
  readonly args: unknown;
  readonly repairs?: readonly string[];
}

/** Finds the tool and turns the call's arguments into validated wire arguments, or a failure. */
function prepare(
  env: DispatchEnv,
  call: ToolCall,
  context: object | undefined,
  mask: ((text: string) => string) | undefined,
): Prepared | ToolFailure {
  const entry = env.tools.get(call.name);
  // A tool the caller may not use answers as one that does not exist, before its arguments are read.
  if (entry === undefined || (env.guarded && !mayUse(entry.definition, context, env.options.allow)))
    return unknownTool(env, call, context);
  const tool = entry.definition;
  const plan = entry.plan ?? planOf(entry, env);
  let args: unknown = call.arguments ?? {};
  let repairs: readonly string[] | undefined;
  const { limits } = env.options;
  if (typeof args === "string") {
    if (args.length > plan.maxArgumentsLength) {
      const what = `are ${args.length} characters long; the limit is ${plan.maxArgumentsLength}`;
      return limitFailure(env, call, what);
    }
    const text = args;
    try {
      // Valid JSON, the common case, costs `JSON.parse` alone; only text it rejects goes on to repair.
      args = JSON.parse(text);
    } catch {
      const parsed = parseArguments(text);
      if (!parsed.ok) {
        // No excerpt of text that may hold secrets no one could find in it.
        const excerptOf = plan.sensitive === undefined ? text : "";
        const content = invalidJsonContent(call.name, parsed.message, parsed.position, excerptOf);
        const message = `Arguments are not valid JSON: ${parsed.message} at position ${parsed.position}`;
        return failure(call, { code: "invalid_json", message }, plan.cap, content);
      }
      if (parsed.repairs.length > 0) repairs = parsed.repairs;
      args = parsed.value;
    }
    // Arguments encoded twice (JSON text of JSON text): the object the inner text holds.
    if (typeof args === "string") args = _object(args);
  }
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
    const reason = `the arguments could not be read (${thrownMessage(error, mask)})`;
    const content = invalidCallContent(reason);
    return failure(
      call,
      { code: "invalid_arguments", message: `Invalid call: ${reason}` },
      plan.cap,
      content,
      repairs,
    );
  }
  if (!verdict.success) {
    const issues = toIssues(verdict.errors, mask);
    const message = `Invalid arguments for tool "${call.name}" (${issues.length} issue${issues.length === 1 ? "" : "s"})`;
    const content = invalidArgumentsContent(
      call.name,
      issues,
      Math.max(issues.length, verdict.errors.length),
    );
    return failure(call, { code: "invalid_arguments", message, issues }, plan.cap, content, repairs);
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
  /** The longest content: the tool's or the toolset's; unlimited while secrets are still to be masked. */
  readonly cap: number;
  readonly maxArgumentsLength: number;
  /** The sensitive paths of the arguments, with an empty list for a tool whose result alone has some. */
  readonly sensitive: readonly SensitivePath[] | undefined;
}

/**
 * The plan of a tool, made at its first call and kept in its entry. The compiler states what it
 * knows of the arguments on the definition, so no schema is walked (which cost a cold start ~75 µs
 * a tool).
 */
function planOf(entry: ToolEntry, env: DispatchEnv): ToolPlan {
  const tool = entry.definition;
  const topDefaults = Object.entries(tool.defaults ?? {});
  const sensitive = hasSensitive(tool) ? (tool.sensitive ?? []) : undefined;
  entry.plan = {
    // A sensitive tool's content is cut after its secrets are masked (see `maskOutcome`).
    cap: sensitive === undefined ? capOf(env, tool) : Number.POSITIVE_INFINITY,
    maxArgumentsLength: tool.maxArgumentsLength ?? env.options.limits.maxArgumentsLength,
    sensitive,
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
  call: ToolCall,
  cap: number,
  result: RunResult,
  timeoutMs: number,
  repairs: readonly string[] | undefined,
  mask: ((text: string) => string) | undefined,
): AnyOutcome {
  switch (result.kind) {
    case "value":
      return success(call, result.value, cap, repairs);
    case "timeout": {
      const content = timeoutContent(call.name, timeoutMs);
      const error = { code: "timeout", message: `Timed out after ${timeoutMs} ms` } as const;
      return failure(call, error, cap, content, repairs);
    }
    case "cancelled":
      return cancelled(call, { cap }, repairs);
    case "error": {
      const error = { code: "execution_error", message: thrownMessage(result.thrown, mask) } as const;
      return failure(call, error, cap, undefined, repairs);
    }
  }
}

function cancelled(call: ToolCall, plan: Pick<ToolPlan, "cap">, repairs?: readonly string[]): ToolFailure {
  const error = { code: "execution_error", message: "Cancelled by the caller" } as const;
  return failure(call, error, plan.cap, cancelledContent(call.name), repairs);
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

function success(call: ToolCall, value: unknown, cap: number, repairs?: readonly string[]): ToolSuccess {
  const content = valueContent(value, cap);
  // Built without spreading: this object is made once per successful call.
  const outcome: ToolSuccess =
    call.id === undefined
      ? { ok: true, name: call.name, value, content }
      : { ok: true, name: call.name, id: call.id, value, content };
  return repairs === undefined ? outcome : { ...outcome, repairs };
}

/** A failed call's outcome; `cap` is the toolset (the env's limit) or the tool's (its plan's). */
export function failure(
  call: ToolCall,
  error: ToolError,
  cap: DispatchEnv | number,
  content?: string,
  repairs?: readonly string[],
): ToolFailure {
  const text = content ?? executionErrorContent(call.name, error.message);
  const max = typeof cap === "number" ? cap : cap.options.maxContentLength;
  return {
    ok: false,
    name: call.name,
    ...idOf(call),
    error,
    content: capContent(text, max),
    ...(repairs && { repairs }),
  };
}

/** `{ id }` when the call has one: with `exactOptionalPropertyTypes`, never `{ id: undefined }`. */
export function idOf(call: { readonly id?: string | undefined }): { id?: string } {
  return call.id === undefined ? {} : { id: call.id };
}

/** Runs a hook so that neither its throw nor its rejected promise can reach the caller. */
export function observe(hook: () => unknown): void {
  try {
    const result = hook();
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      Promise.resolve(result).catch(() => {});
    }
  } catch {
    // A broken logger must not break tool calls.
  }
}
