/** The dialects a generated module can carry: the one list, in output order. */
import { anthropic } from "./anthropic.ts";
import type { Dialect, DialectName, StrictDialect, StrictMode } from "./dialect.ts";
import { gemini } from "./gemini.ts";
import { jsonSchema } from "./json-schema.ts";
import { mcp } from "./mcp.ts";
import { openai, openaiResponses } from "./openai.ts";

export type { Dialect, DialectName, StrictDialect, StrictMode } from "./dialect.ts";

export const DIALECTS: readonly Dialect[] = [jsonSchema, openai, openaiResponses, anthropic, gemini, mcp];

/** Every dialect's name, in output order. */
export const DIALECT_NAMES: readonly DialectName[] = DIALECTS.map((d) => d.name);

/** The dialects that have a strict mode, whose `strict` option can be set. */
export const STRICT_DIALECTS: readonly StrictDialect[] = DIALECTS.filter((d) => d.strict).map(
  (d) => d.name as StrictDialect,
);

/** The values of a `strict` option. */
export const STRICT_MODES: readonly StrictMode[] = ["auto", "always", "never"];

/** Why `name` is not a dialect's name, or undefined when it is one. */
export function dialectProblem(name: string): string | undefined {
  if (DIALECT_NAMES.includes(name as DialectName)) return undefined;
  return `"${name}" is not a dialect; the dialects are ${DIALECT_NAMES.join(", ")}`;
}

/** Why `mode` cannot be the strict option of `dialect`, or undefined when it can. */
export function strictProblem(dialect: string, mode: unknown): string | undefined {
  if (!STRICT_DIALECTS.includes(dialect as StrictDialect))
    return `"${dialect}" has no strict mode; those that do are ${STRICT_DIALECTS.join(", ")}`;
  if (!STRICT_MODES.includes(mode as StrictMode))
    return `the strict mode of ${dialect} must be ${STRICT_MODES.join(", ")}, got ${JSON.stringify(mode)}`;
  return undefined;
}
