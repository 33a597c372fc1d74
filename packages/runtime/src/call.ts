/**
 * Reading a call object that anyone may have built: a model's SDK, application code, an attacker.
 * Each field is read once, inside a guard, so a throwing getter, a Proxy (revoked or not) or an
 * object without a prototype becomes an `invalid_call` reason instead of a throw.
 */
import { thrownMessage } from "./feedback.ts";
import { kindOf } from "./json.ts";
import { MIN_TIMEOUT_MS, numberProblem } from "./options.ts";
import type { BatchOptions, ToolCall } from "./outcome.ts";

/**
 * A call object that cannot be used: why, and what of it could be read (for the outcome). A class,
 * so that `readCall` can return the usable call itself and dispatch tells the two apart with one
 * `instanceof`, allocating nothing more on the common path.
 */
export class UnusableCall {
  constructor(
    readonly known: { readonly name: string; readonly id?: string },
    readonly reason: string,
  ) {}
}

/**
 * A field of an object anyone may have built, in a one-element array, or the message of what
 * reading it threw. (A wrapper, not a marker class: `instanceof` on a Proxy runs one of its traps.)
 */
function readField(input: object, key: string): [unknown] | string {
  try {
    return [(input as Record<string, unknown>)[key]];
  } catch (error) {
    return thrownMessage(error);
  }
}

/** Reads `name`, `id` and `arguments` of a call object into a call of our own, never throwing. */
export function readCall(input: unknown): ToolCall | UnusableCall {
  if (typeof input !== "object" || input === null)
    return new UnusableCall({ name: "" }, `a call must be an object, got ${kindOf(input)}`);
  // The common case first, each field read once: a plain call from an SDK or from app code.
  try {
    const { name, id, arguments: args } = input as Record<string, unknown>;
    if (typeof name === "string" && id === undefined) return { name, arguments: args };
    if (typeof name === "string" && typeof id === "string") return { name, arguments: args, id };
  } catch {
    // A getter that throws, a Proxy: read field by field below, to say which.
  }
  const nameField = readField(input, "name");
  const idField = readField(input, "id");
  const argsField = readField(input, "arguments");
  const name = typeof nameField === "string" ? undefined : nameField[0];
  const idText = typeof idField === "string" ? undefined : idOf(idField[0]);
  // What could be read goes into the outcome, whatever else is wrong.
  const known = {
    name: typeof name === "string" ? name : "",
    ...(typeof idText === "string" && { id: idText }),
  };
  const unusable = (reason: string) => new UnusableCall(known, reason);
  if (typeof nameField === "string") return unusable(`its name cannot be read (${nameField})`);
  if (typeof name !== "string") return unusable(`its name must be a string, got ${kindOf(name)}`);
  if (typeof idField === "string") return unusable(`its id cannot be read (${idField})`);
  if (idText === null) return unusable(`its id must be a string, got ${kindOf(idField[0])}`);
  if (typeof argsField === "string") return unusable(`its arguments cannot be read (${argsField})`);
  const [args] = argsField;
  return idText === undefined ? { name, arguments: args } : { name, arguments: args, id: idText };
}

/** The id as a string: numbers are accepted (some SDKs number their calls); null for anything else. */
function idOf(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Per-call (or per-batch) options, each read once: the options themselves, or why they cannot be
 * used. A time limit must be a positive number (`Infinity` for none), a signal an `AbortSignal`,
 * and a batch's concurrency (asked for with `withConcurrency`) a number of at least 1.
 */
export function readOptions(options: unknown, withConcurrency = false): BatchOptions | string {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object") return `the call options must be an object, got ${kindOf(options)}`;
  const read: Record<string, unknown> = {};
  for (const key of withConcurrency ? BATCH_KEYS : CALL_KEYS) {
    const field = readField(options, key);
    if (typeof field === "string") return `${key} cannot be read (${field})`;
    const [value] = field;
    if (value === undefined) continue;
    const problem =
      key === "signal"
        ? isAbortSignal(value)
          ? undefined
          : `signal must be an AbortSignal, got ${kindOf(value)}`
        : numberProblem(key, value, key === "timeoutMs" ? MIN_TIMEOUT_MS : 1);
    if (problem !== undefined) return problem;
    read[key] = value;
  }
  return read;
}

const CALL_KEYS = ["timeoutMs", "signal"] as const;
const BATCH_KEYS = [...CALL_KEYS, "concurrency"] as const;

function isAbortSignal(value: unknown): boolean {
  const { AbortSignal: Signal } = globalThis as unknown as { AbortSignal?: abstract new () => AbortSignal };
  try {
    return Signal !== undefined && value instanceof Signal;
  } catch {
    return false;
  }
}
