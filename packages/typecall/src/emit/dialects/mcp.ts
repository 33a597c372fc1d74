/**
 * MCP tools: the canonical schema as `inputSchema`, and the runtime gives the object-rooted
 * `outputSchema`, `title` and `annotations` (protocol 2025-11-25, as the TypeScript SDK 1.x speaks
 * it). Rules and sources: research/provider-rules.md, section 5.
 */
import type { Dialect } from "./dialect.ts";

export const mcp: Dialect = {
  name: "mcp",
  provider: "MCP",
  names: {
    allowed: /[A-Za-z0-9_.-]/,
    maxLength: 128,
    words: "letters, digits, _ . and -, at most 128 characters",
  },
};
