/**
 * The dialect checkers: for every rule, a small tool list that breaks it (and nothing else) and the
 * closest list that conforms; request-wide budgets at the limit and one over.
 */
import { describe, expect, it } from "vitest";
import { type CheckedDialect, checkDialect, RULES } from "./support/dialect-checkers.ts";

type Schema = Record<string, unknown>;

/** A rule, a list that breaks it (and `alsoBreaks`, when it cannot help it), and the closest list that conforms. */
interface RuleCase {
  rule: keyof typeof RULES;
  dialect: CheckedDialect;
  title: string;
  bad: unknown;
  good: unknown[];
  alsoBreaks?: (keyof typeof RULES)[];
}

const STRING = { type: "string" };
const NUMBER = { type: "number" };
const G_STRING = { type: "STRING" };

/** A closed object of `properties`, all required (what OpenAI strict wants), with `extra` keywords. */
function object(properties: Schema = {}, extra: Schema = {}): Schema {
  return {
    type: "object",
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    ...extra,
  };
}

/** `object` with one property `a` of `schema`. */
function withA(schema: unknown, extra: Schema = {}): Schema {
  return object({ a: schema }, extra);
}

/** A json-schema tool. */
function plain(parameters: unknown, name = "t"): Schema {
  return { name, description: "d", parameters };
}

/** An OpenAI or Anthropic tool, strict unless `strict` says otherwise. */
function strictTool(parameters: unknown, strict = true, name = "t"): Schema {
  return { name, description: "d", parameters, strict };
}

/** A Gemini declaration with a `parameters` Schema. */
function gemini(parameters: unknown, name = "t"): Schema {
  return { name, description: "d", parameters };
}

/** A Gemini OBJECT Schema of `properties`, all required. */
function geminiObject(properties: Schema, extra: Schema = {}): Schema {
  return { type: "OBJECT", properties, required: Object.keys(properties), ...extra };
}

/** An MCP tool. */
function mcp(inputSchema: unknown, extra: Schema = {}, name = "t"): Schema {
  return { name, description: "d", inputSchema, ...extra };
}

/** `count` tools made by `make` from distinct names. */
function many(count: number, make: (name: string) => unknown): unknown[] {
  return Array.from({ length: count }, (_, i) => make(`t${i}`));
}

/** An object of `count` required string properties p0, p1, ... */
function wide(count: number): Schema {
  return object(Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, STRING])));
}

/** Objects nested `levels` deep (the root is level 1), through properties named `a`, down to `innermost`. */
function deep(levels: number, innermost: Schema = object()): Schema {
  return levels <= 1 ? innermost : withA(deep(levels - 1, innermost));
}

/** `count` distinct strings whose lengths add up to `total`. */
function enumOfLength(count: number, total: number): string[] {
  const base = Math.floor(total / count);
  const values = Array.from({ length: count }, (_, i) => String(i).padEnd(base, "x"));
  values[count - 1] = `${values[count - 1]}${"y".repeat(total - base * count)}`;
  return values;
}

/** A strict Anthropic tool with `count` optional string properties, at the top level or inside `inner`. */
function optionals(name: string, count: number, nested = false): Schema {
  const properties = Object.fromEntries(Array.from({ length: count }, (_, i) => [`o${i}`, STRING]));
  const inner = { type: "object", properties, required: [], additionalProperties: false };
  return strictTool(nested ? object({ inner }) : inner, true, name);
}

/** A strict Anthropic tool with `count` nullable properties, half as type arrays and half as anyOf. */
function unions(name: string, count: number): Schema {
  const nullable = (i: number) =>
    i % 2 === 0 ? { type: ["string", "null"] } : { anyOf: [STRING, { type: "null" }] };
  const properties = Object.fromEntries(Array.from({ length: count }, (_, i) => [`u${i}`, nullable(i)]));
  return strictTool(object(properties), true, name);
}

const DEFS = { $defs: { s: STRING } };
// biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited.
const IF_THEN = { type: "string", if: { const: "x" }, then: { minLength: 1 } };
/** A recursive definition: one level of objects, however deep a list of them goes. */
const LEAF = withA({ anyOf: [{ $ref: "#/$defs/leaf" }, { type: "null" }] });

