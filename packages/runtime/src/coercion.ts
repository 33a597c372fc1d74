/**
 * What the coercers the compiler writes into a generated module call (through
 * `@typecall/runtime/internal`). A coercer converts the near misses of a call's arguments before
 * they are validated again, as the README says ("What lenient parsing and coercion do, and never
 * do"): a value that fits is never converted, a string holding exactly a JSON literal becomes it
 * where the type wants that kind, a string holding a JSON object or array becomes it, `null` for an
 * optional property means absent, and an absent property gets its default. The compiler knows the
 * types, so each helper here is told what to do, never reads a schema.
 *
 * The values a coercer works on are parsed JSON; its input is never mutated (objects are copied
 * before their properties change) and nothing here throws on one.
 */
import { isJsonObject, jsonEqual, nestedDeeperThan, setOwn } from "./json.ts";
import { _fits, coerced } from "./memo.ts";

// A JSON number exactly (no `02`, `2.` or `.5`); unambiguous, so it cannot backtrack.
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The number a string holds, written exactly as JSON writes one (`"42"`, `"-1.5e3"`; not `" 42"`,
 * `"042"` or `"4."`), when a JavaScript number holds it exactly; anything else as it is. An integer
 * past 2^53, however it is spelled, stays a string: better a validation error than a wrong id.
 */
export function _number(value: unknown): unknown {
  if (typeof value !== "string" || !NUMBER.test(value)) return value;
  const number = Number(value);
  const exact = Number.isFinite(number) && (!Number.isInteger(number) || Number.isSafeInteger(number));
  return exact ? number : value;
}

/** {@link _number}, where only an integer will do. */
export function _integer(value: unknown): unknown {
  const number = _number(value);
  return Number.isInteger(number) ? number : value;
}

/** {@link _number}, where only one of `values` will do (a union of numeric literals). */
export function _numberIn(value: unknown, values: readonly number[]): unknown {
  const number = _number(value);
  return typeof number === "number" && values.includes(number) ? number : value;
}

/** `"true"` and `"false"` as booleans; anything else as it is. */
export function _boolean(value: unknown): unknown {
  return value === "true" ? true : value === "false" ? false : value;
}

/**
 * Text nested deeper than this is not decoded: coercing it would recurse that deep. Dispatch then
 * bounds what was decoded by its own limit (`maxDepth`, 64 by default), as it bounds what it parsed.
 */
const MAX_DECODED_DEPTH = 256;

/** The value JSON text holds, or undefined when it holds none (or one nested too deep to coerce). */
function parsed(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return nestedDeeperThan(value, MAX_DECODED_DEPTH) ? undefined : value;
}

/**
 * The object a coercer of an object type changes: a copy of `value` when it is an object, the
 * object JSON text holds when it is a string that holds one (double-encoded), else undefined (the
 * coercer then hands the value back as it is, for the validator to report).
 */
export function _copy(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === "string") {
    const decoded = parsed(value);
    return isJsonObject(decoded) ? decoded : undefined;
  }
  return isJsonObject(value) ? { ...value } : undefined;
}

/**
 * An object as it is, or the object JSON text holds when `value` is a string that holds one;
 * anything else as it is. The coercion of an object type none of whose properties can change.
 */
export function _object(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const decoded = parsed(value);
  return isJsonObject(decoded) ? decoded : value;
}

/**
 * An array prepared item by item by `item` (given the item and its index): `value` itself, or the
 * array JSON text holds when it is a string that holds one. Anything else as it is.
 */
export function _array(value: unknown, item?: (item: unknown, index: number) => unknown): unknown {
  const array = typeof value === "string" ? parsed(value) : value;
  if (!Array.isArray(array)) return value;
  return item === undefined ? array : array.map(item);
}

/** Coerces a property of a coercer's own copy, when it is there. */
export function _prop(out: Record<string, unknown>, key: string, coerce: (value: unknown) => unknown): void {
  if (Object.hasOwn(out, key)) out[key] = coerce(out[key]);
}

