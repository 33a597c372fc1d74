/**
 * A small JSON-schema checker for BFCL's dialect, independent of typecall: the judge of whether a
 * ground-truth call fits the ORIGINAL definition. Plus a model of the leniency the runtime documents
 * (null for an optional property is absence, "42" is 42, ...), written from the documentation, so a
 * call that fits only after it is still expected to succeed, with the values it implies.
 */
import { type BfclSchema, bfclType } from "./bfcl.ts";

/** A path from the arguments object: property names and array indexes. */
export type ValuePath = (string | number)[];

/** Why a value does not fit. */
export interface CheckIssue {
  path: ValuePath;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The issues of `value` against `schema` (none: it fits). Objects with listed properties are closed. */
export function checkValue(value: unknown, schema: BfclSchema, path: ValuePath = []): CheckIssue[] {
  const type = bfclType(schema);
  const issue = (message: string): CheckIssue[] => [{ path, message }];
  if (value === undefined) return issue("missing value");
  if (!fitsKind(value, type)) return issue(`expected ${type}, got ${describe(value)}`);
  if (schema.enum !== undefined && !schema.enum.some((allowed) => jsonEqual(allowed, value))) {
    return issue(`expected one of ${JSON.stringify(schema.enum)}, got ${JSON.stringify(value)}`);
  }
  if (typeof value === "number" && schema.maximum !== undefined && value > schema.maximum) {
    return issue(`expected at most ${schema.maximum}, got ${value}`);
  }
  if (typeof value === "string" && schema.format === "date" && !isDate(value)) {
    return issue(`expected a date (YYYY-MM-DD), got ${JSON.stringify(value)}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = schema.items;
    return value.flatMap((item, i) => checkValue(item, items, [...path, i]));
  }
  if (isObject(value) && type === "dict") return checkObject(value, schema, path);
  return [];
}

function checkObject(value: Record<string, unknown>, schema: BfclSchema, path: ValuePath): CheckIssue[] {
  const properties = schema.properties ?? {};
  const closed = Object.keys(properties).length > 0;
  const issues: CheckIssue[] = [];
  for (const name of schema.required ?? []) {
    if (value[name] === undefined)
      issues.push({ path: [...path, name], message: "required property missing" });
  }
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (property) issues.push(...checkValue(item, property, [...path, name]));
    else if (closed) issues.push({ path: [...path, name], message: "unknown property" });
  }
  return issues;
}

function fitsKind(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "float":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
    case "tuple":
      return Array.isArray(value);
    case "dict":
      return isObject(value);
    default:
      return true;
  }
}

function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "number" && !Number.isInteger(value) ? `number ${value}` : typeof value;
}

/** Deep equality of JSON values; a property whose value is `undefined` counts as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]))
    );
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const [ka, kb] = [keys(a), keys(b)];
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/**
 * The arguments as the runtime documents it hands them to the tool: an optional property sent as
 * null is absent; a scalar that does not fit is converted when that makes it fit ("42" to 42,
 * "true" to true, a JSON text to its object or array, and 42 to "42" only where an enum holds that
 * exact text, never to a free string); absent properties with a default get it. Never mutates `value`.
 */
export function lenientValue(value: unknown, schema: BfclSchema): unknown {
  const type = bfclType(schema);
  if (isObject(value) && type === "dict") return lenientObject(value, schema);
  if (Array.isArray(value) && (type === "array" || type === "tuple")) {
    const items = schema.items;
    return items ? value.map((item) => lenientValue(item, items)) : value;
  }
  if (checkValue(value, schema).length === 0) return value;
  const converted = convertScalar(value, type, Array.isArray(schema.enum));
  if (converted === undefined) return value;
  const result =
    typeof converted.value === "object" ? lenientValue(converted.value, schema) : converted.value;
  return checkValue(result, schema).length === 0 ? result : value;
}

function lenientObject(value: Record<string, unknown>, schema: BfclSchema): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    const nullable = property !== undefined && bfclType(property) === "any";
    if (item === undefined || (item === null && !required.has(name) && !nullable)) continue;
    out[name] = property ? lenientValue(item, property) : item;
  }
  for (const [name, property] of Object.entries(properties)) {
    if (out[name] === undefined && "default" in property) out[name] = structuredClone(property.default);
  }
  return out;
}

function convertScalar(value: unknown, type: string, isEnum: boolean): { value: unknown } | undefined {
  if (typeof value === "number" || typeof value === "boolean") {
    const exact = typeof value === "boolean" || Number.isSafeInteger(value) || !Number.isInteger(value);
    return type === "string" && isEnum && exact ? { value: String(value) } : undefined;
  }
  if (typeof value !== "string") return undefined;
  const text = value;
  if ((type === "integer" || type === "float") && /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
    const number = Number(text);
    const exact = !Number.isInteger(number) || Number.isSafeInteger(number);
    return exact && (type === "float" || Number.isInteger(number)) ? { value: number } : undefined;
  }
  if (type === "boolean" && (text === "true" || text === "false")) return { value: text === "true" };
  const opener = text[0];
  if ((opener === "{" && type === "dict") || (opener === "[" && (type === "array" || type === "tuple"))) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
