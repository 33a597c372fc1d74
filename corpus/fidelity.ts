/**
 * Schema fidelity: the canonical JSON Schema typecall generated against the original BFCL definition,
 * keyword by keyword, with the dialect's equivalences (dict is object, float is number, tuple is
 * array, any is no type, `required` without `properties` is required free-typed properties).
 */
import { type BfclSchema, bfclType } from "./bfcl.ts";
import { jsonEqual } from "./checker.ts";
import type { Repair } from "./repair.ts";

/** One difference between the original and the generated schema. */
export interface Mismatch {
  /** Property path; `[]` is the items of an array. */
  path: string[];
  aspect: string;
  expected: unknown;
  actual: unknown;
}

/** The outcome for one function: real mismatches, and differences a listed source repair explains. */
export interface Fidelity {
  mismatches: Mismatch[];
  repaired: Mismatch[];
}

type Json = Record<string, unknown>;

const TYPE_NAMES: Record<string, string | undefined> = {
  dict: "object",
  float: "number",
  tuple: "array",
  array: "array",
  integer: "integer",
  string: "string",
  boolean: "boolean",
  any: undefined,
};

/** Keywords the generated schema may carry; any other is reported. */
const KNOWN = new Set([
  "type",
  "description",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "default",
  "format",
  "maximum",
]);

/** Compares a tool: its description and its parameters. */
export function compareTool(
  original: { description: string; parameters: BfclSchema },
  generated: { description: string; parameters: Json },
  repairs: readonly Repair[] = [],
): Fidelity {
  const found: Mismatch[] = [];
  if (original.description.trim() !== generated.description.trim()) {
    found.push({
      path: [],
      aspect: "tool description",
      expected: original.description,
      actual: generated.description,
    });
  }
  found.push(...compareSchema({ ...original.parameters, type: "dict" }, generated.parameters, [], true));
  // A repair explains a difference only where the generated schema shows what the converter wrote.
  const explained = (m: Mismatch) =>
    repairs.some((r) => r.aspect === m.aspect && jsonEqual(r.path, m.path) && jsonEqual(r.to, m.actual));
  return { mismatches: found.filter((m) => !explained(m)), repaired: found.filter(explained) };
}

/** Compares one schema and everything below it. `top` is the arguments object (it has no description). */
export function compareSchema(
  original: BfclSchema,
  generated: Json,
  path: string[],
  top = false,
): Mismatch[] {
  const found: Mismatch[] = [];
  const check = (aspect: string, expected: unknown, actual: unknown) => {
    if (!jsonEqual(expected, actual)) found.push({ path, aspect, expected, actual });
  };
  const type = bfclType(original);
  check("type", TYPE_NAMES[type] ?? (type in TYPE_NAMES ? undefined : type), generated.type);
  if (!top) check("description", original.description?.trim(), trimmed(generated.description));
  if (sameMembers(original.enum, generated.enum)) check("enum order", original.enum, generated.enum);
  else check("enum", original.enum, generated.enum);
  check("default", original.default, generated.default);
  check("format", original.format, generated.format);
  check("maximum", original.maximum, generated.maximum);
  for (const key of Object.keys(generated)) {
    if (!KNOWN.has(key))
      found.push({ path, aspect: `keyword ${key}`, expected: undefined, actual: generated[key] });
  }
  if (type === "dict") found.push(...compareObject(original, generated, path));
  else if (type === "array" || type === "tuple") found.push(...compareItems(original, generated, path));
  else if (generated.items !== undefined || generated.properties !== undefined) {
    found.push({ path, aspect: "structure", expected: undefined, actual: generated });
  }
  return found;
}

function compareItems(original: BfclSchema, generated: Json, path: string[]): Mismatch[] {
  const items = generated.items;
  if (original.items === undefined) {
    // No items in the original: any items. `{}` or no `items` keyword say the same.
    const free = items === undefined || (isJson(items) && Object.keys(items).length === 0);
    return free ? [] : [{ path, aspect: "items", expected: {}, actual: items }];
  }
  if (!isJson(items)) return [{ path, aspect: "items", expected: original.items, actual: items }];
  return compareSchema(original.items, items, [...path, "[]"]);
}

function compareObject(original: BfclSchema, generated: Json, path: string[]): Mismatch[] {
  const found: Mismatch[] = [];
  const properties = original.properties ?? {};
  const generatedProperties = isJson(generated.properties) ? generated.properties : {};
  const required = original.required ?? [];
  const closed = Object.keys(properties).length > 0;
  // `required` names without a definition are properties of any type, as JSON Schema reads them.
  const expectedNames = closed ? Object.keys(properties) : required;
  const actualNames = Object.keys(generatedProperties);
  if (!jsonEqual([...expectedNames].sort(), [...actualNames].sort())) {
    found.push({ path, aspect: "property names", expected: expectedNames, actual: actualNames });
  }
  if (!jsonEqual([...required].sort(), [...asArray(generated.required)].sort())) {
    found.push({ path, aspect: "required", expected: required, actual: generated.required ?? [] });
  }
  const additional = generated.additionalProperties;
  const free =
    additional === undefined ||
    additional === true ||
    (isJson(additional) && Object.keys(additional).length === 0);
  if (closed ? additional !== false : !free) {
    found.push({ path, aspect: "additionalProperties", expected: closed ? false : {}, actual: additional });
  }
  for (const name of expectedNames) {
    const actual = generatedProperties[name];
    if (!isJson(actual)) continue;
    found.push(...compareSchema(properties[name] ?? {}, actual, [...path, name]));
  }
  return found;
}

/** Two arrays with the same members, in any order. */
function sameMembers(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  const key = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();
  return jsonEqual(key(a), key(b));
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function trimmed(value: unknown): unknown {
  return typeof value === "string" ? value.trim() : value;
}
