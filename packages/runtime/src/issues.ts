/**
 * Turns a generated validator's errors into issues a model can act on. The compiler already wrote
 * the final path (`guests[0].email`) and expected text (`integer (at least 1)`); this adds a short
 * description of what was received and drops exact duplicates.
 */
import { safeStringify, truncate } from "./json.ts";
import type { Issue } from "./outcome.ts";
import type { ValidatorError } from "./types.ts";

/** `received` of an issue whose value is absent. */
export const MISSING = "missing";

const PREVIEW_LENGTH = 40;

/** Issues kept per outcome: a model acts on the first ones, and 100,000 unknown keys make no better feedback. */
export const MAX_ISSUES = 100;

/** One issue per validator error, in report order, without exact duplicates, at most {@link MAX_ISSUES}. */
export function toIssues(errors: readonly ValidatorError[], mask?: (text: string) => string): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors) {
    if (issues.length === MAX_ISSUES) break;
    const issue: Issue = {
      path: error.path,
      expected: error.expected,
      received: error.value === undefined ? MISSING : describeValue(error.value, mask),
    };
    const key = `${issue.path}\u0000${issue.expected}\u0000${issue.received}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/** A short description of a value: its JSON type and a compact, truncated JSON preview. */
export function describeValue(value: unknown, mask: (text: string) => string = (text) => text): string {
  if (value === null) return "null";
  if (value === undefined) return MISSING;
  const type = Array.isArray(value) ? "array" : typeof value;
  if (type === "number" || type === "boolean" || type === "bigint") return `${type} ${String(value)}`;
  if (type === "function" || type === "symbol") return type;
  const preview = safeStringify(value);
  // Masked before it is cut: a secret cut in two would no longer be found.
  return preview === undefined ? type : `${type} ${truncate(mask(preview), PREVIEW_LENGTH)}`;
}

/** One line of the invalid-arguments feedback. */
export function formatIssue(issue: Issue): string {
  if (issue.received === MISSING) return `${issue.path}: required ${issue.expected} is missing`;
  if (issue.expected === "undefined")
    return `${issue.path}: unknown property, remove it (received ${issue.received})`;
  return `${issue.path}: expected ${issue.expected}, received ${issue.received}`;
}
