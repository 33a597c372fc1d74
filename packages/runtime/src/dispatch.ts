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
import { parseArguments } from "./lenient-json.ts";
import type { OutcomeEvent, ResolvedToolsetOptions } from "./options.ts";
import type { AnyOutcome, CallOptions, ToolCall, ToolError, ToolFailure, ToolSuccess } from "./outcome.ts";
import { runGuarded } from "./run-guarded.ts";
import { suggestName } from "./suggest.ts";
import type { ToolDefinition } from "./types.ts";

/** What the pipeline needs from its toolset. */
export interface DispatchEnv {
  readonly tools: ReadonlyMap<string, ToolDefinition<object>>;
  readonly names: readonly string[];
  readonly options: ResolvedToolsetOptions;
}

/** Dispatches one call and reports it to the hooks. Never rejects. */
export async function dispatchCall(
  env: DispatchEnv,
  input: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
): Promise<AnyOutcome> {
  const call = normaliseCall(input);
  const { hooks } = env.options;
  const event = { name: call.name, ...idOf(call), arguments: call.arguments, startedAt: Date.now() };
  observe(() => hooks.onCall?.(event));
  const state = { repaired: false };
  let outcome: AnyOutcome;
  try {
    outcome = await pipeline(env, call, context, options, state);
  } catch (error) {
    // Only a broken validator or a bug here gets this far; the model still gets an answer.
    outcome = failure(
      call,
      { code: "execution_error", message: `Internal error: ${thrownMessage(error)}` },
      env,
    );
  }
  const done: OutcomeEvent = { ...event, durationMs: Date.now() - event.startedAt, repaired: state.repaired };
  observe(() => hooks.onOutcome?.(outcome, done));
  return outcome;
}

async function pipeline(
  env: DispatchEnv,
  call: ToolCall,
  context: object | undefined,
  options: CallOptions | undefined,
  state: { repaired: boolean },
): Promise<AnyOutcome> {
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
  const prepared = coerceArguments(args, tool.schemas["json-schema"]);
  const verdict = tool.validate(prepared);
  if (!verdict.success) {
    const issues = toIssues(verdict.errors);
    const message = `Invalid arguments for tool "${call.name}" (${issues.length} issue${issues.length === 1 ? "" : "s"})`;
    return failure(
      call,
      { code: "invalid_arguments", message, issues },
      env,
      invalidArgumentsContent(call.name, issues),
    );
  }
  return execute(env, tool, call, prepared, context, options);
}

async function execute(
  env: DispatchEnv,
  tool: ToolDefinition<object>,
  call: ToolCall,
  args: unknown,
  context: object | undefined,
  options: CallOptions | undefined,
): Promise<AnyOutcome> {
  const timeoutMs = options?.timeoutMs ?? tool.timeoutMs ?? env.options.timeoutMs;
  const target = { name: call.name, ...idOf(call) };
  const result = await runGuarded(
    (signal) => tool.run(args as never, { ...context, signal, call: target }),
    timeoutMs,
    options?.signal,
  );
  switch (result.kind) {
    case "value":
      return success(call, result.value, env);
    case "timeout":
      return failure(
        call,
        { code: "timeout", message: `Timed out after ${timeoutMs} ms` },
        env,
        timeoutContent(call.name, timeoutMs),
      );
    case "cancelled":
      return failure(
        call,
        { code: "execution_error", message: "Cancelled by the caller" },
        env,
        cancelledContent(call.name),
      );
    case "error":
      return failure(call, { code: "execution_error", message: thrownMessage(result.thrown) }, env);
  }
}

function unknownTool(env: DispatchEnv, call: ToolCall): ToolFailure {
  const suggestion = suggestName(call.name, env.names);
  const content = unknownToolContent(call.name, env.names, suggestion);
  const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
  return failure(call, { code: "unknown_tool", message: `Unknown tool "${call.name}"${hint}` }, env, content);
}

function success(call: ToolCall, value: unknown, env: DispatchEnv): ToolSuccess {
  const content = capContent(resultContent(value), env.options.maxContentLength);
  return { ok: true, name: call.name, ...idOf(call), value, content };
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
