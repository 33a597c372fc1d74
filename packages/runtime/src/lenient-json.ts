/**
 * Lenient parsing of the argument strings models produce. Valid JSON always goes through
 * `JSON.parse` untouched; only text `JSON.parse` rejects is rewritten by one scanner that undoes
 * the usual slips: markdown fences, prose around the object, trailing commas, comments, Python
 * literals, single quotes, unquoted keys, raw control characters in strings, and output cut off
 * mid-way (open strings and brackets are closed, a dangling property dropped).
 */

/** What {@link parseArguments} returns. */
export type ParseResult =
  | { readonly ok: true; readonly value: unknown; readonly repaired: boolean }
  | { readonly ok: false; readonly message: string; readonly position: number };

/**
 * Parses a tool call's argument text. An empty or blank text is `{}` (models send it for tools
 * without parameters). On failure, `message` is the parser's complaint and `position` the offset in
 * `text` where the input stopped making sense.
 */
export function parseArguments(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text), repaired: false };
  } catch (error) {
    // Checked only after JSON.parse fails: the valid case must not pay for a trim.
    if (text.trim() === "") return { ok: true, value: {}, repaired: false };
    const repair = repairJson(text);
    if (repair.ok) {
      try {
        return { ok: true, value: JSON.parse(repair.text), repaired: true };
      } catch {
        // The scanner passes some tokens through unchecked (numbers, \u escapes): report the original error.
      }
    }
    const native = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(native);
    const position = match ? Number(match[1]) : repair.ok ? text.length : repair.position;
    // Engines echo the whole input in some messages; the caller shows an excerpt of its own.
    const message = native.replace(/, .*is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
    return { ok: false, message, position };
  }
}

type Repair =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly position: number };

interface Frame {
  readonly kind: "{" | "[";
  /** key: before a key or `}`; colon: after a key; value: after `:` or `[` / `,` in an array; next: after a value. */
  state: "key" | "colon" | "value" | "next";
  /** Output length before the current key, to drop a property cut off before its value. */
  mark: number;
}

interface Scan {
  readonly text: string;
  readonly end: number;
  i: number;
  out: string;
  readonly stack: Frame[];
  done: boolean;
}

// A Map, not an object literal: a bare word like `constructor` must not find a prototype member.
const LITERALS: ReadonlyMap<string, string> = new Map([
  ["true", "true"],
  ["false", "false"],
  ["null", "null"],
  ["True", "true"],
  ["False", "false"],
  ["None", "null"],
]);

/** Rewrites almost-JSON into JSON, or says where it gave up. */
export function repairJson(text: string): Repair {
  const [start, end] = locatePayload(text);
  const scan: Scan = { text, end, i: start, out: "", stack: [], done: false };
  while (!scan.done && scan.i < scan.end) {
    if (!step(scan)) return { ok: false, position: scan.i };
  }
  if (scan.out === "") return { ok: false, position: scan.i };
  closeTruncated(scan);
  return { ok: true, text: scan.out };
}

/** The span to scan: inside a markdown fence if there is one, from the first brace (else bracket) on. */
function locatePayload(text: string): [number, number] {
  let start = 0;
  let end = text.length;
  const fence = text.indexOf("```");
  if (fence >= 0) {
    const lineEnd = text.indexOf("\n", fence);
    start = lineEnd < 0 ? fence + 3 : lineEnd + 1;
    const close = text.indexOf("```", start);
    if (close >= 0) end = close;
  }
  const brace = text.indexOf("{", start);
  const first = brace >= 0 && brace < end ? brace : text.indexOf("[", start);
  return [first >= 0 && first < end ? first : start, end];
}

function step(scan: Scan): boolean {
  const char = scan.text[scan.i] as string;
  if (/\s/.test(char)) {
    scan.i++;
    return true;
  }
  if (char === "/" && skipComment(scan)) return true;
  if (char === '"' || char === "'") return onKeyOrValue(scan, readString(scan, char));
  if (char === "{" || char === "[") return onOpen(scan, char);
  if (char === "}" || char === "]") return onClose(scan, char);
  if (char === ":") return onPunctuation(scan, "colon", "value", ":");
  if (char === ",") {
    const frame = scan.stack.at(-1);
    return onPunctuation(scan, "next", frame?.kind === "{" ? "key" : "value", ",");
  }
  if (/[A-Za-z_$]/.test(char)) return onWord(scan);
  if (/[-+\d.]/.test(char)) return onNumber(scan);
  return false;
}

function skipComment(scan: Scan): boolean {
  const next = scan.text[scan.i + 1];
  if (next !== "/" && next !== "*") return false;
  const close = next === "/" ? "\n" : "*/";
  const found = scan.text.indexOf(close, scan.i + 2);
  scan.i = found < 0 || found >= scan.end ? scan.end : found + close.length;
  return true;
}

const JSON_ESCAPES = '"\\/bfnrtu';

/**
 * Reads a single- or double-quoted string at `scan.i` (unclosed: up to the end) and returns it as
 * a JSON string literal.
 */
function readString(scan: Scan, quote: string): string {
  let body = "";
  let i = scan.i + 1;
  while (i < scan.end && scan.text[i] !== quote) {
    const char = scan.text[i] as string;
    if (char === "\\") {
      const [literal, width] = escapeAt(scan, i);
      body += literal;
      i += width;
      continue;
    }
    body += char === '"' ? '\\"' : char < " " ? escapeControl(char) : char;
    i++;
  }
  scan.i = i + 1;
  return `"${body}"`;
}

