import type { PropertyIR, TypeIR } from "../ir/types.ts";

/** Constraint keywords, as typia tag kinds and JSDoc tag names, and the kind of type each applies to. */
const TARGETS: Record<string, "number" | "string" | "array"> = {
  minimum: "number",
  maximum: "number",
  exclusiveMinimum: "number",
  exclusiveMaximum: "number",
  multipleOf: "number",
  minLength: "string",
  maxLength: "string",
  pattern: "string",
  format: "string",
  minItems: "array",
  maxItems: "array",
  uniqueItems: "array",
};

const INTEGER_TYPES = new Set(["int32", "uint32", "int64", "uint64", "integer", "int"]);
const NUMBER_TYPES = new Set(["float", "double", "number"]);

/** Tags that describe the property rather than its type. */
export const PROPERTY_TAGS: ReadonlySet<string> = new Set(["default", "example", "examples"]);

/** Whether a typia tag kind or JSDoc tag name is a constraint typecall applies. */
export function isConstraint(kind: string): boolean {
  return kind in TARGETS || kind === "type";
}

/**
 * Applies one constraint (`minimum`, `format`, `type: int32`, ...) to a wire type, looking through
 * `T | null`. Returns the new type, or a message saying why the constraint does not fit the type.
 */
export function applyConstraint(type: TypeIR, kind: string, value: unknown): TypeIR | string {
  if (type.kind === "union") {
    const members = type.members.map((m) => (m.kind === "null" ? m : applyConstraint(m, kind, value)));
    const failed = members.find((m) => typeof m === "string");
    return typeof failed === "string" ? failed : { kind: "union", members: members as TypeIR[] };
  }
  if (kind === "type") return applyNumericType(type, String(value));
  const target = TARGETS[kind];
  if (target === undefined) return `"${kind}" is not a constraint typecall knows.`;
  if (type.kind !== target) return `"${kind}" applies to ${target} values, not to ${type.kind}.`;
  if (type.kind === "array" && kind === "uniqueItems") return { ...type, uniqueItems: value !== false };
  if (kind === "pattern" || kind === "format") return { ...type, [kind]: String(value) };
  const number = Number(value);
  if (!Number.isFinite(number)) return `"${kind}" needs a number, got ${JSON.stringify(value)}.`;
  return { ...type, [kind]: number };
}

function applyNumericType(type: TypeIR, value: string): TypeIR | string {
  if (type.kind !== "number") return `"type ${value}" applies to numbers, not to ${type.kind}.`;
  if (NUMBER_TYPES.has(value)) return { ...type, integer: false };
  if (!INTEGER_TYPES.has(value))
    return `"${value}" is not a numeric type (int32, uint32, int64, uint64, float, double).`;
  const unsigned = value.startsWith("u") && type.minimum === undefined ? { minimum: 0 } : {};
  return { ...type, integer: true, ...unsigned };
}

/** Applies `@default` / `@example` text (JSON, or a plain string) to a property. */
export function applyPropertyTag(property: PropertyIR, kind: string, value: unknown): void {
  if (kind === "default") {
    // The tag wins over an initializer: then only dispatch can apply the documented value.
    property.default = value;
    delete property.defaultInSignature;
  } else
    property.examples = [
      ...(property.examples ?? []),
      ...(kind === "examples" && Array.isArray(value) ? value : [value]),
    ];
}

/** A JSDoc tag's text as a value: JSON when it parses, the text itself otherwise. */
export function tagValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
