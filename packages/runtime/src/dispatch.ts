/**
 * The dispatch pipeline: find the tool, parse the argument text leniently, coerce and normalise
 * against the canonical schema, validate with the generated validator, run under a time limit,
 * turn the result into content. Every step's failure is an outcome; nothing here throws.
 */
import { coerceArguments } from "./coerce.ts";
import {
  cancelledContent,
  capContent,
  executionErrorContent,
  invalidArgumentsContent,
  invalidJsonContent,
  resultContent,
  thrownMessage,
  timeoutContent,
  unknownToolContent,
} from "./feedback.ts";
import { toIssues } from "./issues.ts";
import { cloneJson } from "./json.ts";
import { parseArguments } from "./lenient-json.ts";
import type { OutcomeEvent, ResolvedToolsetOptions } from "./options.ts";
import type { AnyOutcome, CallOptions, ToolCall, ToolError, ToolFailure, ToolSuccess } from "./outcome.ts";
import { type RunResult, runGuarded } from "./run-guarded.ts";
import { suggestName } from "./suggest.ts";
import type { ToolContext, ToolDefinition } from "./types.ts";

/** What the pipeline needs from its toolset. */
export interface DispatchEnv {
  readonly tools: ReadonlyMap<string, ToolDefinition<object>>;
  readonly names: readonly string[];
  readonly options: ResolvedToolsetOptions;
}

/** Dispatches one call and reports it to the hooks. Never rejects. */
export function dispatchCall(
  env: DispatchEnv,
  input: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
): Promise<AnyOutcome> {
  const call = isWellFormed(input) ? input : normaliseCall(input);
  const { hooks } = env.options;
  // Without hooks there is nothing to observe: skip the events and their clock reads.
  if (hooks.onCall === undefined && hooks.onOutcome === undefined)
    return dispatchOnce(env, call, context, options, {});
  return observed(env, call, context, options);
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
  const state = { repaired: false };
  const outcome = await dispatchOnce(env, call, context, options, state);
  const done: OutcomeEvent = { ...event, durationMs: Date.now() - event.startedAt, repaired: state.repaired };
  observe(() => hooks.onOutcome?.(outcome, done));
  return outcome;
}

/**
 * The pipeline. Everything up to running the tool is synchronous; the returned promise is the only
 * one a call allocates besides the tool's own, so a fast tool costs little more than calling it.
 */
function dispatchOnce(
  env: DispatchEnv,
  call: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
  state: { repaired?: boolean },
): Promise<AnyOutcome> {
  return new Promise<AnyOutcome>((resolve) => {
    try {
      const prepared = prepare(env, call, state);
      if (!("args" in prepared)) return resolve(prepared);
      const { tool, plan, args } = prepared;
      const timeoutMs = options?.timeoutMs ?? tool.timeoutMs ?? env.options.timeoutMs;
      // A tool without a ToolContext gets none; its signal getter is then never called, so no
      // AbortController is made.
      runGuarded(
        (signal) =>
          tool.run(
            args as never,
            plan.usesContext ? callContext(context, signal, call) : (undefined as never),
          ),
        timeoutMs,
        options?.signal,
        (result) => resolve(settle(env, call, result, timeoutMs)),
      );
    } catch (error) {
      // Only a broken validator or a bug here gets this far; the model still gets an answer.
      resolve(
        failure(call, { code: "execution_error", message: `Internal error: ${thrownMessage(error)}` }, env),
      );
    }
  });
}

/** Finds the tool and turns the call's arguments into validated wire arguments, or a failure. */
function prepare(
  env: DispatchEnv,
  call: ToolCall,
  state: { repaired?: boolean },
): ToolFailure | { tool: ToolDefinition<object>; plan: ToolPlan; args: unknown } {
  const tool = env.tools.get(call.name);
  if (tool === undefined) return unknownTool(env, call);
  let args: unknown = call.arguments ?? {};
  if (typeof args === "string") {
    const parsed = parseArguments(args);
    if (!parsed.ok) {
      const content = invalidJsonContent(call.name, parsed.message, parsed.position, args);
      const message = `Arguments are not valid JSON: ${parsed.message} at position ${parsed.position}`;
      return failure(call, { code: "invalid_json", message }, env, content);
    }
    state.repaired = parsed.repaired;
    args = parsed.value;
  }
  const plan = planOf(tool);
  // Fast path: arguments that already fit need no coercion; only defaults the call leaves out are added.
  let verdict = plan.nestedDefaults ? undefined : tool.validate(args);
  if (verdict?.success) {
    args = withTopDefaults(args as Record<string, unknown>, plan.topDefaults);
  } else {
    args = coerceArguments(args, tool.schemas["json-schema"]);
    verdict = tool.validate(args);
  }
  if (!verdict.success) {
    const issues = toIssues(verdict.errors);
    const message = `Invalid arguments for tool "${call.name}" (${issues.length} issue${issues.length === 1 ? "" : "s"})`;
    const content = invalidArgumentsContent(call.name, issues);
    return failure(call, { code: "invalid_arguments", message, issues }, env, content);
  }
  return { tool, plan, args };
}

