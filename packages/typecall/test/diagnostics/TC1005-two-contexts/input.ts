import type { ToolContext } from "@typecall/runtime";

/** Reads two contexts. */
export function who(a: ToolContext<{ user: string }>, b: ToolContext<{ tenant: string }>): string {
  return a.user + b.tenant;
}
