/**
 * Schema-driven repair of parsed arguments before validation, in one walk over the canonical
 * JSON Schema:
 *
 * - coercion: a scalar that does not fit is converted when the conversion makes it fit, and never
 *   so as to hide a model's confusion: a string holding exactly a number, integer, boolean or null
 *   literal becomes that value (`"42"` to 42), a JSON string the object or array it encodes, and a
 *   number or boolean becomes a string only where a literal union or enum holds that exact text
 *   (2 to `"2"` for `"1" | "2"`), never a free string;
 * - normalisation: an optional property sent as `null` whose schema does not admit null is dropped
 *   (strict dialects make optional properties required and nullable), then absent properties with a
 *   `default` get a copy of it.
 *
 * A value that already fits is never converted. The input is never mutated. Each (value, schema)
 * pair is coerced once, so nested unions cost linear time (see {@link SchemaWalk}).
 */

import { cloneJson, isJsonObject, jsonEqual, setOwn } from "./json.ts";
import {
  admits,
  admittedTypes,
  fits,
  type JsonType,
  resolveSchema,
  type SchemaWalk,
  schemaWalk,
  unionMembers,
} from "./json-schema.ts";
import type { JsonSchema } from "./types.ts";

// Model arguments are shallow; the cap only stops pathological (self-referencing) schemas.
const MAX_DEPTH = 64;
// A JSON number exactly (no `02`, `2.` or `.5`); unambiguous, so it cannot backtrack.
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** No number a model means is longer; past this, a string of digits stays a string. */
const MAX_NUMBER_TEXT = 400;
const NO_CONVERSION: unique symbol = Symbol("no conversion");

/**
 * Coerces and normalises `value` (parsed tool arguments) against `schema`, the canonical JSON Schema
 * of the arguments (its `$defs` serve `$ref`). Returns a new value; anything it cannot improve is
 * returned as is for the validator to report.
 */
export function coerceArguments(value: unknown, schema: JsonSchema): unknown {
  const walk: CoerceWalk = { ...schemaWalk(schema), coerced: new WeakMap() };
  return coerce(value, schema, walk, 0);
}

/** A {@link SchemaWalk} that also remembers each object's coercion against each schema. */
interface CoerceWalk extends SchemaWalk {
  readonly coerced: WeakMap<object, Map<unknown, unknown>>;
}

function coerce(value: unknown, schema: unknown, walk: CoerceWalk, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (typeof value !== "object" || value === null || typeof schema !== "object" || schema === null)
    return coerceOnce(value, schema, walk, depth);
  let known = walk.coerced.get(value);
  if (known === undefined) {
    known = new Map();
    walk.coerced.set(value, known);
  }
  if (!known.has(schema)) known.set(schema, coerceOnce(value, schema, walk, depth));
  return known.get(schema);
}

function coerceOnce(value: unknown, schema: unknown, walk: CoerceWalk, depth: number): unknown {
  const s = resolveSchema(schema, walk.root);
  const members = unionMembers(s);
  if (members) return coerceUnion(value, members, walk, depth);
  const types = admittedTypes(s, walk.root);
  if (isJsonObject(value)) return admits(types, "object") ? coerceObject(value, s, walk, depth) : value;
  if (Array.isArray(value)) return admits(types, "array") ? coerceArray(value, s, walk, depth) : value;
  if (types === undefined || fits(value, s, walk)) return value;
  const converted = convertScalar(value, types, s);
  if (converted === NO_CONVERSION) return value;
  // A decoded object or array still needs its own members coerced.
  const result =
    typeof converted === "object" && converted !== null ? coerce(converted, s, walk, depth + 1) : converted;
  return fits(result, s, walk) ? result : value;
}

/**
 * A union keeps the value when some member takes it as is (then only that member's defaults apply);
 * otherwise the coercion is used only when every member that accepts a coerced value agrees on it.
 */
function coerceUnion(value: unknown, members: readonly unknown[], walk: CoerceWalk, depth: number): unknown {
  const direct = members.find((member) => fits(value, member, walk));
  if (direct !== undefined) return coerce(value, direct, walk, depth + 1);
  const accepted: unknown[] = [];
  for (const member of members) {
    const candidate = coerce(value, member, walk, depth + 1);
    if (fits(candidate, member, walk)) accepted.push(candidate);
  }
  const [first] = accepted;
  return accepted.length > 0 && accepted.every((candidate) => jsonEqual(candidate, first)) ? first : value;
}

function coerceObject(
  value: Record<string, unknown>,
  s: JsonSchema,
  walk: CoerceWalk,
  depth: number,
): Record<string, unknown> {
  const properties = isJsonObject(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? s.required : []);
  const extra = isJsonObject(s.additionalProperties) ? s.additionalProperties : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const propertySchema = Object.hasOwn(properties, key) ? properties[key] : extra;
    if (propertySchema === undefined) {
      setOwn(out, key, item);
    } else if (
      !(item === null && isOptional(properties, required, key) && !fits(null, propertySchema, walk))
    ) {
      setOwn(out, key, coerce(item, propertySchema, walk, depth + 1));
    }
  }
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (Object.hasOwn(out, key)) continue;
    const found = defaultOf(propertySchema, walk.root);
    if (found) setOwn(out, key, cloneJson(found.value));
  }
  return out;
}

