/** The dialects a generated module can carry: the one list, in output order. */
import { anthropic } from "./anthropic.ts";
import type { Dialect, DialectName, StrictDialect } from "./dialect.ts";
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
