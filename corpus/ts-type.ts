/**
 * BFCL schemas as TypeScript type text, written the way an author would: typia tags for integers and
 * constraints, literal unions for enums, inline object types with property comments.
 */
import { type BfclSchema, bfclType } from "./bfcl.ts";

/** A type alias the converter had to declare beside the function (array items with a description). */
export interface AliasDeclaration {
  name: string;
  description: string;
  type: string;
}

/** Where the type is written: aliases are collected here, named from `prefix`. */
export interface TypeScope {
  prefix: string;
  aliases: AliasDeclaration[];
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally " +
    "for function if import in instanceof new null return super switch this throw true try typeof var void " +
    "while with implements interface let package private protected public static yield await arguments eval"
  ).split(" "),
);

/** Whether `name` can be written as a parameter or variable name. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
}

/** A property key as written in a type literal: bare when it is a name, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A JSDoc comment, on one line when it has one line; `*​/` inside the text cannot end it early. */
export function jsdoc(lines: readonly string[], indent: string): string {
  const safe = lines.map((line) => line.replaceAll("*/", "*\\/"));
  if (safe.length === 1) return `${indent}/** ${safe[0]} */\n`;
  return `${indent}/**\n${safe.map((line) => `${indent} * ${line}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

/** The TypeScript type of a schema. `indent` is the indentation of the line the type starts on. */
export function tsType(schema: BfclSchema, scope: TypeScope, indent = ""): string {
  if (schema.enum !== undefined && schema.enum.length > 0) {
    return [...new Set(schema.enum.map((value) => JSON.stringify(value)))].join(" | ");
  }
  const handler = HANDLERS[bfclType(schema)] ?? (() => "unknown");
  return handler(schema, scope, indent);
}

type Handler = (schema: BfclSchema, scope: TypeScope, indent: string) => string;

const HANDLERS: Record<string, Handler> = {
  string: (s) => withTags("string", [s.format !== undefined && `tags.Format<${JSON.stringify(s.format)}>`]),
  integer: (s) => withTags("number", ['tags.Type<"int32">', maximumTag(s)]),
  float: (s) => withTags("number", [maximumTag(s)]),
  boolean: () => "boolean",
  any: () => "unknown",
  array: arrayType,
  tuple: arrayType,
  dict: objectType,
};

function maximumTag(schema: BfclSchema): string | false {
  return schema.maximum !== undefined && `tags.Maximum<${schema.maximum}>`;
}

function withTags(base: string, tags: readonly (string | false)[]): string {
  const present = tags.filter((tag): tag is string => tag !== false);
  return [base, ...present].join(" & ");
}

function arrayType(schema: BfclSchema, scope: TypeScope, indent: string): string {
  if (schema.items === undefined) return "unknown[]";
  const item = tsType(schema.items, { ...scope, prefix: `${scope.prefix}_Item` }, indent);
  if (schema.items.description === undefined) return `${/^[\w.$<>"]+$/.test(item) ? item : `(${item})`}[]`;
  // Only a named type can carry a comment: declare one, as an author documenting the items would.
  const name = `${scope.prefix}_Item`;
  scope.aliases.push({ name, description: schema.items.description, type: item });
  return `${name}[]`;
}

function objectType(schema: BfclSchema, scope: TypeScope, indent: string): string {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  if (properties.length === 0) {
    if (required.size === 0) return "Record<string, unknown>";
    // `required` without `properties`: those keys must be there, with any value, among free keys.
    const inner = `${indent}  `;
    const keys = [...required].map((name) => `${inner}${propertyKey(name)}: unknown;\n`).join("");
    return `{\n${keys}${inner}[key: string]: unknown;\n${indent}}`;
  }
  const inner = `${indent}  `;
  const lines = properties.map(([name, property]) => {
    const type = tsType(property, { ...scope, prefix: `${scope.prefix}_${identifierPart(name)}` }, inner);
    const optional = required.has(name) ? "" : "?";
    return `${propertyComment(property, inner)}${inner}${propertyKey(name)}${optional}: ${type};\n`;
  });
  return `{\n${lines.join("")}${indent}}`;
}

/** The comment of an object property: its description and, as a tag, its default. */
export function propertyComment(property: BfclSchema, indent: string): string {
  const lines = [
    ...(property.description === undefined ? [] : [property.description.trim()]),
    ...("default" in property ? [`@default ${JSON.stringify(property.default)}`] : []),
  ];
  return lines.length === 0 ? "" : jsdoc(lines, indent);
}

/** A name made of identifier characters only. */
export function identifierPart(name: string): string {
  const cleaned = name.replace(/[^\w$]/g, "_");
  return /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
}
