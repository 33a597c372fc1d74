/**
 * Reading a call object that anyone may have built: a model's SDK, application code, an attacker.
 * Each field is read once, inside a guard, so a throwing getter, a Proxy (revoked or not) or an
 * object without a prototype becomes an `invalid_call` reason instead of a throw.
 */
import { thrownMessage } from "./feedback.ts";
import { kindOf } from "./json.ts";
import type { CallOptions, ToolCall } from "./outcome.ts";

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

const MAX_SHOWN = 100;

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
  const name = readField(input, "name");
  const id = readField(input, "id");
  const args = readField(input, "arguments");
  const idText = id.ok ? idOf(id.value) : undefined;
  const known = {
    name: name.ok && typeof name.value === "string" ? name.value : "",
    ...(typeof idText === "string" && { id: idText }),
  };
  if (!name.ok) return new UnusableCall(known, `its name cannot be read (${name.error})`);
  if (typeof name.value !== "string")
    return new UnusableCall(known, `its name must be a string, got ${kindOf(name.value)}`);
  if (!id.ok) return new UnusableCall(known, `its id cannot be read (${id.error})`);
  if (idText === null) return new UnusableCall(known, `its id must be a string, got ${kindOf(id.value)}`);
  if (!args.ok) return new UnusableCall(known, `its arguments cannot be read (${args.error})`);
  return idText === undefined
    ? { name: name.value, arguments: args.value }
    : { name: name.value, arguments: args.value, id: idText };
}

/** The id as a string: numbers are accepted (some SDKs number their calls); null for anything else. */
function idOf(value: unknown): string | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function readField(input: object, key: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: (input as Record<string, unknown>)[key] };
  } catch (error) {
    return { ok: false, error: thrownMessage(error) };
  }
}

/**
 * The per-call options, each read once, or why they cannot be used: a time limit must be a positive
 * number (`Infinity` for none), a signal an `AbortSignal`.
 */
export function readOptions(
  options: unknown,
): { readonly ok: true; readonly options: CallOptions } | { readonly ok: false; readonly reason: string } {
  if (options === undefined || options === null) return { ok: true, options: {} };
  if (typeof options !== "object")
    return { ok: false, reason: `the call options must be an object, got ${kindOf(options)}` };
  const timeout = readField(options, "timeoutMs");
  if (!timeout.ok) return { ok: false, reason: `timeoutMs cannot be read (${timeout.error})` };
  const timeoutMs = timeout.value;
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs > 0))
    return {
      ok: false,
      reason: `timeoutMs must be a positive number of milliseconds (Infinity for none), got ${describeValue(timeoutMs)}`,
    };
  const signal = readField(options, "signal");
  if (!signal.ok) return { ok: false, reason: `signal cannot be read (${signal.error})` };
  if (signal.value !== undefined && !isAbortSignal(signal.value))
    return { ok: false, reason: `signal must be an AbortSignal, got ${kindOf(signal.value)}` };
  return {
    ok: true,
    options: {
      ...(timeoutMs !== undefined && { timeoutMs: timeoutMs as number }),
      ...(signal.value !== undefined && { signal: signal.value as AbortSignal }),
    },
  };
}

function isAbortSignal(value: unknown): boolean {
  const { AbortSignal: Signal } = globalThis as unknown as { AbortSignal?: abstract new () => AbortSignal };
  try {
    return Signal !== undefined && value instanceof Signal;
  } catch {
    return false;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, MAX_SHOWN));
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return kindOf(value);
}
