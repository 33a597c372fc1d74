import { DATE_TIME_TEXT } from "../ir/formats.ts";
import type { PropertyIR, TupleTypeIR, TypeIR } from "../ir/types.ts";
import { referencedDefinitions } from "../ir/walk.ts";
import { ENTRY_KEY, ENTRY_VALUE, isEncodableRecord, isEncodableTuple } from "./encodings.ts";

/** A JSON Schema object under construction. Key order is insertion order, so output is stable. */
export type Schema = Record<string, unknown>;

/** How a dialect writes a schema: what it differs in from the canonical JSON Schema 2020-12. */
export interface SchemaRules {
  /** Every property listed in `required`; optional ones accept `null` instead (OpenAI strict). */
  readonly allRequired: boolean;
  /** Records sent as `{ key, value }` entries and tuples as objects (`encodings.ts`). */
  readonly encode: boolean;
  /** Whether the dialect rejects a keyword with this value: its meaning moves into the description. */
  readonly rejects: (key: string, value: unknown) => boolean;
  /** A `$ref` may have no sibling keyword: a described reference becomes a one-member `anyOf`. */
  readonly bareRefs: boolean;
}

/** JSON Schema 2020-12 as it is: everything the analysis knows. */
export const CANONICAL: SchemaRules = {
  allRequired: false,
  encode: false,
  rejects: () => false,
  bareRefs: false,
};

/** What every schema function of a run needs: the dialect's rules and the module's named types. */
interface Printer {
  readonly rules: SchemaRules;
  readonly definitions: Readonly<Record<string, TypeIR>>;
  /**
   * Objects take properties their type does not name: set for a result, since TypeScript's object
   * types are open (a tool typed `Hotel` may return a row with more columns), and a client that
   * checks the result against the schema (MCP's `structuredContent`) must not refuse it. Arguments
   * stay closed: there an unknown property is a mistake of the model's.
   */
  readonly open?: boolean;
}

/**
 * The schema of a tool's arguments object in a dialect, with `$defs` for the named (recursive)
 * types it refers to.
 */
export function parametersSchema(
  properties: readonly PropertyIR[],
  rules: SchemaRules,
  definitions: Readonly<Record<string, TypeIR>> = {},
): Schema {
  const printer = { rules, definitions };
  return withDefinitions(objectSchema(properties, undefined, printer), properties, printer);
}

/** The schema of what a tool resolves to (MCP `outputSchema`), with the `$defs` it needs. */
export function resultSchema(type: TypeIR, definitions: Readonly<Record<string, TypeIR>> = {}): Schema {
  const printer = { rules: CANONICAL, definitions, open: true };
  return withDefinitions(typeSchema(type, printer), [type], printer);
}

/** `schema` with the `$defs` of the named types `roots` refer to, when there are any. */
function withDefinitions(
  schema: Schema,
  roots: readonly PropertyIR[] | readonly TypeIR[],
  printer: Printer,
): Schema {
  const used = referencedDefinitions(roots, printer.definitions);
  if (used.length === 0) return schema;
  const defs: Schema = {};
  for (const name of used) defs[name] = typeSchema(printer.definitions[name] as TypeIR, printer);
  return { ...schema, $defs: defs };
}

function typeSchema(type: TypeIR, printer: Printer): Schema {
  return applyDialect(baseSchema(type, printer), printer.rules);
}

function baseSchema(type: TypeIR, printer: Printer): Schema {
  const schema = shapeSchema(type, printer);
  // A `Date` says what it takes, with an example: the format's name alone leaves the offset unsaid.
  // An encoded record or tuple says how it is sent. Either follows the type's own words.
  const said =
    type.kind === "string" && type.revive === "date"
      ? DATE_TIME_TEXT
      : (schema.description as string | undefined);
  const description = said ? [sentence(type.description), said].filter(Boolean).join(" ") : type.description;
  return description ? { ...schema, description } : schema;
}

function shapeSchema(type: TypeIR, printer: Printer): Schema {
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
      return { type: "array", items: typeSchema(items, printer), ...keywords };
    }
    case "tuple": {
      if (printer.rules.encode && isEncodableTuple(type, printer.definitions))
        return encodedTuple(type, printer);
      // `prefixItems` may not be empty: `[]` (and `[...T[]]`) need none.
      if (type.items.length === 0)
        return type.rest
          ? { type: "array", items: typeSchema(type.rest, printer) }
          : { type: "array", maxItems: 0 };
      const prefixItems = type.items.map((item) => typeSchema(item, printer));
      const items = type.rest ? typeSchema(type.rest, printer) : false;
      const bounds = type.rest ? {} : { maxItems: prefixItems.length };
      return { type: "array", prefixItems, items, minItems: type.minItems ?? prefixItems.length, ...bounds };
    }
    case "object":
      if (printer.rules.encode && isEncodableRecord(type)) return encodedRecord(type.additional, printer);
      return objectSchema(type.properties, type.additional, printer);
    case "union":
      return unionSchema(type.members, printer);
    case "ref":
      return { $ref: `#/$defs/${type.name}` };
  }
}

