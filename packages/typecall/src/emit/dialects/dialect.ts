/**
 * What a provider's dialect is made of. Each dialect is one module beside this one (`openai.ts`,
 * which holds Chat Completions and Responses as they share one strict mode, `anthropic.ts`,
 * `gemini.ts`, `mcp.ts`, `json-schema.ts`) that owns its rules: its tool names, how its strict mode writes a schema, what
 * that mode cannot express, and its limits. `run.ts` drives them all; `index.ts` lists them.
 *
 * Every dialect sends the canonical JSON Schema (2020-12) of a tool that it does not send strict:
 * only strict modes need a schema of their own.
 */
import type { DiagnosticCode } from "../../diagnostics/codes.ts";
import type { PropertyIR, ToolIR, TypeIR } from "../../ir/types.ts";
import type { Schema, SchemaRules } from "../schema.ts";

/** The name of a dialect, as `toolset.schemas(name)` takes it. */
export type DialectName = "json-schema" | "openai" | "openai-responses" | "anthropic" | "gemini" | "mcp";

/** A dialect with a strict mode, whose `strict` option can be set. */
export type StrictDialect = "openai" | "openai-responses" | "anthropic";

/**
 * Whether a tool is sent strict: `auto` when strict mode can express it (else non-strict, with a
 * warning), `always` (a tool it cannot express is an error), `never`.
 */
export type StrictMode = "auto" | "always" | "never";

/** A provider's rule for tool names. A name that breaks it is sent mapped, and dispatch takes both. */
export interface NameRule {
  /** A character allowed anywhere in a name. */
  readonly allowed: RegExp;
  /** A character allowed first, when fewer are. */
  readonly first?: RegExp;
  readonly maxLength: number;
  /** The rule in words, for messages: `letters, digits, _ and -, at most 64 characters`. */
  readonly words: string;
}

/** Something in a tool that a strict mode cannot express, and the parameter it is in. */
export interface Inexpressible {
  readonly parameter: PropertyIR | undefined;
  /** What it is, to follow "holds": `a value of any type`, `a recursive type`. */
  readonly what: string;
}

/** A strict mode: how it writes a schema, and what keeps a tool (or a whole request) out of it. */
export interface StrictSupport {
  /** The option key and wire field: `strict`. Printed in messages as the provider's mode. */
  readonly mode: string;
  readonly rules: SchemaRules;
  /** What in the tool this mode cannot express, encodings applied; none when it can. */
  inexpressible(tool: ToolIR, definitions: Readonly<Record<string, TypeIR>>): Inexpressible[];
  /** The limits of one tool's strict schema that `schema` breaks: the code, and what breaks it in words. */
  limits(schema: Schema): { readonly code: DiagnosticCode; readonly text: string }[];
  /**
   * The request-wide budgets that the strict tools of one module break together, each as what they
   * would hold and the limit: `21 strict tools (a request takes 20)`. `schemas` are their strict schemas.
   */
  budgets(schemas: readonly Schema[]): string[];
}

/** One provider's dialect. */
export interface Dialect {
  readonly name: DialectName;
  /** The provider as messages name it: `OpenAI`, `Anthropic`. */
  readonly provider: string;
  /** The provider's rule for tool names, when it has one. */
  readonly names?: NameRule;
  /** How many tools one request may carry, when the provider says. */
  readonly maxTools?: number;
  /** The longest description the provider takes, when it says. */
  readonly maxDescription?: number;
  /** The strict mode, for dialects that have one. */
  readonly strict?: StrictSupport;
}

/** Calls `visit` for every subschema of `schema` (itself included), with its depth in objects. */
export function walkSchema(
  schema: unknown,
  visit: (node: Schema, objects: number) => void,
  objects = 0,
): void {
  if (schema === null || typeof schema !== "object") return;
  if (Array.isArray(schema)) {
    for (const item of schema) walkSchema(item, visit, objects);
    return;
  }
  const node = schema as Schema;
  visit(node, objects);
  const inside = node.type === "object" ? objects + 1 : objects;
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" || key === "$defs") {
      for (const child of Object.values(value as Schema)) walkSchema(child, visit, inside);
    } else if (
      key === "items" ||
      key === "anyOf" ||
      key === "prefixItems" ||
      key === "additionalProperties"
    ) {
      walkSchema(value, visit, inside);
    }
  }
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
