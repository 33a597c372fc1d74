/** Access control: which tools a caller may see and call (`@scope` tags and the `allow` option). */
import type { AllowRule } from "./options.ts";
import type { ToolDefinition } from "./types.ts";

/**
 * Whether the caller with `context` may see and call `tool`: every scope of the tool is in
 * `context.scopes`, and `allow` (when given) answers `true`. A context that cannot be read, and a
 * rule that throws, hide the tool: access fails closed.
 */
export function mayUse(
  tool: ToolDefinition<never>,
  context: object | undefined,
  allow: AllowRule | undefined,
): boolean {
  try {
    const { scopes } = tool;
    if (scopes !== undefined && scopes.length > 0) {
      const held = (context as { scopes?: unknown } | undefined)?.scopes;
      if (!Array.isArray(held)) return false;
      for (const scope of scopes) if (!held.includes(scope)) return false;
    }
    return allow === undefined || allow(tool, context) === true;
  } catch {
    return false;
  }
}
