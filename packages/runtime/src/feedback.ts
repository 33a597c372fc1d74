/**
 * The `content` of outcomes: what the model reads after a call. Failures say what was wrong and
 * what to do next, precisely enough for the model to correct itself on the next turn.
 */

import { formatIssue } from "./issues.ts";
import { isLowSurrogate, kindOf, safeStringify, truncate } from "./json.ts";
import type { Issue } from "./outcome.ts";

/** `content` of a call whose tool returned `undefined` (a `void` function). */
export const DONE = "Done.";

const MAX_LISTED_ISSUES = 20;
const EXCERPT_RADIUS = 24;

/**
 * A tool's result as text: a string as is, `undefined` as {@link DONE}, anything else as compact JSON
 * (bigints as strings). A value JSON cannot hold (a cycle) is described instead.
 */
export function resultContent(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return DONE;
  try {
    // The common case: plain JSON data. BigInts and cycles throw, and take the careful path.
    const fast = JSON.stringify(value);
    if (fast !== undefined) return fast;
  } catch {}
  const json = safeStringify(value);
  if (json !== undefined) return json;
  return `The tool returned a value that cannot be shown as JSON (${typeof value}).`;
}

/** The `content` of a successful call: its value as text ({@link resultContent}), cut to `max` characters. */
export function valueContent(value: unknown, max: number): string {
  return capContent(resultContent(value), max);
}

/** Cuts `content` to `max` characters, the note about the cut included. */
export function capContent(content: string, max: number): string {
  if (content.length <= max) return content;
  const note = `\n[truncated: showing the first characters of ${content.length}]`;
  let end = Math.max(0, max - note.length);
  if (isLowSurrogate(content.charCodeAt(end))) end--;
  return `${content.slice(0, end)}${note}`;
}

/** A name as content shows it: a model may send megabytes where a name goes. */
export function truncatedName(name: string): string {
  return truncate(name, 100);
}

/** For a call to a tool that does not exist. */
export function unknownToolContent(name: string, available: readonly string[], suggestion?: string): string {
  const lines = [`There is no tool named ${JSON.stringify(truncatedName(name))}.`];
  if (suggestion !== undefined) lines.push(`Did you mean "${suggestion}"?`);
  // A caller may see no tool at all (every tool behind a scope it lacks).
  if (available.length === 0) lines.push("No tools are available.");
  else lines.push(`Available tools: ${available.join(", ")}.`, "Call one of these by its exact name.");
  return lines.join("\n");
}

/** For argument text that is not JSON, even after repairs. */
export function invalidJsonContent(name: string, message: string, position: number, text: string): string {
  const from = Math.max(0, position - EXCERPT_RADIUS);
  const excerpt = text.slice(from, position + EXCERPT_RADIUS).replace(/\s+/g, " ");
  return [
    `The arguments for tool "${name}" are not valid JSON: ${message} at position ${position}` +
      (excerpt === "" ? "." : `, near ${JSON.stringify(`${from > 0 ? "…" : ""}${excerpt}`)}.`),
    `Nothing was run. Send the arguments as one JSON object, with double-quoted keys and strings, and call "${name}" again.`,
  ].join("\n");
}

/** For arguments the validator rejected, one line per issue; `total` counts the issues not kept too. */
export function invalidArgumentsContent(
  name: string,
  issues: readonly Issue[],
  total: number = issues.length,
): string {
  const lines = [`Invalid arguments for tool "${name}":`];
  for (const issue of issues.slice(0, MAX_LISTED_ISSUES)) lines.push(`- ${formatIssue(issue)}`);
  if (total > MAX_LISTED_ISSUES) lines.push(`- … and ${total - MAX_LISTED_ISSUES} more`);
  lines.push(`Correct these arguments and call "${name}" again.`);
  return lines.join("\n");
}

/** For a call that ran out of time. */
export function timeoutContent(name: string, timeoutMs: number): string {
  return `The tool "${name}" did not finish within ${timeoutMs} ms and was cancelled. It may have had partial effects.`;
}

/** For a call cancelled by the application. */
export function cancelledContent(name: string): string {
  return `The call to tool "${name}" was cancelled before it finished.`;
}

/** For a tool that threw: its message only, never a stack trace. */
export function executionErrorContent(name: string, message: string): string {
  return `The tool "${name}" failed with an error: ${message}\nThe call did not complete.`;
}

/** No masking: the text as it is. */
export function unmasked(text: string): string {
  return text;
}

/**
 * The message of anything a tool may throw or reject with: an `Error`, a string, an object with a
 * `message`, any value; never throwing itself, whatever getters, Proxies or Symbols it meets.
 */
export function thrownMessage(thrown: unknown, mask: (text: string) => string = unmasked): string {
  try {
    if (typeof thrown === "string") return thrown || "(empty error)";
    if (typeof thrown === "symbol") return thrown.toString();
    if (typeof thrown !== "object" && typeof thrown !== "function") return String(thrown);
    if (typeof thrown === "object" && thrown !== null) {
      const { message, name } = thrown as { message?: unknown; name?: unknown };
      if (typeof message === "string" && message !== "") return message;
      if (thrown instanceof Error && typeof name === "string" && name !== "") return name;
    }
    const json = safeStringify(thrown);
    // Masked before it is cut: a secret cut in two would no longer be found.
    if (json !== undefined) return truncate(mask(json), 200);
  } catch {
    // A getter that throws, a revoked Proxy: describe the kind of value instead.
  }
  return `a value of type ${kindOf(thrown)} that cannot be shown`;
}

/** For a call object that cannot be used: what is wrong with it. */
export function invalidCallContent(reason: string): string {
  return `The tool call could not be read: ${reason}. Nothing was run.`;
}

/** For arguments past a documented limit. */
export function limitContent(name: string, what: string): string {
  return `The arguments for tool "${name}" ${what}. Nothing was run. Send smaller arguments and call "${name}" again.`;
}
