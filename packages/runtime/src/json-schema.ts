/**
 * Just enough JSON Schema 2020-12 to steer coercion and normalisation: `$ref` into the root, the
 * JSON types a schema admits, and a structural "does this value fit" check. Keywords this file does not
 * know (formats, bounds, patterns) are opaque: the generated validator enforces them.
 */
import { isJsonObject, jsonEqual } from "./json.ts";
import type { JsonSchema } from "./types.ts";

/** A JSON type name as JSON Schema spells it. */
export type JsonType = "string" | "number" | "integer" | "boolean" | "null" | "object" | "array";

const EMPTY: JsonSchema = {};
const MAX_REF_HOPS = 32;

/**
 * Follows `$ref` (a JSON pointer into `root`, e.g. `#/$defs/Guest`) until a schema without one.
 * Keywords beside a `$ref` (`description`, `default`) win over the target's, as 2020-12 applies both.
 * Anything that is not a schema object (boolean schemas, a dangling ref) reads as the empty schema.
 */
export function resolveSchema(schema: unknown, root: JsonSchema): JsonSchema {
  let current: unknown = schema;
  for (let hop = 0; hop < MAX_REF_HOPS && isJsonObject(current) && typeof current.$ref === "string"; hop++) {
    const { $ref, ...siblings } = current;
    const target = resolvePointer(root, $ref as string);
    if (!isJsonObject(target)) return EMPTY;
    current = Object.keys(siblings).length === 0 ? target : { ...target, ...siblings };
  }
  return isJsonObject(current) ? current : EMPTY;
}

function resolvePointer(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === "") return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = isJsonObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[token] : undefined;
  }
  return node;
}

/** The members of an `anyOf` / `oneOf` schema, or `undefined` when the schema is not a union. */
export function unionMembers(schema: JsonSchema): readonly unknown[] | undefined {
  const members = schema.anyOf ?? schema.oneOf;
  return Array.isArray(members) ? members : undefined;
}

/**
 * The JSON types `schema` admits, from `type`, `enum`, `const` or union members; `undefined` when it
 * admits any type (no constraint found).
 */
export function admittedTypes(schema: unknown, root: JsonSchema): ReadonlySet<JsonType> | undefined {
  const resolved = resolveSchema(schema, root);
  const members = unionMembers(resolved);
  if (members) {
    const all = new Set<JsonType>();
    for (const member of members) {
      const types = admittedTypes(member, root);
      if (types === undefined) return undefined;
      for (const type of types) all.add(type);
    }
    return all;
  }
  if (typeof resolved.type === "string") return new Set([resolved.type as JsonType]);
  if (Array.isArray(resolved.type)) return new Set(resolved.type as JsonType[]);
  if (Array.isArray(resolved.enum)) return new Set(resolved.enum.map(jsonTypeOf));
  if ("const" in resolved) return new Set([jsonTypeOf(resolved.const)]);
  return undefined;
}

/** The JSON type of a value; numbers report `number` (an integer also satisfies `integer`). */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean" || type === "object") return type;
  // Not a JSON value (undefined, bigint, function): no schema type names it, so report "null".
  return "null";
}

/** Whether a set of admitted types (or `undefined`, any type) takes values of JSON type `type`. */
export function admits(types: ReadonlySet<JsonType> | undefined, type: JsonType): boolean {
  return types === undefined || types.has(type);
}

function typeFits(types: ReadonlySet<JsonType>, value: unknown): boolean {
  if (value === undefined) return false;
  const type = jsonTypeOf(value);
  if (type !== "number") return types.has(type);
  return types.has("number") || (types.has("integer") && Number.isInteger(value));
}

/**
 * One walk of a value against a schema: the root for `$ref`, and what is known already. Each
 * (object or array, schema) pair is judged once, so nested unions cost the size of the value times
 * the size of the schema, not one pass per union member per level (exponential in depth).
 */
export interface SchemaWalk {
  readonly root: JsonSchema;
  readonly fitting: WeakMap<object, Map<unknown, boolean>>;
}

/** A fresh walk over `root`. */
export function schemaWalk(root: JsonSchema): SchemaWalk {
  return { root, fitting: new WeakMap() };
}

/**
 * Whether `value` fits `schema` structurally: types, `enum`, `const`, required and additional
 * properties, items, unions. Bounds and formats are left to the generated validator.
 */
export function fits(value: unknown, schema: unknown, walk: SchemaWalk): boolean {
  if (typeof value !== "object" || value === null || typeof schema !== "object" || schema === null)
    return fitsOnce(value, schema, walk);
  let known = walk.fitting.get(value);
  if (known === undefined) {
    known = new Map();
    walk.fitting.set(value, known);
  }
  let verdict = known.get(schema);
  if (verdict === undefined) {
    verdict = fitsOnce(value, schema, walk);
    known.set(schema, verdict);
  }
  return verdict;
}

function fitsOnce(value: unknown, schema: unknown, walk: SchemaWalk): boolean {
  const s = resolveSchema(schema, walk.root);
  const members = unionMembers(s);
  if (members) return members.some((member) => fits(value, member, walk));
  if (Array.isArray(s.allOf) && !s.allOf.every((member) => fits(value, member, walk))) return false;
  const types = typeof s.type === "string" ? [s.type] : s.type;
  if (Array.isArray(types) && !typeFits(new Set(types as JsonType[]), value)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((item) => jsonEqual(item, value))) return false;
  if ("const" in s && !jsonEqual(s.const, value)) return false;
  if (Array.isArray(value)) return itemsFit(value, s, walk);
  if (isJsonObject(value)) return propertiesFit(value, s, walk);
  return true;
}

function itemsFit(value: readonly unknown[], s: JsonSchema, walk: SchemaWalk): boolean {
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  // A tuple's length is part of its shape: `["2"]` is no `[string, string]`.
  if (prefix.length > 0 && typeof s.minItems === "number" && value.length < s.minItems) return false;
  return value.every((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : s.items;
    if (itemSchema === false) return false;
    return itemSchema === undefined || itemSchema === true || fits(item, itemSchema, walk);
  });
}

/** Cheap checks first (required keys, scalar properties), so a wrong discriminant fails before any recursion. */
function propertiesFit(value: Record<string, unknown>, s: JsonSchema, walk: SchemaWalk): boolean {
  const properties = isJsonObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required : [];
  if (!required.every((key) => typeof key === "string" && Object.hasOwn(value, key))) return false;
  const entries = Object.entries(value);
  const propertyFits = ([key, item]: [string, unknown]): boolean => {
    if (Object.hasOwn(properties, key)) return fits(item, properties[key], walk);
    const extra = s.additionalProperties;
    if (extra === false) return false;
    return !isJsonObject(extra) || fits(item, extra, walk);
  };
  const scalar = ([, item]: [string, unknown]) => typeof item !== "object" || item === null;
  return entries.filter(scalar).every(propertyFits) && entries.filter((e) => !scalar(e)).every(propertyFits);
}
