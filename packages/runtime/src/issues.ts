/**
 * Turns a generated validator's errors (typia's `{ path: "$input.a[0]", expected, value }`) into
 * issues a model can act on: paths from the arguments object, type names without typia's
 * `__type.o3` placeholders, and a short description of what was received.
 */
import { safeStringify, truncate } from "./json.ts";
import type { Issue } from "./outcome.ts";
import type { ValidatorError } from "./types.ts";

/** `received` of an issue whose value is absent. */
export const MISSING = "missing";

const PREVIEW_LENGTH = 40;

/** One issue per validator error, in report order, without exact duplicates. */
export function toIssues(errors: readonly ValidatorError[]): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors) {
    const issue: Issue = {
      path: readablePath(error.path),
      expected: readableExpected(error.expected),
      received: error.value === undefined ? MISSING : describeValue(error.value),
    };
    const key = `${issue.path}\u0000${issue.expected}\u0000${issue.received}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/** `$input.guests[0].email` becomes `guests[0].email`; `$input` itself becomes `$`. */
export function readablePath(path: string): string {
  if (!path.startsWith("$input")) return path;
  const rest = path.slice("$input".length);
  if (rest === "") return "$";
  return rest.startsWith(".") ? rest.slice(1) : rest;
}

/**
 * typia's expected-type text made readable: anonymous object types (`__type`, `__type.o5`) read
 * `object`, tags read as a parenthesis (`string & Format<"email">` is `string (format: email)`), a
 * wrapping parenthesis and an `undefined` member (the property is optional) are dropped.
 */
export function readableExpected(expected: string): string {
  let text = expected.replace(/__type(?:\.o\d+)?/g, "object");
  text = text.replace(/(?: & [A-Z]\w*<(?:"[^"]*"|[^<>"])*>)+/g, (tags) => ` (${readableTags(tags)})`);
  text = unwrap(text);
  const members = splitTopLevel(text, " | ");
  const defined = members.filter((member) => member !== "undefined");
  return defined.length > 0 && defined.length < members.length ? defined.map(unwrap).join(" | ") : text;
}

function readableTags(tags: string): string {
  const parts: string[] = [];
  for (const match of tags.matchAll(/ & ([A-Z]\w*)<((?:"[^"]*"|[^<>"])*)>/g)) {
    const [, tag = "", argument = ""] = match;
    const value = /^"[^"]*"$/.test(argument) ? argument.slice(1, -1) : argument;
    parts.push(`${tag[0]?.toLowerCase()}${tag.slice(1)}: ${value}`);
  }
  return parts.join(", ");
}

/** Drops one pair of parentheses that wraps the whole text (not `(a) | (b)`). */
function unwrap(text: string): string {
  if (!text.startsWith("(") || !text.endsWith(")")) return text;
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    if (depth === 0) return text;
  }
  return text.slice(1, -1);
}

/** Splits on `separator` outside brackets and string literals. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"' && text[i - 1] !== "\\") quoted = !quoted;
    if (quoted) continue;
    if (char === "(" || char === "<" || char === "[" || char === "{") depth++;
    else if (char === ")" || char === ">" || char === "]" || char === "}") depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A short description of a value: its JSON type and a compact, truncated JSON preview. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return MISSING;
  const type = Array.isArray(value) ? "array" : typeof value;
  if (type === "number" || type === "boolean" || type === "bigint") return `${type} ${String(value)}`;
  if (type === "function" || type === "symbol") return type;
  const preview = safeStringify(value);
  return preview === undefined ? type : `${type} ${truncate(preview, PREVIEW_LENGTH)}`;
}

/** One line of the invalid-arguments feedback. */
export function formatIssue(issue: Issue): string {
  if (issue.received === MISSING) return `${issue.path}: required ${issue.expected} is missing`;
  if (issue.expected === "undefined")
    return `${issue.path}: unknown property, remove it (received ${issue.received})`;
  return `${issue.path}: expected ${issue.expected}, received ${issue.received}`;
}
