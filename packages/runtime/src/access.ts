/** Access control: which tools a caller may see and call (`@scope` tags and the `allow` option). */
import type { AllowRule } from "./options.ts";
import type { ToolDefinition } from "./types.ts";

/**
 * Whether the caller with `context` may see and call `tool`: every scope of the tool is in
 * `context.scopes`, and `allow` (when given) answers `true`. A context that cannot be read, scopes
 * that are not an array of strings, and a rule that throws hide the tool: access fails closed.
 */
export function mayUse(
  tool: ToolDefinition<never>,
  context: object | undefined,
  allow: AllowRule | undefined,
): boolean {
  try {
    const { scopes } = tool;
    if (scopes !== undefined && !holdsAll(context, scopes)) return false;
    return allow === undefined || allow(tool, context) === true;
  } catch {
    return false;
  }
}

/**
 * Whether `ctx.scopes` holds every one of `scopes`. It is read by index, not through the array's
 * own methods (which a caller may have replaced), and holds nothing unless it is an array of
 * strings. No allocation: this runs on each call to a tool with scopes.
 */
function holdsAll(context: object | undefined, scopes: readonly string[]): boolean {
  if (!Array.isArray(scopes)) return false;
  if (scopes.length === 0) return true;
  const held: unknown = (context as { scopes?: unknown } | undefined)?.scopes;
  if (!Array.isArray(held)) return false;
  for (let i = 0; i < held.length; i++) if (typeof held[i] !== "string") return false;
  for (const scope of scopes) {
    let found = false;
    for (let i = 0; i < held.length && !found; i++) found = held[i] === scope;
    if (typeof scope !== "string" || !found) return false;
  }
  return true;
}

/** Both rules: a tool must pass each one given. */
export function bothRules(
  first: AllowRule | undefined,
  second: AllowRule | undefined,
): AllowRule | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return (tool, context) => first(tool, context) === true && second(tool, context) === true;
}
