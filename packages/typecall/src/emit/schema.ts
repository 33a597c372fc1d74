import type { PropertyIR, TypeIR } from "../ir/types.ts";
import type { DialectRules } from "./dialects.ts";

/** A JSON Schema object under construction. Key order is insertion order, so output is stable. */
export type Schema = Record<string, unknown>;

/** The schema of a tool's arguments object in a dialect. */
export function parametersSchema(properties: readonly PropertyIR[], dialect: DialectRules): Schema {
  return objectSchema(properties, dialect);
}

function typeSchema(type: TypeIR, dialect: DialectRules): Schema {
  switch (type.kind) {
    case "string": {
      const { kind: _, ...keywords } = type;
      return { type: "string", ...keywords };
    }
    case "number": {
      const { kind: _, integer, ...keywords } = type;
      return { type: integer ? "integer" : "number", ...keywords };
    }
    case "boolean":
    case "null":
      return { type: type.kind };
    case "literal":
      return { type: jsonType(type.value), enum: [type.value] };
    case "array":
      return { type: "array", items: typeSchema(type.items, dialect) };
    case "object":
      return objectSchema(type.properties, dialect);
    case "union":
      return unionSchema(type.members, dialect);
  }
}

function objectSchema(properties: readonly PropertyIR[], dialect: DialectRules): Schema {
  const schemaProperties: Schema = {};
  for (const property of properties) schemaProperties[property.name] = propertySchema(property, dialect);
  const required = properties.filter((p) => dialect.allRequired || !p.optional).map((p) => p.name);
  return { type: "object", properties: schemaProperties, required, additionalProperties: false };
}

function propertySchema(property: PropertyIR, dialect: DialectRules): Schema {
  let schema = typeSchema(property.type, dialect);
  if (dialect.allRequired && property.optional) schema = nullable(schema);
  const described =
    property.description ?? (property.type.kind === "object" ? property.type.description : undefined);
  const keywords: Schema = {};
  if (described) keywords.description = described;
  if (property.default !== undefined) keywords.default = property.default;
  if (property.deprecated !== undefined) keywords.deprecated = true;
  return moveUnsupported({ ...schema, ...keywords }, property, dialect);
}

/** Literal unions become `enum` (with their JSON types); other unions `anyOf`, `T | null` a type array. */
function unionSchema(members: readonly TypeIR[], dialect: DialectRules): Schema {
  const literals = members.filter((m) => m.kind === "literal" || m.kind === "null");
  if (literals.length === members.length) {
    const values = literals.map((m) => (m.kind === "literal" ? m.value : null));
    const found = new Set(values.map(jsonType));
    if (found.has("number")) found.delete("integer");
    const types = [...found];
    return { type: types.length === 1 ? types[0] : types, enum: values };
  }
  const nonNull = members.filter((m) => m.kind !== "null");
  if (nonNull.length === 1 && nonNull[0]) return nullable(typeSchema(nonNull[0], dialect));
  return { anyOf: members.map((m) => typeSchema(m, dialect)) };
}

/** Adds `null` to what a schema accepts, as simply as the schema allows. */
export function nullable(schema: Schema): Schema {
  const { type } = schema;
  if (Array.isArray(type)) return type.includes("null") ? schema : { ...schema, type: [...type, "null"] };
  if (schema.anyOf) return { ...schema, anyOf: [...(schema.anyOf as Schema[]), { type: "null" }] };
  if (typeof type === "string" && type !== "object" && type !== "array") {
    const enumValues = schema.enum as unknown[] | undefined;
    return { ...schema, type: [type, "null"], ...(enumValues && { enum: [...enumValues, null] }) };
  }
  return { anyOf: [schema, { type: "null" }] };
}

/** Keywords a dialect rejects are dropped and said in words in the description. */
function moveUnsupported(schema: Schema, property: PropertyIR, dialect: DialectRules): Schema {
  const notes: string[] = [];
  const result: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (dialect.unsupported.has(key)) notes.push(keywordNote(key, value, property));
    else result[key] = value;
  }
  if (notes.length === 0) return result;
  return { ...result, description: [sentence(result.description), ...notes].filter(Boolean).join(" ") };
}

/** Ends a description with a full stop, so a note appended after it reads as a new sentence. */
function sentence(text: unknown): string {
  if (typeof text !== "string" || text === "") return "";
  return /[.!?:)]$/.test(text) ? text : `${text}.`;
}

function keywordNote(key: string, value: unknown, property: PropertyIR): string {
  switch (key) {
    case "default":
      return `Default: ${JSON.stringify(value)}.`;
    case "deprecated":
      return property.deprecated ? `Deprecated: ${property.deprecated}` : "Deprecated.";
    default:
      return `${key}: ${JSON.stringify(value)}.`;
  }
}

function jsonType(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