/**
 * An optional property whose type does not take `null`: `null` means absent (strict dialects make
 * every property required and nullable), anything else is coerced by `coerce`, when given.
 */
export function _optional(
  out: Record<string, unknown>,
  key: string,
  coerce?: (value: unknown) => unknown,
): void {
  if (!Object.hasOwn(out, key)) return;
  if (out[key] === null) delete out[key];
  else if (coerce !== undefined) out[key] = coerce(out[key]);
}

/** A default for a property left out; the compiler writes it as a literal, so each call gets its own copy. */
export function _default(out: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.hasOwn(out, key)) setOwn(out, key, value);
}

/** Coerces every property but the `known` ones (a record's entries, an index signature's). */
export function _others(
  out: Record<string, unknown>,
  known: readonly string[],
  coerce: (value: unknown) => unknown,
): void {
  for (const key of Object.keys(out)) if (!known.includes(key)) out[key] = coerce(out[key]);
}

/** Whether every key of an object but the `known` ones has a value that `fits` (none may, without it). */
export function _othersFit(
  value: Record<string, unknown>,
  known: readonly string[],
  fits?: (value: unknown) => boolean,
): boolean {
  for (const key of Object.keys(value))
    if (!known.includes(key) && (fits === undefined || !fits(value[key]))) return false;
  return true;
}

/** A member of a union, as a coercer sees it: how to prepare a value for it, and whether a value fits it. */
export type UnionMember = readonly [coerce: (value: unknown) => unknown, fits: (value: unknown) => boolean];

/**
 * A union's value: kept for the first member that takes it as it is (and prepared for it, so that
 * member's defaults apply); else converted only when every member that accepts a converted value
 * agrees on it; else as it is. Each member's coercion and verdict of an object is made once in the
 * pass, so nested unions cost linear time.
 */
export function _union(value: unknown, members: readonly UnionMember[]): unknown {
  for (const [coerce, fits] of members) if (_fits(fits, value)) return coerced(coerce, value);
  let found = false;
  let chosen: unknown;
  for (const [coerce, fits] of members) {
    const candidate = coerced(coerce, value);
    if (!_fits(fits, candidate)) continue;
    if (!found) {
      found = true;
      chosen = candidate;
    } else if (!jsonEqual(candidate, chosen)) return value;
  }
  return found ? chosen : value;
}

/**
 * A record sent as an array of `{ key, value }` entries (how strict dialects send one) as the
 * object it encodes; anything else as it is, and so is an array with a duplicate key or an item that
 * is not exactly an entry. A record is never an array, so nothing else is read this way.
 */
export function _entries(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const entry of value) {
    if (!isJsonObject(entry) || typeof entry.key !== "string" || !Object.hasOwn(entry, "value")) return value;
    if (Object.keys(entry).length !== 2 || Object.hasOwn(out, entry.key)) return value;
    setOwn(out, entry.key, entry.value);
  }
  return out;
}

/**
 * A tuple sent as an object with one property per position (`"0"`, `"1"`, ...; how strict dialects
 * send one) as the array it encodes; anything else as it is. `length` is the tuple's, `required`
 * how many leading items it must have: past those, `null` or a missing position means the tuple
 * ends there, and nothing may follow. A tuple is never an object, so nothing else is read this way.
 */
export function _positions(value: unknown, length: number, required: number): unknown {
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.some((key) => !/^(0|[1-9]\d*)$/.test(key) || Number(key) >= length)) return value;
  const items: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const item = Object.hasOwn(value, String(i)) ? value[String(i)] : undefined;
    const absent = item === undefined || (item === null && i >= required);
    if (absent && i < required) return value;
    if (absent) return keys.every((key) => Number(key) < i || value[key] === null) ? items : value;
    items.push(item);
  }
  return items;
}