const CASES: RuleCase[] = [
  // The tool object, every dialect.
  {
    rule: "tool/list",
    dialect: "openai",
    title: "a list that is not an array",
    bad: { tools: [] },
    good: [],
  },
  {
    rule: "tool/not-json",
    dialect: "json-schema",
    title: "Infinity inside the schema",
    bad: [plain(withA({ type: "number", maximum: Number.POSITIVE_INFINITY }))],
    good: [plain(withA({ type: "number", maximum: 1e308, description: undefined }))],
  },
  {
    rule: "tool/not-json",
    dialect: "mcp",
    title: "a getter (never run)",
    bad: [
      Object.defineProperty(mcp(object()), "name", {
        get: () => {
          throw new Error("run");
        },
        enumerable: true,
      }),
    ],
    good: [mcp(object(), { title: "T" })],
  },
  {
    rule: "tool/not-object",
    dialect: "gemini",
    title: "a string for a tool",
    bad: ["t"],
    good: [gemini(geminiObject({ a: G_STRING }))],
  },
  {
    rule: "tool/unknown-key",
    dialect: "openai",
    title: "the Chat Completions envelope's type",
    bad: [{ ...strictTool(object()), type: "function" }],
    good: [strictTool(object())],
  },
  {
    rule: "tool/unknown-key",
    dialect: "anthropic",
    title: "input_schema instead of parameters",
    bad: [{ name: "t", description: "d", input_schema: object(), parameters: object(), strict: false }],
    good: [strictTool(object(), false)],
  },
  {
    rule: "tool/name-type",
    dialect: "json-schema",
    title: "an empty name",
    bad: [plain(object(), "")],
    good: [plain(object(), "t")],
  },
  {
    rule: "tool/name-type",
    dialect: "mcp",
    title: "a numeric name",
    bad: [{ ...mcp(object()), name: 7 }],
    good: [mcp(object(), {}, "7")],
  },
  {
    rule: "tool/unique-names",
    dialect: "anthropic",
    title: "two tools named alike",
    bad: [strictTool(object(), false, "t"), strictTool(object(), false, "t")],
    good: [strictTool(object(), false, "t"), strictTool(object(), false, "u")],
  },
  {
    rule: "tool/description-type",
    dialect: "gemini",
    title: "no description",
    bad: [{ name: "t", parameters: geminiObject({ a: G_STRING }) }],
    good: [{ name: "t", description: "", parameters: geminiObject({ a: G_STRING }) }],
  },
  {
    rule: "tool/strict-flag",
    dialect: "openai-responses",
    title: "strict absent (Responses would make the tool strict)",
    bad: [plain(object({ a: STRING }, { required: [] }))],
    good: [strictTool(object({ a: STRING }, { required: [] }), false)],
  },
  {
    rule: "tool/strict-flag",
    dialect: "anthropic",
    title: "strict as a string",
    bad: [{ ...strictTool(object()), strict: "true" }],
    good: [strictTool(object())],
  },
  {
    rule: "tool/parameters-missing",
    dialect: "openai",
    title: "no parameters",
    bad: [{ name: "t", description: "d", strict: false }],
    good: [strictTool(object(), false)],
  },
  {
    rule: "tool/parameters-missing",
    dialect: "mcp",
    title: "no inputSchema",
    bad: [{ name: "t", description: "d" }],
    good: [mcp({ type: "object", additionalProperties: false })],
  },

  // JSON Schema 2020-12, every dialect that sends it.
  {
    rule: "schema/root-object",
    dialect: "json-schema",
    title: "an array root",
    bad: [plain({ type: "array", items: STRING })],
    good: [plain(withA({ type: "array", items: STRING }))],
  },
  {
    rule: "schema/root-object",
    dialect: "mcp",
    title: "an outputSchema with an array root",
    bad: [mcp(object(), { outputSchema: { type: "array", items: STRING } })],
    good: [mcp(object(), { outputSchema: withA({ type: "array", items: STRING }) })],
  },
  {
    rule: "schema/root-object",
    dialect: "gemini",
    title: "a Schema root of type STRING",
    bad: [gemini({ type: "STRING" })],
    good: [gemini(geminiObject({ a: { type: "STRING" } }))],
  },
  {
    rule: "schema/invalid",
    dialect: "json-schema",
    title: "an unknown type name",
    bad: [plain(withA({ type: "text" }))],
    good: [plain(withA({ type: "string" }))],
  },
  {
    rule: "schema/invalid",
    dialect: "openai",
    title: "a negative minItems",
    bad: [strictTool(withA({ type: "array", items: STRING, minItems: -1 }))],
    good: [strictTool(withA({ type: "array", items: STRING, minItems: 0 }))],
  },
  {
    rule: "schema/dialect",
    dialect: "mcp",
    title: "a draft-07 $schema (as McpServer emits)",
    bad: [mcp({ $schema: "http://json-schema.org/draft-07/schema#", ...object() })],
    good: [mcp({ $schema: "https://json-schema.org/draft/2020-12/schema", ...object() })],
  },
  {
    rule: "schema/required-unknown",
    dialect: "json-schema",
    title: "a required name that is not a property",
    bad: [plain(withA(STRING, { required: ["a", "b"] }))],
    good: [plain(withA(STRING, { required: ["a"] }))],
  },
  {
    rule: "schema/required-unknown",
    dialect: "gemini",
    title: "a required name that is not a property (Schema)",
    bad: [gemini(geminiObject({ a: { type: "STRING" } }, { required: ["b"] }))],
    good: [gemini(geminiObject({ a: { type: "STRING" } }, { required: [] }))],
  },
  {
    rule: "schema/ref-unresolved",
    dialect: "json-schema",
    title: "a $ref to a missing definition",
    bad: [plain(withA({ $ref: "#/$defs/missing" }, DEFS))],
    good: [plain(withA({ $ref: "#/$defs/s" }, DEFS))],
  },
  {
    rule: "schema/ref-unresolved",
    dialect: "mcp",
    title: "an external $ref",
    bad: [mcp(withA({ $ref: "https://example.com/s.json" }))],
    good: [
      mcp(withA({ $ref: "#/properties/b" }, { properties: { a: { $ref: "#/properties/b" }, b: STRING } })),
    ],
  },
  {
    rule: "schema/pattern-invalid",
    dialect: "anthropic",
    title: "a pattern that does not compile",
    bad: [strictTool(withA({ type: "string", pattern: "(" }), false)],
    good: [strictTool(withA({ type: "string", pattern: "^a+$" }), false)],
  },

  // OpenAI, Chat Completions and Responses.
  {
    rule: "openai/name",
    dialect: "openai",
    title: "a dot in the name",
    bad: [strictTool(object(), true, "get.weather")],
    good: [strictTool(object(), true, "get_weather-2")],
  },
  {
    rule: "openai/name",
    dialect: "openai-responses",
    title: "65 characters",
    bad: [strictTool(object(), true, "a".repeat(65))],
    good: [strictTool(object(), true, "a".repeat(64))],
  },
  {
    rule: "openai/description-length",
    dialect: "openai",
    title: "a description of 1025 characters",
    bad: [{ ...strictTool(object()), description: "x".repeat(1025) }],
    good: [{ ...strictTool(object()), description: "x".repeat(1024) }],
  },
  {
    rule: "openai/max-tools",
    dialect: "openai-responses",
    title: "129 tools, not strict",
    bad: many(129, (name) => strictTool(object(), false, name)),
    good: many(128, (name) => strictTool(object(), false, name)),
  },
  {
    rule: "openai/strict/root-any-of",
    dialect: "openai",
    title: "a union at the root",
    bad: [strictTool({ ...object(), anyOf: [withA(STRING), object({ b: STRING })] })],
    good: [strictTool(object({ x: { anyOf: [withA(STRING), object({ b: STRING })] } }))],
  },
  {
    rule: "openai/strict/additional-properties",
    dialect: "openai",
    title: "an object in an array without additionalProperties",
    bad: [
      strictTool(
        object({ guests: { type: "array", items: { ...withA(STRING), additionalProperties: undefined } } }),
      ),
    ],
    good: [strictTool(object({ guests: { type: "array", items: withA(STRING) } }))],
  },
  {
    rule: "openai/strict/free-form-map",
    dialect: "openai",
    title: "a map",
    bad: [strictTool(withA({ type: "object", properties: {}, required: [], additionalProperties: STRING }))],
    good: [strictTool(withA({ type: "object", properties: {}, required: [], additionalProperties: false }))],
  },
  {
    rule: "openai/strict/required-all",
    dialect: "openai",
    title: "an optional property left out of required",
    bad: [strictTool(object({ a: STRING, b: STRING }, { required: ["a"] }))],
    good: [strictTool(object({ a: STRING, b: { type: ["string", "null"] } }))],
  },
  {
    rule: "openai/strict/required-all",
    dialect: "openai-responses",
    title: "no required at all",
    bad: [strictTool({ type: "object", properties: {}, additionalProperties: false })],
    good: [strictTool({ type: "object", properties: {}, required: [], additionalProperties: false })],
  },
  {
    rule: "openai/strict/object-properties",
    dialect: "openai",
    title: "an object without properties",
    bad: [strictTool(withA({ type: "object", additionalProperties: false }))],
    good: [strictTool(withA({ type: "object", properties: {}, required: [], additionalProperties: false }))],
  },
  {
    rule: "openai/strict/one-of",
    dialect: "openai",
    title: "oneOf",
    bad: [strictTool(withA({ oneOf: [STRING, NUMBER] }))],
    good: [strictTool(withA({ anyOf: [STRING, NUMBER] }))],
  },
  {
    rule: "openai/strict/all-of",
    dialect: "openai",
    title: "allOf",
    bad: [strictTool(withA({ allOf: [STRING] }))],
    good: [strictTool(withA(STRING))],
  },
  {
    rule: "openai/strict/not",
    dialect: "openai",
    title: "not",
    bad: [strictTool(withA({ type: "string", not: { const: "" } }))],
    good: [strictTool(withA({ type: "string", pattern: "." }))],
  },
  {
    rule: "openai/strict/if-then-else",
    dialect: "openai-responses",
    title: "if/then",
    bad: [strictTool(withA(IF_THEN))],
    good: [strictTool(withA({ type: "string" }))],
  },
  {
    rule: "openai/strict/dependent",
    dialect: "openai",
    title: "dependentRequired",
    bad: [strictTool(object({ a: STRING, b: STRING }, { dependentRequired: { a: ["b"] } }))],
    good: [strictTool(object({ a: STRING, b: STRING }))],
  },
  {
    rule: "openai/strict/pattern-properties",
    dialect: "openai",
    title: "patternProperties",
    bad: [strictTool(object({}, { patternProperties: { "^x": STRING } }))],
    good: [strictTool(object({ x: STRING }))],
  },
  {
    rule: "openai/strict/property-names",
    dialect: "openai",
    title: "propertyNames",
    bad: [strictTool(object({}, { propertyNames: { pattern: "^[a-z]+$" } }))],
    good: [strictTool(object())],
  },
  {
    rule: "openai/strict/default",
    dialect: "openai",
    title: "a default",
    bad: [strictTool(withA({ type: "string", default: "x" }))],
    good: [strictTool(withA({ type: "string", description: 'Defaults to "x".' }))],
  },
  {
    rule: "openai/strict/format",
    dialect: "openai",
    title: "format uri",
    bad: [strictTool(withA({ type: "string", format: "uri" }))],
    good: [strictTool(withA({ type: "string", format: "date-time" }))],
  },
  {
    rule: "openai/strict/ref-siblings",
    dialect: "openai",
    title: "a description beside $ref",
    bad: [strictTool(withA({ $ref: "#/$defs/s", description: "x" }, DEFS))],
    good: [strictTool(withA({ $ref: "#/$defs/s" }, DEFS))],
  },
  {
    rule: "openai/strict/unique-items",
    dialect: "openai",
    title: "uniqueItems",
    bad: [strictTool(withA({ type: "array", items: STRING, uniqueItems: true }))],
    good: [strictTool(withA({ type: "array", items: STRING }))],
  },
  {
    rule: "openai/strict/prefix-items",
    dialect: "openai",
    title: "a tuple",
    bad: [strictTool(withA({ type: "array", prefixItems: [STRING, NUMBER] }))],
    good: [
      strictTool(withA({ type: "array", items: { anyOf: [STRING, NUMBER] }, minItems: 2, maxItems: 2 })),
    ],
  },
  {
    rule: "openai/strict/contains",
    dialect: "openai",
    title: "contains",
    bad: [strictTool(withA({ type: "array", items: STRING, contains: { const: "x" } }))],
    good: [strictTool(withA({ type: "array", items: STRING }))],
  },
  {
    rule: "openai/strict/unlisted-keyword",
    dialect: "openai",
    title: "OpenAPI's nullable",
    bad: [strictTool(withA({ type: "string", nullable: true }))],
    good: [strictTool(withA({ type: ["string", "null"] }))],
  },
  {
    rule: "openai/strict/max-properties",
    dialect: "openai",
    title: "5001 properties",
    bad: [strictTool(wide(5001))],
    good: [strictTool(wide(5000))],
  },
  {
    rule: "openai/strict/max-depth",
    dialect: "openai",
    title: "11 levels of objects",
    bad: [strictTool(deep(11))],
    good: [strictTool(deep(10))],
  },
  {
    rule: "openai/strict/max-depth",
    dialect: "openai",
    title: "11 levels through a definition (and recursion counted once)",
    bad: [strictTool({ ...deep(10, withA({ $ref: "#/$defs/leaf" })), $defs: { leaf: LEAF } })],
    good: [strictTool({ ...deep(9, withA({ $ref: "#/$defs/leaf" })), $defs: { leaf: LEAF } })],
  },
  {
    rule: "openai/strict/max-enum-values",
    dialect: "openai",
    title: "1001 enum values",
    bad: [strictTool(withA({ type: "integer", enum: Array.from({ length: 1001 }, (_, i) => i) }))],
    good: [strictTool(withA({ type: "integer", enum: Array.from({ length: 1000 }, (_, i) => i) }))],
  },
  {
    rule: "openai/strict/string-budget",
    dialect: "openai",
    title: "120,001 characters of names and const values",
    bad: [strictTool(withA({ type: "string", const: "x".repeat(120_000) }))],
    good: [strictTool(withA({ type: "string", const: "x".repeat(119_999) }))],
  },
  {
    rule: "openai/strict/large-enum-length",
    dialect: "openai",
    title: "251 string values of 15,001 characters",
    bad: [strictTool(withA({ type: "string", enum: enumOfLength(251, 15_001) }))],
    good: [strictTool(withA({ type: "string", enum: enumOfLength(251, 15_000) }))],
  },

  // Anthropic.
  {
    rule: "anthropic/name",
    dialect: "anthropic",
    title: "a dot in the name",
    bad: [strictTool(object(), false, "mcp.search")],
    good: [strictTool(object(), false, "mcp_search")],
  },
  {
    rule: "anthropic/name",
    dialect: "anthropic",
    title: "129 characters",
    bad: [strictTool(object(), false, "a".repeat(129))],
    good: [strictTool(object(), false, "a".repeat(128))],
  },
  {
    rule: "anthropic/top-level-combinator",
    dialect: "anthropic",
    title: "anyOf at the root of a tool that is not strict",
    bad: [strictTool({ type: "object", anyOf: [withA(STRING), object({ b: STRING })] }, false)],
    good: [strictTool(object({ x: { anyOf: [withA(STRING), object({ b: STRING })] } }), false)],
  },
  {
    rule: "anthropic/strict/additional-properties",
    dialect: "anthropic",
    title: "an object without additionalProperties",
    bad: [strictTool({ type: "object", properties: { a: STRING }, required: ["a"] })],
    good: [strictTool(withA(STRING))],
  },
  {
    rule: "anthropic/strict/numeric-constraint",
    dialect: "anthropic",
    title: "minimum",
    bad: [strictTool(withA({ type: "integer", minimum: 0 }))],
    good: [strictTool(withA({ type: "integer", description: "At least 0." }))],
  },
  {
    rule: "anthropic/strict/string-length",
    dialect: "anthropic",
    title: "maxLength",
    bad: [strictTool(withA({ type: "string", maxLength: 5 }))],
    good: [strictTool(withA(STRING))],
  },
  {
    rule: "anthropic/strict/min-items",
    dialect: "anthropic",
    title: "minItems 2",
    bad: [strictTool(withA({ type: "array", items: STRING, minItems: 2 }))],
    good: [strictTool(withA({ type: "array", items: STRING, minItems: 1 }))],
  },
  {
    rule: "anthropic/strict/array-constraint",
    dialect: "anthropic",
    title: "maxItems",
    bad: [strictTool(withA({ type: "array", items: STRING, maxItems: 3 }))],
    good: [strictTool(withA({ type: "array", items: STRING, minItems: 0 }))],
  },
  {
    rule: "anthropic/strict/format",
    dialect: "anthropic",
    title: "format uri-reference",
    bad: [strictTool(withA({ type: "string", format: "uri-reference" }))],
    good: [strictTool(withA({ type: "string", format: "uri" }))],
  },
  {
    rule: "anthropic/strict/pattern",
    dialect: "anthropic",
    title: "a backreference",
    bad: [strictTool(withA({ type: "string", pattern: "^(a)\\1$" }))],
    good: [strictTool(withA({ type: "string", pattern: "^(a)+[\\d\\w\\s.]*\\\\1?$" }))],
  },
  {
    rule: "anthropic/strict/pattern",
    dialect: "anthropic",
    title: "a lookahead",
    bad: [strictTool(withA({ type: "string", pattern: "^(?=.*\\d).+$" }))],
    good: [strictTool(withA({ type: "string", pattern: "^(?:.*\\d).+$" }))],
  },
  {
    rule: "anthropic/strict/pattern",
    dialect: "anthropic",
    title: "a lookbehind",
    bad: [strictTool(withA({ type: "string", pattern: "(?<!x)y" }))],
    good: [strictTool(withA({ type: "string", pattern: "(?<name>x)y" }))],
  },
  {
    rule: "anthropic/strict/pattern",
    dialect: "anthropic",
    title: "a word boundary",
    bad: [strictTool(withA({ type: "string", pattern: "\\bword\\b" }))],
    good: [strictTool(withA({ type: "string", pattern: "[\\b]word" }))],
  },
  {
    rule: "anthropic/strict/pattern",
    dialect: "anthropic",
    title: "a large quantifier",
    bad: [strictTool(withA({ type: "string", pattern: "^a{1,101}$" }))],
    good: [strictTool(withA({ type: "string", pattern: "^a{1,100}$" }))],
  },
  {
    rule: "anthropic/strict/enum-values",
    dialect: "anthropic",
    title: "an object in an enum",
    bad: [strictTool(withA({ enum: [{ a: 1 }, "b"] }))],
    good: [strictTool(withA({ enum: ["a", 1, true, null] }))],
  },
  {
    rule: "anthropic/strict/external-ref",
    dialect: "anthropic",
    title: "an external $ref",
    bad: [strictTool(withA({ $ref: "https://example.com/s.json" }))],
    good: [strictTool(withA({ $ref: "#/$defs/s" }, DEFS))],
    alsoBreaks: ["schema/ref-unresolved"],
  },
  {
    rule: "anthropic/strict/recursion",
    dialect: "anthropic",
    title: "a linked list",
    bad: [
      strictTool(
        withA(
          { $ref: "#/$defs/node" },
          { $defs: { node: object({ next: { anyOf: [{ $ref: "#/$defs/node" }, { type: "null" }] } }) } },
        ),
      ),
    ],
    good: [
      strictTool(
        withA(
          { $ref: "#/$defs/node" },
          {
            $defs: {
              node: object({ next: { anyOf: [{ $ref: "#/$defs/leaf" }, { type: "null" }] } }),
              leaf: object(),
            },
          },
        ),
      ),
    ],
  },
  {
    rule: "anthropic/strict/recursion",
    dialect: "anthropic",
    title: "a reference to the root",
    bad: [strictTool(object({ child: { anyOf: [{ $ref: "#" }, { type: "null" }] } }))],
    good: [strictTool(object({ child: { anyOf: [{ $ref: "#/$defs/s" }, { type: "null" }] } }, DEFS))],
  },
  {
    rule: "anthropic/strict/all-of-ref",
    dialect: "anthropic",
    title: "allOf with $ref",
    bad: [strictTool(withA({ allOf: [{ $ref: "#/$defs/s" }] }, DEFS))],
    good: [strictTool(withA({ allOf: [STRING] }, DEFS))],
  },
  {
    rule: "anthropic/strict/one-of",
    dialect: "anthropic",
    title: "oneOf",
    bad: [strictTool(withA({ oneOf: [STRING, NUMBER] }))],
    good: [strictTool(withA({ anyOf: [STRING, NUMBER] }))],
  },
  {
    rule: "anthropic/strict/unlisted-keyword",
    dialect: "anthropic",
    title: "not",
    bad: [strictTool(withA({ type: "string", not: { const: "" } }))],
    good: [strictTool(withA({ type: "string", default: "x" }))],
  },
  {
    rule: "anthropic/strict/max-tools",
    dialect: "anthropic",
    title: "21 strict tools",
    bad: many(21, (name) => strictTool(object(), true, name)),
    good: [...many(20, (name) => strictTool(object(), true, name)), strictTool(object(), false, "loose")],
  },
  {
    rule: "anthropic/strict/max-optional",
    dialect: "anthropic",
    title: "25 optional parameters over three strict tools, nested ones counted",
    bad: [optionals("a", 8), optionals("b", 8), optionals("c", 9, true)],
    good: [
      optionals("a", 8),
      optionals("b", 8),
      optionals("c", 8, true),
      strictTool(optionals("d", 9).parameters, false, "d"),
    ],
  },
  {
    rule: "anthropic/strict/max-union",
    dialect: "anthropic",
    title: "17 parameters with anyOf or type arrays over two strict tools",
    bad: [unions("a", 8), unions("b", 9)],
    good: [unions("a", 8), unions("b", 8), { ...unions("c", 4), strict: false }],
  },

  // Gemini.
  {
    rule: "gemini/name",
    dialect: "gemini",
    title: "a name that starts with a digit",
    bad: [gemini(undefined, "1tool")],
    good: [gemini(undefined, "_tool.v2:get-x")],
  },
  {
    rule: "gemini/name",
    dialect: "gemini",
    title: "65 characters",
    bad: [gemini(undefined, `a${"b".repeat(64)}`)],
    good: [gemini(undefined, `a${"b".repeat(63)}`)],
  },
  {
    rule: "gemini/max-tools",
    dialect: "gemini",
    title: "129 declarations",
    bad: many(129, (name) => ({ name, description: "d" })),
    good: many(128, (name) => ({ name, description: "d" })),
  },
  {
    rule: "gemini/parameters-exclusive",
    dialect: "gemini",
    title: "both parameters and parametersJsonSchema",
    bad: [{ ...gemini(geminiObject({ a: { type: "STRING" } })), parametersJsonSchema: withA(STRING) }],
    good: [
      { name: "t", description: "d", parametersJsonSchema: withA({ $ref: "#/$defs/s", const: "x" }, DEFS) },
    ],
  },
  {
    rule: "gemini/parameter-name",
    dialect: "gemini",
    title: "a dash in a nested parameter name",
    bad: [gemini(geminiObject({ a: geminiObject({ "b-c": { type: "STRING" } }) }))],
    good: [gemini(geminiObject({ a: geminiObject({ b_c: { type: "STRING" } }) }))],
  },
  {
    rule: "gemini/schema/type",
    dialect: "gemini",
    title: "a lower-case type",
    bad: [gemini(geminiObject({ a: { type: "string" } }))],
    good: [gemini(geminiObject({ a: { type: "STRING" } }))],
  },
  {
    rule: "gemini/schema/type-array",
    dialect: "gemini",
    title: "a type array for a nullable",
    bad: [gemini(geminiObject({ a: { type: ["STRING", "NULL"] } }))],
    good: [gemini(geminiObject({ a: { type: "STRING", nullable: true } }))],
  },
  {
    rule: "gemini/schema/additional-properties",
    dialect: "gemini",
    title: "additionalProperties",
    bad: [gemini(geminiObject({ a: { type: "STRING" } }, { additionalProperties: false }))],
    good: [gemini(geminiObject({ a: { type: "STRING" } }))],
  },
  {
    rule: "gemini/schema/ref",
    dialect: "gemini",
    title: "$ref and $defs",
    bad: [gemini(geminiObject({ a: { $ref: "#/$defs/s" } }, { $defs: { s: { type: "STRING" } } }))],
    good: [gemini(geminiObject({ a: { type: "STRING" } }))],
  },
  {
    rule: "gemini/schema/const",
    dialect: "gemini",
    title: "const",
    bad: [gemini(geminiObject({ a: { type: "STRING", const: "x" } }))],
    good: [gemini(geminiObject({ a: { type: "STRING", enum: ["x"] } }))],
  },
  {
    rule: "gemini/schema/unknown-keyword",
    dialect: "gemini",
    title: "exclusiveMinimum",
    bad: [gemini(geminiObject({ a: { type: "NUMBER", exclusiveMinimum: 0 } }))],
    good: [gemini(geminiObject({ a: { type: "NUMBER", minimum: 0, format: "double" } }))],
  },
  {
    rule: "gemini/schema/unknown-keyword",
    dialect: "gemini",
    title: "$schema at the root (the SDK would move the schema)",
    bad: [
      gemini({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        ...geminiObject({ a: { type: "STRING" } }),
      }),
    ],
    good: [gemini({ title: "T", ...geminiObject({ a: { type: "STRING", example: "x", default: "y" } }) })],
  },
  {
    rule: "gemini/schema/enum",
    dialect: "gemini",
    title: "numeric enum values",
    bad: [gemini(geminiObject({ a: { type: "INTEGER", enum: [1, 2] } }))],
    good: [gemini(geminiObject({ a: { type: "INTEGER", format: "enum", enum: ["1", "2"] } }))],
  },
  {
    rule: "gemini/schema/any-of-with-type",
    dialect: "gemini",
    title: "type beside anyOf",
    bad: [gemini(geminiObject({ a: { type: "STRING", anyOf: [{ type: "STRING" }, { type: "NUMBER" }] } }))],
    good: [gemini(geminiObject({ a: { anyOf: [{ type: "STRING" }, { type: "NUMBER" }] } }))],
  },
  {
    rule: "gemini/schema/empty-object",
    dialect: "gemini",
    title: "a nested OBJECT without properties",
    bad: [gemini(geminiObject({ a: { type: "OBJECT" } }))],
    good: [gemini(geminiObject({ a: geminiObject({ b: { type: "STRING" } }) }))],
  },
  {
    rule: "gemini/schema/empty-object",
    dialect: "gemini",
    title: "an empty root for a tool without parameters",
    bad: [gemini({ type: "OBJECT", properties: {} })],
    good: [{ name: "t", description: "d" }],
  },
  {
    rule: "gemini/schema/array-items",
    dialect: "gemini",
    title: "an ARRAY without items",
    bad: [gemini(geminiObject({ a: { type: "ARRAY" } }))],
    good: [
      gemini(geminiObject({ a: { type: "ARRAY", items: { type: "STRING" }, minItems: "1", maxItems: 3 } })),
    ],
  },
  {
    rule: "gemini/schema/keyword-value",
    dialect: "gemini",
    title: "nullable as a string",
    bad: [gemini(geminiObject({ a: { type: "STRING", nullable: "yes" } }))],
    good: [gemini(geminiObject({ a: { type: "STRING", nullable: true } }))],
  },
  {
    rule: "gemini/schema/keyword-value",
    dialect: "gemini",
    title: "propertyOrdering names a missing property",
    bad: [gemini(geminiObject({ a: { type: "STRING" } }, { propertyOrdering: ["b", "a"] }))],
    good: [gemini(geminiObject({ a: { type: "STRING" } }, { propertyOrdering: ["a"] }))],
  },
  {
    rule: "gemini/schema/keyword-value",
    dialect: "gemini",
    title: "a boolean subschema",
    bad: [gemini(geminiObject({ a: true }))],
    good: [gemini(geminiObject({ a: { type: "BOOLEAN" } }))],
  },

  // MCP.
  {
    rule: "mcp/name",
    dialect: "mcp",
    title: "a slash in the name",
    bad: [mcp(object(), {}, "files/read")],
    good: [mcp(object(), {}, "files.read_v2-x")],
  },
  {
    rule: "mcp/name",
    dialect: "mcp",
    title: "129 characters",
    bad: [mcp(object(), {}, "a".repeat(129))],
    good: [mcp(object(), {}, "a".repeat(128))],
  },
  {
    rule: "mcp/title",
    dialect: "mcp",
    title: "a numeric title",
    bad: [mcp(object(), { title: 3 })],
    good: [mcp(object(), { title: "Read a file" })],
  },
  {
    rule: "mcp/annotations",
    dialect: "mcp",
    title: "a hint as a string",
    bad: [mcp(object(), { annotations: { readOnlyHint: "yes" } })],
    good: [mcp(object(), { annotations: { title: "R", readOnlyHint: true, destructiveHint: false } })],
  },
  {
    rule: "mcp/annotations",
    dialect: "mcp",
    title: "an unknown annotation",
    bad: [mcp(object(), { annotations: { readonly: true } })],
    good: [mcp(object(), { annotations: { idempotentHint: true, openWorldHint: false } })],
  },
  {
    rule: "mcp/property-not-object",
    dialect: "mcp",
    title: "a boolean property schema",
    bad: [mcp(withA(true))],
    good: [mcp(withA({}))],
  },
  {
    rule: "mcp/property-not-object",
    dialect: "mcp",
    title: "a boolean property schema in outputSchema",
    bad: [mcp(object(), { outputSchema: withA(true) })],
    good: [mcp(object(), { outputSchema: withA({ $ref: "#/$defs/s" }, DEFS) })],
  },
];