/** A listed property that may be left out: `null` for it means absent. A record entry is data, never dropped. */
function isOptional(
  properties: Record<string, unknown>,
  required: ReadonlySet<unknown>,
  key: string,
): boolean {
  return Object.hasOwn(properties, key) && !required.has(key);
}

function coerceArray(value: readonly unknown[], s: JsonSchema, walk: CoerceWalk, depth: number): unknown[] {
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  return value.map((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : s.items;
    return isJsonObject(itemSchema) ? coerce(item, itemSchema, walk, depth + 1) : item;
  });
}

function defaultOf(schema: unknown, root: JsonSchema): { value: unknown } | undefined {
  if (isJsonObject(schema) && "default" in schema) return { value: schema.default };
  const resolved = resolveSchema(schema, root);
  return "default" in resolved ? { value: resolved.default } : undefined;
}

function convertScalar(value: unknown, types: ReadonlySet<JsonType>, s: JsonSchema): unknown {
  if (typeof value === "string") return convertString(value, types);
  // To a string only for a literal union or enum (the caller checks the text is one of its values),
  // and only from a number a JavaScript number holds exactly.
  const literal = Array.isArray(s.enum) || "const" in s;
  if (typeof value === "boolean") return literal && types.has("string") ? String(value) : NO_CONVERSION;
  if (typeof value === "number" && literal && types.has("string") && isExact(value)) return String(value);
  return NO_CONVERSION;
}

/** A number whose text is the number the model wrote: an integer within 2^53, or a short decimal. */
function isExact(value: number): boolean {
  return Number.isInteger(value)
    ? Number.isSafeInteger(value)
    : Number.isFinite(value) && !/e/i.test(String(value));
}

function convertString(value: string, types: ReadonlySet<JsonType>): unknown {
  // Exactly the literal, as JSON writes it: no spaces around it, no other case.
  const numeric = types.has("number") || types.has("integer");
  if (numeric && value.length <= MAX_NUMBER_TEXT && NUMBER.test(value)) {
    const number = Number(value);
    // An integer past 2^53, however it is spelled ("12345678901234567891e0"), would lose digits:
    // better a validation error than a wrong id.
    const exact = !Number.isInteger(number) || Number.isSafeInteger(number);
    if (Number.isFinite(number) && exact && (types.has("number") || Number.isSafeInteger(number)))
      return number;
  }
  if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
  if (types.has("null") && value === "null") return null;
  const opener = value[0];
  if ((opener === "{" && types.has("object")) || (opener === "[" && types.has("array"))) {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === "object" && parsed !== null ? parsed : NO_CONVERSION;
    } catch {
      return NO_CONVERSION;
    }
  }
  return NO_CONVERSION;
}

/**
 * The kinds of value coercion could convert somewhere in a schema, found in one walk: strings where
 * a number, boolean, null, object or array is admitted below the root; numbers and booleans where an
 * enum or const holds their text (`"2"`, `"true"`); null where a property is optional; a missing
 * value (`undefined`) where a default is given. An over-approximation: every keyword
 * is looked at, whatever it means, so nothing coercion would do is missed.
 */
export function coercibleKinds(schema: JsonSchema): ReadonlySet<string> {
  const kinds = new Set<string>();
  const stack: [unknown, boolean][] = [[schema, true]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [node, isRoot] = top;
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, false]);
      continue;
    }
    const s = node as JsonSchema;
    const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : [];
    const convertsStrings = isRoot ? ["number", "integer", "boolean", "null"] : CONVERTED_FROM_STRING;
    if (types.some((t) => convertsStrings.includes(t as string))) kinds.add("string");
    const literals = [...(Array.isArray(s.enum) ? s.enum : []), ...("const" in s ? [s.const] : [])];
    // Only text that a number or boolean spells can be the string one becomes.
    if (literals.some((v) => typeof v === "string" && NUMBER.test(v))) kinds.add("number");
    if (literals.some((v) => v === "true" || v === "false")) kinds.add("boolean");
    if (literals.some((v) => typeof v !== "string")) kinds.add("string");
    if (isJsonObject(s.properties)) {
      const required = new Set(Array.isArray(s.required) ? s.required : []);
      if (Object.keys(s.properties).some((key) => !required.has(key))) kinds.add("null");
    }
    // A left-out property gets its default (even one the validator requires).
    if ("default" in s) kinds.add("undefined");
    for (const value of Object.values(s)) stack.push([value, false]);
  }
  return kinds;
}

const CONVERTED_FROM_STRING = ["number", "integer", "boolean", "null", "object", "array"];

/**
 * Whether coercion could fix any of a validator's failures: some failing value (or a value inside
 * it) is of a kind coercion converts in this schema, or the arguments themselves are a string (JSON
 * text of the object). When not, coercing and validating again would only find the same failures.
 */
export function mayCoerce(
  kinds: ReadonlySet<string>,
  failures: readonly { path: string; value: unknown }[],
): boolean {
  const seen = new Set<object>();
  const holds = (value: unknown): boolean => {
    const stack = [value];
    while (stack.length > 0) {
      const item = stack.pop();
      if (item === null) {
        if (kinds.has("null")) return true;
      } else if (typeof item === "object") {
        if (seen.has(item)) continue;
        seen.add(item);
        for (const inner of Array.isArray(item) ? item : Object.values(item)) stack.push(inner);
      } else if (kinds.has(typeof item)) return true;
    }
    return false;
  };
  return failures.some((f) => (f.path === "$" && typeof f.value === "string") || holds(f.value));
}