/** What dispatch precomputes about a tool, once. */
interface ToolPlan {
  /** `run` takes the context parameter (the tool declares a `ToolContext`). */
  readonly usesContext: boolean;
  /** Defaults below the top level: such calls always take the normalising path. */
  readonly nestedDefaults: boolean;
  readonly topDefaults: readonly (readonly [string, unknown])[];
}

const plans = new WeakMap<ToolDefinition<object>, ToolPlan>();

function planOf(tool: ToolDefinition<object>): ToolPlan {
  let plan = plans.get(tool);
  if (plan === undefined) {
    const schema = tool.schemas["json-schema"];
    const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const topDefaults = Object.entries(properties).flatMap(([key, property]) =>
      "default" in property ? [[key, property.default] as const] : [],
    );
    const nestedDefaults = Object.values(properties).some((property) => hasDefault(property, true));
    plan = { usesContext: tool.takesContext === true, nestedDefaults, topDefaults };
    plans.set(tool, plan);
  }
  return plan;
}

/** Whether a `default` keyword appears anywhere in a schema (below its own top when `skipOwn`). */
function hasDefault(schema: unknown, skipOwn: boolean): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  if (!skipOwn && !Array.isArray(schema) && "default" in schema) return true;
  return Object.values(schema).some((value) => hasDefault(value, false));
}

/** The arguments with each absent top-level default filled in; the caller's object is never mutated. */
function withTopDefaults(args: Record<string, unknown>, defaults: ToolPlan["topDefaults"]): unknown {
  let result = args;
  for (const [key, value] of defaults) {
    if (result[key] !== undefined) continue;
    if (result === args) result = { ...args };
    result[key] = cloneJson(value);
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

function settle(env: DispatchEnv, call: ToolCall, result: RunResult, timeoutMs: number): AnyOutcome {
  switch (result.kind) {
    case "value":
      return success(call, result.value, env);
    case "timeout": {
      const content = timeoutContent(call.name, timeoutMs);
      return failure(call, { code: "timeout", message: `Timed out after ${timeoutMs} ms` }, env, content);
    }
    case "cancelled": {
      const error = { code: "execution_error", message: "Cancelled by the caller" } as const;
      return failure(call, error, env, cancelledContent(call.name));
    }
    case "error":
      return failure(call, { code: "execution_error", message: thrownMessage(result.thrown) }, env);
  }
}

/** A call object JavaScript callers built correctly, usable without copying. */
function isWellFormed(input: ToolCall): boolean {
  return (
    typeof input === "object" &&
    input !== null &&
    typeof input.name === "string" &&
    (input.id === undefined || typeof input.id === "string")
  );
}

function unknownTool(env: DispatchEnv, call: ToolCall): ToolFailure {
  const suggestion = suggestName(call.name, env.names);
  const content = unknownToolContent(call.name, env.names, suggestion);
  const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
  return failure(call, { code: "unknown_tool", message: `Unknown tool "${call.name}"${hint}` }, env, content);
}

function success(call: ToolCall, value: unknown, env: DispatchEnv): ToolSuccess {
  const content = capContent(resultContent(value), env.options.maxContentLength);
  // Built without spreading: this object is made once per successful call.
  return call.id === undefined
    ? { ok: true, name: call.name, value, content }
    : { ok: true, name: call.name, id: call.id, value, content };
}

function failure(call: ToolCall, error: ToolError, env: DispatchEnv, content?: string): ToolFailure {
  const text = content ?? executionErrorContent(call.name, error.message);
  return {
    ok: false,
    name: call.name,
    ...idOf(call),
    error,
    content: capContent(text, env.options.maxContentLength),
  };
}

/** The call with a string name (and id): JavaScript callers and models may hand over anything. */
function normaliseCall(input: unknown): ToolCall {
  const call = (typeof input === "object" && input !== null ? input : {}) as Partial<
    Record<keyof ToolCall, unknown>
  >;
  const name = typeof call.name === "string" ? call.name : String(call.name ?? "");
  const id = call.id === undefined || call.id === null ? undefined : String(call.id);
  return id === undefined ? { name, arguments: call.arguments } : { name, arguments: call.arguments, id };
}

/** `{ id }` when the call has one: with `exactOptionalPropertyTypes`, never `{ id: undefined }`. */
function idOf(call: ToolCall): { id?: string } {
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
