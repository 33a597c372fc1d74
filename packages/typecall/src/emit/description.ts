import type { ToolIR } from "../ir/types.ts";

/** The JSDoc description, with `@example` blocks and the deprecation in words, so every provider shows them. */
export function toolDescription(tool: ToolIR): string {
  const parts = [tool.description, ...(tool.notes ?? [])];
  for (const example of tool.examples ?? []) parts.push(`Example:\n${example}`);
  if (tool.deprecated !== undefined)
    parts.push(tool.deprecated ? `Deprecated: ${tool.deprecated}` : "Deprecated.");
  return parts.filter(Boolean).join("\n\n");
}