/** The JSON form of the backslash escape at `i`, and how many characters it spans. */
function escapeAt(scan: Scan, i: number): [string, number] {
  const next = i + 1 < scan.end ? scan.text[i + 1] : undefined;
  // A backslash cut off at the end of the text.
  if (next === undefined) return ["", 1];
  // \' is not a JSON escape, but models write it in single-quoted strings.
  if (next === "'") return ["'", 2];
  if (JSON_ESCAPES.includes(next)) return [`\\${next}`, 2];
  // Any other backslash stands for itself.
  return ["\\\\", 1];
}

function escapeControl(char: string): string {
  if (char === "\n") return "\\n";
  if (char === "\r") return "\\r";
  if (char === "\t") return "\\t";
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** A string (or bare word) is a key where the object expects one, else a value. */
function onKeyOrValue(scan: Scan, literal: string): boolean {
  const frame = scan.stack.at(-1);
  if (frame?.kind !== "{" || frame.state !== "key") return emitValue(scan, literal);
  frame.mark = scan.out.length;
  scan.out += literal;
  frame.state = "colon";
  return true;
}

function canStartValue(scan: Scan): boolean {
  const frame = scan.stack.at(-1);
  return frame ? frame.state === "value" : scan.out === "";
}

function onOpen(scan: Scan, char: "{" | "["): boolean {
  if (!canStartValue(scan)) return false;
  const parent = scan.stack.at(-1);
  // Once open, the nested value counts as given: truncation closes it rather than dropping it.
  if (parent) parent.state = "next";
  scan.stack.push({ kind: char, state: char === "{" ? "key" : "value", mark: scan.out.length });
  scan.out += char;
  scan.i++;
  return true;
}

function onClose(scan: Scan, char: "}" | "]"): boolean {
  const frame = scan.stack.at(-1);
  if (!frame || frame.kind !== (char === "}" ? "{" : "[")) return false;
  if (frame.state === "colon" || (frame.state === "value" && frame.kind === "{")) return false;
  // A trailing comma before the bracket.
  if (scan.out.endsWith(",")) scan.out = scan.out.slice(0, -1);
  scan.stack.pop();
  scan.out += char;
  scan.i++;
  return completeValue(scan);
}

function onPunctuation(scan: Scan, expected: Frame["state"], next: Frame["state"], char: string): boolean {
  const frame = scan.stack.at(-1);
  if (!frame || frame.state !== expected) return false;
  scan.out += char;
  frame.state = next;
  scan.i++;
  return true;
}

/** A bare word: an unquoted key, a JSON or Python literal, or a literal cut off at the end. */
function onWord(scan: Scan): boolean {
  const word = (/^[A-Za-z_$][\w$]*/.exec(scan.text.slice(scan.i, scan.end)) as RegExpExecArray)[0];
  const frame = scan.stack.at(-1);
  const atEnd = scan.i + word.length >= scan.end;
  const isKey = frame?.kind === "{" && frame.state === "key";
  const literal = isKey
    ? JSON.stringify(word)
    : (LITERALS.get(word) ?? (atEnd ? completeLiteral(word) : undefined));
  // Unknown bare value (`Paris`): leave `scan.i` on it so the failure points at the word.
  if (literal === undefined) return false;
  scan.i += word.length;
  return onKeyOrValue(scan, literal);
}

/** A literal cut off by truncation (`tru`, `nul`). */
function completeLiteral(word: string): string | undefined {
  return ["true", "false", "null"].find((literal) => literal.startsWith(word));
}

function onNumber(scan: Scan): boolean {
  let token = (/^[-+]?[\d.]*(?:[eE][-+]?\d*)?/.exec(scan.text.slice(scan.i, scan.end)) as RegExpExecArray)[0];
  scan.i += token.length;
  // Cut off mid-number ("1.", "2e"): keep the digits that made it.
  if (scan.i >= scan.end) token = token.replace(/[-+.eE]+$/, "");
  if (token.startsWith("+")) token = token.slice(1);
  // Nothing left of a number cut off at the end: the property is dropped like any dangling one.
  if (token === "") return scan.i >= scan.end;
  return emitValue(scan, token);
}

function emitValue(scan: Scan, literal: string): boolean {
  if (!canStartValue(scan)) return false;
  scan.out += literal;
  return completeValue(scan);
}

function completeValue(scan: Scan): boolean {
  const frame = scan.stack.at(-1);
  if (frame) frame.state = "next";
  // The top-level value is complete: whatever follows is prose.
  else scan.done = true;
  return true;
}

/** Closes what truncation left open: drops a property without a value and a dangling comma. */
function closeTruncated(scan: Scan): void {
  for (let frame = scan.stack.pop(); frame; frame = scan.stack.pop()) {
    if (frame.kind === "{" && (frame.state === "colon" || frame.state === "value")) {
      scan.out = scan.out.slice(0, frame.mark);
    }
    if (scan.out.endsWith(",")) scan.out = scan.out.slice(0, -1);
    scan.out += frame.kind === "{" ? "}" : "]";
  }
}
