import { DATE_TIME_TEXT } from "../ir/formats.ts";
import type { PropertyIR, TypeIR } from "../ir/types.ts";
import { referencedDefinitions } from "../ir/walk.ts";
import type { DialectRules } from "./dialects.ts";

/** A JSON Schema object under construction. Key order is insertion order, so output is stable. */
export type Schema = Record<string, unknown>;

/**
 * The schema of a tool's arguments object in a dialect, with `$defs` for the named (recursive)
 * types it refers to.
 */
export function parametersSchema(
  properties: readonly PropertyIR[],
  dialect: DialectRules,
  definitions: Readonly<Record<string, TypeIR>> = {},
): Schema {
  const schema = objectSchema(properties, undefined, dialect);
  const used = referencedDefinitions(properties, definitions);
  if (used.length === 0) return schema;
  const defs: Schema = {};
  for (const name of used) defs[name] = typeSchema(definitions[name] as TypeIR, dialect);
  return { ...schema, $defs: defs };
}

/** The schema of what a tool resolves to (MCP `outputSchema`), with the `$defs` it needs. */
export function resultSchema(
  type: TypeIR,
  dialect: DialectRules,
  definitions: Readonly<Record<string, TypeIR>> = {},
): Schema {
  const schema = typeSchema(type, dialect);
  const used = referencedDefinitions([type], definitions);
  if (used.length === 0) return schema;
  const defs: Schema = {};
  for (const name of used) defs[name] = typeSchema(definitions[name] as TypeIR, dialect);
  return { ...schema, $defs: defs };
}

/** The schema of a single type in a dialect. */
export function typeSchema(type: TypeIR, dialect: DialectRules): Schema {
  return applyDialect(baseSchema(type, dialect), dialect);
}

function baseSchema(type: TypeIR, dialect: DialectRules): Schema {
  const schema = shapeSchema(type, dialect);
  // A `Date` says what it takes, with an example: the format's name alone leaves the offset unsaid.
  const said = type.kind === "string" && type.revive === "date" ? DATE_TIME_TEXT : "";
  const description = said ? [sentence(type.description), said].filter(Boolean).join(" ") : type.description;
  return description ? { ...schema, description } : schema;
}

function shapeSchema(type: TypeIR, dialect: DialectRules): Schema {
  switch (type.kind) {
    case "string": {
      const { kind: _, revive: __, description: ___, ...keywords } = type;
      return { type: "string", ...keywords };
    }
    case "number": {
      const { kind: _, integer, description: __, ...keywords } = type;
      return { type: integer ? "integer" : "number", ...keywords };
    }
    case "boolean":
    case "null":
      return { type: type.kind };
    case "unknown":
      return {};
    case "literal":
      return { type: jsonType(type.value), enum: [type.value] };
    case "array": {
      const { kind: _, items, description: __, ...keywords } = type;
      return { type: "array", items: typeSchema(items, dialect), ...keywords };
    }
    case "tuple": {
      // `prefixItems` may not be empty: `[]` (and `[...T[]]`) need none.
      if (type.items.length === 0)
        return type.rest
          ? { type: "array", items: typeSchema(type.rest, dialect) }
          : { type: "array", maxItems: 0 };
      const prefixItems = type.items.map((item) => typeSchema(item, dialect));
      const items = type.rest ? typeSchema(type.rest, dialect) : false;
      const bounds = type.rest ? {} : { maxItems: prefixItems.length };
      return { type: "array", prefixItems, items, minItems: type.minItems ?? prefixItems.length, ...bounds };
    }
    case "object":
      return objectSchema(type.properties, type.additional, dialect);
    case "union":
      return unionSchema(type.members, dialect);
    case "ref":
      return { $ref: `#/$defs/${type.name}` };
  }
}

