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
    if (scopes !== undefined) {
      if (!Array.isArray(scopes)) return false;
      const held = scopes.length > 0 ? heldScopes(context) : new Set<string>();
      if (held === undefined) return false;
      for (const scope of scopes) if (typeof scope !== "string" || !held.has(scope)) return false;
    }
    return allow === undefined || allow(tool, context) === true;
  } catch {
    return false;
  }
}

/**
 * The caller's scopes, read by index (not through the array's own methods, which a caller may
 * have replaced); undefined, so none, unless `ctx.scopes` is an array of strings.
 */
function heldScopes(context: object | undefined): Set<string> | undefined {
  const held: unknown = (context as { scopes?: unknown } | undefined)?.scopes;
  if (!Array.isArray(held)) return undefined;
  const scopes = new Set<string>();
  for (let i = 0; i < held.length; i++) {
    const scope: unknown = held[i];
    if (typeof scope !== "string") return undefined;
    scopes.add(scope);
  }
  return scopes;
}

/** Both rules: a tool must pass each one given. */
export function bothRules(
  first: AllowRule | undefined,
  second: AllowRule | undefined,
): AllowRule | undefined {
  if (first === undefined || second === undefined) return first ?? second;
  return (tool, context) => first(tool, context) === true && second(tool, context) === true;
}
