/**
 * OpenAI: Chat Completions function tools and Responses function tools. Both take the same schema
 * subset in strict mode (structured outputs), and the same names; Responses also turns a tool
 * without `strict` into a strict one, so the runtime always states it. Rules and sources:
 * research/provider-rules.md, sections 1 and 2.
 */
import type { DiagnosticCode } from "../../diagnostics/codes.ts";
import type { Schema, SchemaRules } from "../schema.ts";
import { closedInexpressible } from "./closed.ts";
import { type Dialect, type NameRule, type StrictSupport, walkSchema } from "./dialect.ts";

/** The string formats strict mode takes; any other is said in the description. */
const FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
]);

/** Keywords strict mode rejects (or, for string lengths, is not known to take): said in words. */
const REJECTED = new Set(["default", "deprecated", "examples", "minLength", "maxLength", "uniqueItems"]);

const RULES: SchemaRules = {
  allRequired: true,
  encode: true,
  rejects: (key, value) => REJECTED.has(key) || (key === "format" && !FORMATS.has(value as string)),
  bareRefs: true,
};

const MAX_DEPTH = 10;
const MAX_PROPERTIES = 5000;
const MAX_ENUM_VALUES = 1000;
/** Property names, definition names, enum and const values together, in characters. */
const MAX_TEXT = 120_000;

const STRICT: StrictSupport = {
  mode: "strict mode",
  rules: RULES,
  inexpressible: (tool, definitions) => closedInexpressible(tool, definitions, true),
  limits(schema) {
    let depth = 0;
    let properties = 0;
    let enumValues = 0;
    let text = 0;
    walkSchema(schema, (node, objects) => {
      depth = Math.max(depth, objects + (node.type === "object" ? 1 : 0));
      if (node.properties) {
        const keys = Object.keys(node.properties as Schema);
        properties += keys.length;
        text += keys.join("").length;
      }
      if (node.$defs) text += Object.keys(node.$defs as Schema).join("").length;
      if (Array.isArray(node.enum)) {
        enumValues += node.enum.length;
        text += node.enum.map((v) => String(v)).join("").length;
      }
    });
    const broken: { code: DiagnosticCode; text: string }[] = [];
    if (depth > MAX_DEPTH)
      broken.push({
        code: "TC3004",
        text: `it nests objects ${depth} levels deep; the mode takes ${MAX_DEPTH}`,
      });
    if (properties > MAX_PROPERTIES)
      broken.push({
        code: "TC3005",
        text: `it has ${properties} properties; the mode takes ${MAX_PROPERTIES}`,
      });
    if (text > MAX_TEXT)
      broken.push({
        code: "TC3005",
        text: `its names and enum values add up to ${text} characters; the mode takes ${MAX_TEXT}`,
      });
    if (enumValues > MAX_ENUM_VALUES)
      broken.push({
        code: "TC3006",
        text: `it has ${enumValues} enum values; the mode takes ${MAX_ENUM_VALUES}`,
      });
    return broken;
  },
  budgets: () => [],
};

const NAMES: NameRule = {
  allowed: /[A-Za-z0-9_-]/,
  maxLength: 64,
  words: "letters, digits, _ and -, at most 64 characters",
};

/** OpenAI Chat Completions: `{ type: "function", function: { name, description, parameters, strict } }`. */
export const openai: Dialect = {
  name: "openai",
  provider: "OpenAI",
  names: NAMES,
  maxTools: 128,
  // Enforced in 2025, reported lifted since; kept, as a warning, to be safe.
  maxDescription: 1024,
  strict: STRICT,
};

/** OpenAI Responses: `{ type: "function", name, description, parameters, strict }`. */
export const openaiResponses: Dialect = {
  name: "openai-responses",
  provider: "OpenAI Responses",
  names: NAMES,
  maxTools: 128,
  maxDescription: 1024,
  strict: STRICT,
};
