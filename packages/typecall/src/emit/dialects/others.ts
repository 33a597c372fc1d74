/**
 * The dialects without a strict mode of their own: each sends the canonical schema, and the runtime
 * puts it in the provider's shape (`@typecall/runtime`, `toolset.schemas`). Rules and sources:
 * research/provider-rules.md, sections 4 and 5.
 */
import type { Dialect } from "./dialect.ts";

/** JSON Schema 2020-12, the canonical form: every other dialect starts from it. */
export const jsonSchema: Dialect = { name: "json-schema", provider: "JSON Schema" };

/**
 * Google Gemini function declarations. The runtime sends `parameters` in the OpenAPI subset when the
 * schema has an exact spelling there, else `parametersJsonSchema`, so no construct is lost.
 */
export const gemini: Dialect = {
  name: "gemini",
  provider: "Gemini",
  names: {
    allowed: /[A-Za-z0-9_.:-]/,
    first: /[A-Za-z_]/,
    maxLength: 64,
    words: "a letter or _ first, then letters, digits, _ . : and -, at most 64 characters",
  },
  // Vertex AI's documented limit; the Gemini API's is not published.
  maxTools: 128,
};

/** MCP tools (protocol 2025-11-25): `inputSchema` and `outputSchema` with object roots. */
export const mcp: Dialect = {
  name: "mcp",
  provider: "MCP",
  names: {
    allowed: /[A-Za-z0-9_.-]/,
    maxLength: 128,
    words: "letters, digits, _ . and -, at most 128 characters",
  },
};
