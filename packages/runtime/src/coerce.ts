/**
 * Schema-driven repair of parsed arguments before validation, in one walk over the canonical
 * JSON Schema:
 *
 * - coercion: a scalar that does not fit is converted when the conversion makes it fit
 *   (`"42"` to 42, `"true"` to true, `"null"` to null, a JSON string to the object or array it
 *   encodes, 42 to `"42"` where only a string is accepted);
 * - normalisation: an optional property sent as `null` whose schema does not admit null is dropped
 *   (strict dialects make optional properties required and nullable), then absent properties with a
 *   `default` get a copy of it.
 *
 * A value that already fits is never converted. The input is never mutated.
 */

import { cloneJson, isJsonObject, jsonEqual, setOwn } from "./json.ts";
import { admits, admittedTypes, fits, type JsonType, resolveSchema, unionMembers } from "./json-schema.ts";
import type { JsonSchema } from "./types.ts";

// Model arguments are shallow; the cap only stops pathological (self-referencing) schemas.
const MAX_DEPTH = 64;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NO_CONVERSION: unique symbol = Symbol("no conversion");

/**
 * Coerces and normalises `value` (parsed tool arguments) against `schema`, the canonical JSON Schema
 * of the arguments (its `$defs` serve `$ref`). Returns a new value; anything it cannot improve is
 * returned as is for the validator to report.
 */
export function coerceArguments(value: unknown, schema: JsonSchema): unknown {
  return coerce(value, schema, schema, 0);
}

function coerce(value: unknown, schema: unknown, root: JsonSchema, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  const s = resolveSchema(schema, root);
  const members = unionMembers(s);
  if (members) return coerceUnion(value, members, root, depth);
  const types = admittedTypes(s, root);
  if (isJsonObject(value)) return admits(types, "object") ? coerceObject(value, s, root, depth) : value;
  if (Array.isArray(value)) return admits(types, "array") ? coerceArray(value, s, root, depth) : value;
  if (types === undefined || fits(value, s, root)) return value;
  const converted = convertScalar(value, types);
  if (converted === NO_CONVERSION) return value;
  // A decoded object or array still needs its own members coerced.
  const result =
    typeof converted === "object" && converted !== null ? coerce(converted, s, root, depth + 1) : converted;
  return fits(result, s, root) ? result : value;
}

/**
 * A union keeps the value when some member takes it as is (then only that member's defaults apply);
 * otherwise the coercion is used only when every member that accepts a coerced value agrees on it.
 */
function coerceUnion(value: unknown, members: readonly unknown[], root: JsonSchema, depth: number): unknown {
  const direct = members.find((member) => fits(value, member, root));
  if (direct !== undefined) return coerce(value, direct, root, depth + 1);
  const accepted: unknown[] = [];
  for (const member of members) {
    const candidate = coerce(value, member, root, depth + 1);
    if (fits(candidate, member, root)) accepted.push(candidate);
  }
  const [first] = accepted;
  return accepted.length > 0 && accepted.every((candidate) => jsonEqual(candidate, first)) ? first : value;
}

function coerceObject(
  value: Record<string, unknown>,
  s: JsonSchema,
  root: JsonSchema,
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
    } else if (!(item === null && !required.has(key) && !fits(null, propertySchema, root))) {
      setOwn(out, key, coerce(item, propertySchema, root, depth + 1));
    }
  }
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (Object.hasOwn(out, key)) continue;
    const found = defaultOf(propertySchema, root);
    if (found) setOwn(out, key, cloneJson(found.value));
  }
  return out;
}

function coerceArray(value: readonly unknown[], s: JsonSchema, root: JsonSchema, depth: number): unknown[] {
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  return value.map((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : s.items;
    return isJsonObject(itemSchema) ? coerce(item, itemSchema, root, depth + 1) : item;
  });
}

function defaultOf(schema: unknown, root: JsonSchema): { value: unknown } | undefined {
  if (isJsonObject(schema) && "default" in schema) return { value: schema.default };
  const resolved = resolveSchema(schema, root);
  return "default" in resolved ? { value: resolved.default } : undefined;
}

function convertScalar(value: unknown, types: ReadonlySet<JsonType>): unknown {
  if (typeof value === "string") return convertString(value, types);
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") {
    return types.has("string") ? String(value) : NO_CONVERSION;
  }
  return NO_CONVERSION;
}

function convertString(value: string, types: ReadonlySet<JsonType>): unknown {
  const text = value.trim();
  if ((types.has("number") || types.has("integer")) && NUMBER.test(text)) {
    const number = Number(text);
    // An integer beyond 2^53 would silently lose digits: better a validation error than a wrong id.
    const exact = !/^-?\d+$/.test(text) || Number.isSafeInteger(number);
    if (Number.isFinite(number) && exact && (types.has("number") || Number.isSafeInteger(number)))
      return number;
  }
  if (types.has("boolean") && /^(?:true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (types.has("null") && text === "null") return null;
  const opener = text[0];
  if ((opener === "{" && types.has("object")) || (opener === "[" && types.has("array"))) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === "object" && parsed !== null ? parsed : NO_CONVERSION;
    } catch {
      return NO_CONVERSION;
    }
  }
  return NO_CONVERSION;
}