/** The distinct rule ids `checkDialect` reports for `tools`, sorted. */
function rulesOf(dialect: CheckedDialect, tools: unknown): string[] {
  return [...new Set(checkDialect(dialect, tools as unknown[]).map((violation) => violation.rule))].sort();
}

describe("checkDialect, rule by rule", () => {
  it.each(CASES)("$rule ($dialect): $title", ({ rule, dialect, bad, good, alsoBreaks = [] }) => {
    expect(rulesOf(dialect, bad)).toEqual([rule, ...alsoBreaks].sort());
    expect(checkDialect(dialect, good)).toEqual([]);
  });

  it("has a case for every rule", () => {
    const covered = new Set(CASES.map((entry) => entry.rule));
    const uncovered = Object.keys(RULES).filter(
      (rule) => rule !== "checker/internal-error" && !covered.has(rule as never),
    );
    expect(uncovered).toEqual([]);
  });
});

describe("checkDialect, strictness", () => {
  const loose = withA({
    oneOf: [
      { type: "string", default: "x", format: "uri" },
      { type: "integer", minimum: 0 },
    ],
  });

  it("holds tools that are not strict to basic validity only (OpenAI, Anthropic)", () => {
    expect(checkDialect("openai", [strictTool(loose, false)])).toEqual([]);
    expect(checkDialect("openai-responses", [strictTool(loose, false)])).toEqual([]);
    expect(checkDialect("anthropic", [strictTool({ ...loose, additionalProperties: true }, false)])).toEqual(
      [],
    );
  });

  it("holds the same tools to the strict subsets when strict", () => {
    expect(rulesOf("openai", [strictTool(loose)])).toEqual([
      "openai/strict/default",
      "openai/strict/format",
      "openai/strict/one-of",
    ]);
    expect(rulesOf("anthropic", [strictTool(loose)])).toEqual([
      "anthropic/strict/numeric-constraint",
      "anthropic/strict/one-of",
    ]);
  });

  it("leaves json-schema and MCP schemas to JSON Schema itself", () => {
    expect(checkDialect("json-schema", [plain({ ...loose, additionalProperties: STRING })])).toEqual([]);
    expect(checkDialect("mcp", [mcp({ ...loose, $defs: { s: STRING } })])).toEqual([]);
  });

  it("counts only strict tools toward Anthropic's request-wide budgets", () => {
    const loose30 = strictTool(optionals("x", 30).parameters, false, "x");
    expect(
      checkDialect("anthropic", [loose30, ...many(20, (name) => strictTool(object(), true, name))]),
    ).toEqual([]);
  });
});