/** A tuple as an object with one property per position (`"0"`, `"1"`, ...). */
function encodedTuple(type: TupleTypeIR, printer: Printer): Schema {
  const required = type.minItems ?? type.items.length;
  const positions = type.items.map((item, i) => ({ name: String(i), type: item, optional: i >= required }));
  const last = type.items.length - 1;
  const names = last === 0 ? '"0"' : `"0" to "${last}"`;
  const description = `A list, sent as an object with one property per position (${names}).`;
  return { ...objectSchema(positions, undefined, printer), description };
}

/** A record as an array of `{ key, value }` entries, one per key. */
function encodedRecord(value: TypeIR, printer: Printer): Schema {
  const entry = objectSchema(
    [
      { name: ENTRY_KEY, type: { kind: "string" }, optional: false },
      { name: ENTRY_VALUE, type: value, optional: false },
    ],
    undefined,
    printer,
  );
  return {
    type: "array",
    items: entry,
    description: "A map, sent as a list of { key, value } entries, one per key.",
  };
}

function objectSchema(
  properties: readonly PropertyIR[],
  additional: TypeIR | undefined,
  printer: Printer,
): Schema {
  const { rules } = printer;
  const schemaProperties: Schema = {};
  for (const property of properties) {
    const value = propertySchema(property, printer);
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
  const required = properties.filter((p) => rules.allRequired || !p.optional).map((p) => p.name);
  if (additional === undefined && printer.open)
    return { type: "object", properties: schemaProperties, required };
  const additionalProperties = additional ? typeSchema(additional, printer) : false;
  return { type: "object", properties: schemaProperties, required, additionalProperties };
}

function propertySchema(property: PropertyIR, printer: Printer): Schema {
  const { rules } = printer;
  let schema = baseSchema(property.type, printer);
  if (rules.allRequired && property.optional) schema = nullable(schema);
  const keywords: Schema = {};
  // The property's own text first, then the comment of the interface it is typed with: both are kept.
  const typeComment = typeof schema.description === "string" ? schema.description : "";
  const own = property.description ?? "";
  if (own && typeComment && own !== typeComment) keywords.description = `${sentence(own)} ${typeComment}`;
  else if (own) keywords.description = own;
  if (property.default !== undefined) keywords.default = property.default;
  if (property.examples !== undefined) keywords.examples = property.examples;
  if (property.deprecated !== undefined) keywords.deprecated = true;
  // A reference with words beside it, where the dialect wants it bare: the words go around it.
  if (rules.bareRefs && typeof schema.$ref === "string" && Object.keys(keywords).length > 0)
    schema = { anyOf: [schema] };
  return applyDialect({ ...schema, ...keywords }, rules, property);
}

/**
 * Literal unions become `enum` (with their JSON types); other unions `anyOf`, `T | null` a type
 * array. Literals beside other members stay together as one `enum` member of the `anyOf`, so the
 * idiom `"a" | "b" | (string & {})` reads as "a or b, or any string".
 */
function unionSchema(members: readonly TypeIR[], printer: Printer): Schema {
  const literals = members.filter((m) => m.kind === "literal" || m.kind === "null");
  if (literals.length === members.length) return enumSchema(literals);
  const nonNull = members.filter((m) => m.kind !== "null");
  if (nonNull.length === 1 && nonNull[0]) return nullable(typeSchema(nonNull[0], printer));
  const values = members.filter((m) => m.kind === "literal");
  const anyOf: Schema[] = [];
  for (const member of members) {
    if (member.kind !== "literal") anyOf.push(typeSchema(member, printer));
    else if (member === values[0])
      anyOf.push(values.length > 1 ? enumSchema(values) : typeSchema(member, printer));
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
function applyDialect(schema: Schema, rules: SchemaRules, property?: PropertyIR): Schema {
  if (rules === CANONICAL) return schema;
  const notes: string[] = [];
  const result: Schema = {};
  const said = typeof schema.description === "string" ? schema.description : "";
  for (const [key, value] of Object.entries(schema)) {
    if (!rules.rejects(key, value)) result[key] = value;
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
