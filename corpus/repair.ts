/**
 * Defects of the source definitions that no TypeScript author could write as they are, and what the
 * converter writes instead. Each repair is listed, so the harness can tell a repaired source defect
 * from a mismatch of the compiler.
 */
import { type BfclSchema, bfclType } from "./bfcl.ts";

/** One repaired defect: where, what was there, and what the converter wrote (absent: dropped). */
export interface Repair {
  /** Property path from the arguments object. */
  path: string[];
  aspect: "default";
  reason: string;
  from: unknown;
  to?: unknown;
}

/** The schema as the converter writes it, and the repairs that made it so. */
export interface Repaired {
  schema: BfclSchema;
  repairs: Repair[];
}

/** Repairs a parameters schema (and everything below it). Never mutates the input. */
export function repairSchema(schema: BfclSchema, path: string[] = []): Repaired {
  const repairs: Repair[] = [];
  const copy: BfclSchema = { ...schema };
  if ("default" in schema && !fitsType(schema.default, schema)) {
    const fixed = repairDefault(schema.default, schema);
    const type = bfclType(schema);
    const reason = `default ${JSON.stringify(schema.default)} is not ${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
    if (fixed === undefined) {
      delete copy.default;
      repairs.push({ path, aspect: "default", reason, from: schema.default });
    } else {
      copy.default = fixed.value;
      repairs.push({ path, aspect: "default", reason, from: schema.default, to: fixed.value });
    }
  }
  if (schema.properties) {
    copy.properties = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      const inner = repairSchema(property, [...path, name]);
      copy.properties[name] = inner.schema;
      repairs.push(...inner.repairs);
    }
  }
  if (schema.items) {
    const inner = repairSchema(schema.items, [...path, "[]"]);
    copy.items = inner.schema;
    repairs.push(...inner.repairs);
  }
  return { schema: copy, repairs };
}

/** A boolean written as text has one reading; any other misfit (Python's "None", prose) has none. */
function repairDefault(value: unknown, schema: BfclSchema): { value: unknown } | undefined {
  if (bfclType(schema) === "boolean" && typeof value === "string" && /^(true|false)$/i.test(value)) {
    return { value: value.toLowerCase() === "true" };
  }
  return undefined;
}

/** Whether a default has the declared type (only the JSON kind: values are not checked further). */
function fitsType(value: unknown, schema: BfclSchema): boolean {
  switch (bfclType(schema)) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "float":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
    case "tuple":
      return Array.isArray(value);
    case "dict":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}