describe("checkDialect, violations", () => {
  it("names the tool and the path inside the schema", () => {
    const parameters = object({
      guests: { type: "array", items: { type: "object", properties: { name: STRING } } },
    });
    const violations = checkDialect("openai", [strictTool(parameters, true, "book_table")]);
    expect(violations.map(({ rule, tool, path }) => ({ rule, tool, path }))).toEqual([
      { rule: "openai/strict/additional-properties", tool: "book_table", path: "/properties/guests/items" },
      { rule: "openai/strict/required-all", tool: "book_table", path: "/properties/guests/items" },
    ]);
    expect(violations[0]?.message).toContain(
      "'additionalProperties' is required to be supplied and to be false",
    );
  });

  it("escapes property names in paths and prefixes MCP output schema paths", () => {
    const violations = checkDialect("mcp", [mcp(object(), { outputSchema: object({ "a/b": true }) })]);
    expect(violations.map(({ rule, path }) => ({ rule, path }))).toEqual([
      { rule: "mcp/property-not-object", path: "outputSchema:/properties/a~1b" },
    ]);
  });

  it("names no tool for request-wide budgets, and lists the strict tools in the message", () => {
    const [violation, ...rest] = checkDialect(
      "anthropic",
      many(21, (name) => strictTool(object(), true, name)),
    );
    expect(rest).toEqual([]);
    expect(violation?.tool).toBeUndefined();
    expect(violation?.message).toContain("t0, t1");
  });

  it("labels a tool without a usable name by its index", () => {
    expect(
      checkDialect("json-schema", [plain(object()), { description: "d", parameters: object() }]),
    ).toEqual([expect.objectContaining({ rule: "tool/name-type", tool: "#1" })]);
  });
});