function objectSchema(
  properties: readonly PropertyIR[],
  additional: TypeIR | undefined,
  dialect: DialectRules,
): Schema {
  const schemaProperties: Schema = {};
  for (const property of properties) {
    const value = propertySchema(property, dialect);
    // defineProperty: a property named `__proto__` is a key like any other, not the prototype.
    if (property.name === "__proto__")
      Object.defineProperty(schemaProperties, property.name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else schemaProperties[property.name] = value;
  }
  const required = properties.filter((p) => dialect.allRequired || !p.optional).map((p) => p.name);
  const additionalProperties = additional ? typeSchema(additional, dialect) : false;
  return { type: "object", properties: schemaProperties, required, additionalProperties };
}

function propertySchema(property: PropertyIR, dialect: DialectRules): Schema {
  let schema = baseSchema(property.type, dialect);
  if (dialect.allRequired && property.optional) schema = nullable(schema);
  const keywords: Schema = {};
  // The property's own text first, then the comment of the interface it is typed with: both are kept.
  const typeComment = typeof schema.description === "string" ? schema.description : "";
  const own = property.description ?? "";
  if (own && typeComment && own !== typeComment) keywords.description = `${sentence(own)} ${typeComment}`;
  else if (own) keywords.description = own;
  if (property.default !== undefined) keywords.default = property.default;
  if (property.examples !== undefined) keywords.examples = property.examples;
  if (property.deprecated !== undefined) keywords.deprecated = true;
  return applyDialect({ ...schema, ...keywords }, dialect, property);
}

/**
 * Literal unions become `enum` (with their JSON types); other unions `anyOf`, `T | null` a type
 * array. Literals beside other members stay together as one `enum` member of the `anyOf`, so the
 * idiom `"a" | "b" | (string & {})` reads as "a or b, or any string".
 */
function unionSchema(members: readonly TypeIR[], dialect: DialectRules): Schema {
  const literals = members.filter((m) => m.kind === "literal" || m.kind === "null");
  if (literals.length === members.length) return enumSchema(literals);
  const nonNull = members.filter((m) => m.kind !== "null");
  if (nonNull.length === 1 && nonNull[0]) return nullable(typeSchema(nonNull[0], dialect));
  const values = members.filter((m) => m.kind === "literal");
  const anyOf: Schema[] = [];
  for (const member of members) {
    if (member.kind !== "literal") anyOf.push(typeSchema(member, dialect));
    else if (member === values[0])
      anyOf.push(values.length > 1 ? enumSchema(values) : typeSchema(member, dialect));
  }
  return { anyOf };
}

function enumSchema(literals: readonly TypeIR[]): Schema {
  const values = literals.map((m) => (m.kind === "literal" ? m.value : null));
  const found = new Set(values.map(jsonType));
  if (found.has("number")) found.delete("integer");
  const types = [...found];
  return { type: types.length === 1 ? types[0] : types, enum: values };
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

/**
 * Keywords a dialect rejects are dropped and said in words in the description of the same node,
 * so the model still reads the rule (and the validator still enforces it).
 */
function applyDialect(schema: Schema, dialect: DialectRules, property?: PropertyIR): Schema {
  if (dialect.unsupported.size === 0) return schema;
  const notes: string[] = [];
  const result: Schema = {};
  const said = typeof schema.description === "string" ? schema.description : "";
  for (const [key, value] of Object.entries(schema)) {
    if (!dialect.unsupported.has(key)) result[key] = value;
    else {
      const note = keywordNote(key, value, property, said);
      if (note) notes.push(note);
    }
  }
  if (notes.length === 0) return result;
  return { ...result, description: [sentence(result.description), ...notes].filter(Boolean).join(" ") };
}

/** Ends a description with a full stop, so a note appended after it reads as a new sentence. */
function sentence(text: unknown): string {
  if (typeof text !== "string" || text === "") return "";
  return /[.!?:)]$/.test(text) ? text : `${text}.`;
}

const KEYWORD_WORDS: Record<string, string> = {
  minLength: "At least {} characters.",
  maxLength: "At most {} characters.",
  minimum: "At least {}.",
  maximum: "At most {}.",
  exclusiveMinimum: "More than {}.",
  exclusiveMaximum: "Less than {}.",
  multipleOf: "A multiple of {}.",
  minItems: "At least {} items.",
  maxItems: "At most {} items.",
  pattern: "Matches the pattern {}.",
  format: "Format: {}.",
};

function keywordNote(key: string, value: unknown, property: PropertyIR | undefined, said: string): string {
  switch (key) {
    case "default":
      return statesDefault(said, value) ? "" : `Default: ${JSON.stringify(value)}.`;
    case "examples":
      return `Examples: ${(value as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`;
    case "deprecated":
      return property?.deprecated ? `Deprecated: ${property.deprecated}` : "Deprecated.";
    case "uniqueItems":
      return value === true ? "Items must be unique." : "";
    default: {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return (KEYWORD_WORDS[key] ?? `${key}: {}.`).replace("{}", text);
    }
  }
}

/** Whether a description already states the default ("Defaults to 30.", "default: \"c\""). */
function statesDefault(description: string, value: unknown): boolean {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const at = description.search(/\bdefaults?\b/i);
  if (at < 0) return false;
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w])${escaped}($|[^\\w])`).test(description.slice(at));
}

function jsonType(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
