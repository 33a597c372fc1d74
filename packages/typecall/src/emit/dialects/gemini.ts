/**
 * Google Gemini function declarations. The runtime sends `parameters` in the OpenAPI subset when the
 * schema has an exact spelling there, else `parametersJsonSchema`, so no construct is lost. Rules
 * and sources: research/provider-rules.md, section 4.
 */
import type { Dialect } from "./dialect.ts";

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