describe("checkDialect, malformed input", () => {
  const cyclic: Schema = { type: "object", properties: {} };
  (cyclic.properties as Schema).self = cyclic;
  const garbage: unknown[] = [
    null,
    1,
    "x",
    [],
    { name: 1, parameters: 2, inputSchema: "x", annotations: [] },
    { name: "t", parameters: { type: "object", properties: null, required: "a", anyOf: 3, items: [1] } },
    { name: "t", parameters: { type: "OBJECT", properties: [], enum: "x", anyOf: [], items: 7 } },
    { name: "t", parametersJsonSchema: { $ref: "#/%zz" } },
    { name: "t", parameters: cyclic },
    { name: "t", parameters: { type: "object", properties: { a: { type: "string", pattern: 5 } } } },
    { name: "t", parameters: new Map() },
    () => 1,
    Number.NaN,
  ];
  const dialects: CheckedDialect[] = [
    "json-schema",
    "openai",
    "openai-responses",
    "anthropic",
    "gemini",
    "mcp",
  ];

  it.each(dialects)("reports, and never throws, for %s", (dialect) => {
    const violations = checkDialect(dialect, garbage);
    expect(violations.length).toBeGreaterThan(garbage.length);
    expect(violations.map((violation) => violation.rule)).not.toContain("checker/internal-error");
    expect(
      checkDialect(dialect, undefined as unknown as unknown[]).map((violation) => violation.rule),
    ).toEqual(["tool/list"]);
  });
});

