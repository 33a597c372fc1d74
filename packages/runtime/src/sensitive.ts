/** Sensitive paths (`@sensitive`), as dispatch reads them before any secret is known. */

/** What a masked value reads as. */
export const REDACTED = "[redacted]";

/** A path of property names, `*` for every item or value (see `ToolDefinition.sensitive`). */
export type SensitivePath = readonly string[];

/** Whether a tool's calls may hold sensitive values (`@sensitive` in its arguments or its result). */
export function hasSensitive(tool: {
  readonly sensitive?: readonly SensitivePath[] | undefined;
  readonly sensitiveResult?: readonly SensitivePath[] | undefined;
}): boolean {
  return tool.sensitive !== undefined || tool.sensitiveResult !== undefined;
}

/**
 * Whether an issue at `path` (a validator path: `cards[0].cvc`, `$`) touches a sensitive path: at
 * it, below it, or above it (an issue on an object shows a preview of what it holds, cut short,
 * which masking by value cannot catch).
 */
export function touchesSensitive(path: string, sensitive: readonly SensitivePath[]): boolean {
  const steps = stepsOf(path);
  if (steps === undefined) return true;
  return sensitive.some((pattern) => {
    const shared = Math.min(pattern.length, steps.length);
    for (let i = 0; i < shared; i++) if (pattern[i] !== "*" && pattern[i] !== steps[i]) return false;
    return true;
  });
}

/** The steps of a validator path (`a.b[0]["odd key"]` is `a`, `b`, `0`, `odd key`); undefined if it cannot be read. */
function stepsOf(path: string): string[] | undefined {
  if (path === "$" || path === "") return [];
  const steps: string[] = [];
  const step = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  while (step.lastIndex < path.length) {
    const at = step.lastIndex;
    const match = step.exec(path);
    if (match === null || step.lastIndex === at) return undefined;
    steps.push(match[1] ?? match[2] ?? (JSON.parse(match[3] as string) as string));
  }
  return steps;
}
