/**
 * Anthropic Messages tools: `{ name, description, input_schema, strict }`. Strict tool use compiles
 * the schemas of a request into one grammar, so besides a narrower subset it has budgets summed
 * over the strict tools of a request, and no recursion. Rules and sources:
 * research/provider-rules.md, section 3.
 */
import type { Schema, SchemaRules } from "../schema.ts";
import { closedInexpressible } from "./closed.ts";
import { type Dialect, walkSchema } from "./dialect.ts";

const FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "uri",
  "ipv4",
  "ipv6",
  "uuid",
]);

/** Keywords strict tool use rejects (numeric and length bounds, array constraints), or does not list. */
const REJECTED = new Set([
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "maxItems",
  "uniqueItems",
  "examples",
  "deprecated",
]);

/** Regular expression features outside the subset strict tool use compiles. */
const UNSUPPORTED_PATTERN = /\\[1-9bBk]|\(\?<?[=!]|\{\d{4,}|\{\d*,\d{4,}\}/;

const RULES: SchemaRules = {
  allRequired: false,
  encode: true,
  rejects: (key, value) =>
    REJECTED.has(key) ||
    (key === "minItems" && (value as number) > 1) ||
    (key === "format" && !FORMATS.has(value as string)) ||
    (key === "pattern" && UNSUPPORTED_PATTERN.test(value as string)),
  bareRefs: true,
};

const MAX_STRICT_TOOLS = 20;
const MAX_OPTIONAL = 24;
const MAX_UNIONS = 16;

export const anthropic: Dialect = {
  name: "anthropic",
  provider: "Anthropic",
  names: {
    allowed: /[A-Za-z0-9_-]/,
    maxLength: 128,
    words: "letters, digits, _ and -, at most 128 characters",
  },
  strict: {
    mode: "strict tool use",
    rules: RULES,
    inexpressible: (tool, definitions) => closedInexpressible(tool, definitions, false),
    limits: () => [],
    budgets(schemas) {
      let optional = 0;
      let unions = 0;
      for (const schema of schemas) {
        walkSchema(schema, (node) => {
          if (!node.properties) return;
          const required = new Set((node.required as string[] | undefined) ?? []);
          for (const [key, property] of Object.entries(node.properties as Record<string, Schema>)) {
            if (!required.has(key)) optional++;
            if (property.anyOf || Array.isArray(property.type)) unions++;
          }
        });
      }
      return [
        ...(schemas.length > MAX_STRICT_TOOLS
          ? [`${schemas.length} strict tools (a request takes ${MAX_STRICT_TOOLS})`]
          : []),
        ...(optional > MAX_OPTIONAL
          ? [`${optional} optional parameters (a request takes ${MAX_OPTIONAL})`]
          : []),
        ...(unions > MAX_UNIONS
          ? [`${unions} parameters with anyOf or a type array (a request takes ${MAX_UNIONS})`]
          : []),
      ];
    },
  },
};