describe("checkDialect, a realistic tool in every dialect", () => {
  const guests = {
    type: "array",
    items: object({
      name: { type: "string", description: "Full name." },
      age: { type: ["integer", "null"] },
    }),
    minItems: 1,
  };
  const when = { type: "string", format: "date-time" };
  const table = object(
    { restaurant: { $ref: "#/$defs/id" }, when, guests },
    { $defs: { id: { type: "string" } } },
  );

  it("conforms", () => {
    const description = "Books a table.";
    expect(checkDialect("json-schema", [{ name: "book_table", description, parameters: table }])).toEqual([]);
    for (const dialect of ["openai", "openai-responses", "anthropic"] as const) {
      expect(
        checkDialect(dialect, [{ name: "book_table", description, parameters: table, strict: true }]),
      ).toEqual([]);
    }
    const annotations = {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    };
    const outputSchema = object({ confirmation: STRING });
    const tool = {
      name: "book_table",
      title: "Book a table",
      description,
      inputSchema: table,
      outputSchema,
      annotations,
    };
    expect(checkDialect("mcp", [tool])).toEqual([]);
    const geminiGuests = {
      type: "ARRAY",
      items: geminiObject({ name: { type: "STRING" }, age: { type: "INTEGER", nullable: true } }),
      minItems: "1",
    };
    const geminiTable = geminiObject(
      { restaurant: { type: "STRING" }, when: { type: "STRING", format: "date-time" }, guests: geminiGuests },
      { propertyOrdering: ["restaurant", "when", "guests"] },
    );
    expect(checkDialect("gemini", [{ name: "book_table", description, parameters: geminiTable }])).toEqual(
      [],
    );
    expect(
      checkDialect("gemini", [{ name: "book_table", description, parametersJsonSchema: table }]),
    ).toEqual([]);
  });
});
