/**
 * Lenient parsing of the argument strings models produce. Valid JSON always goes through
 * `JSON.parse` untouched; only text `JSON.parse` rejects is rewritten, by one linear scanner, and
 * only its formatting: markdown fences, prose around the object, trailing commas, comments, Python
 * literals, single quotes, unquoted keys, raw control characters in strings. Content is never
 * invented: arguments that were cut off (an unterminated string, an unclosed bracket) or that hold
 * two JSON values are refused, since completing or choosing would turn a broken call into an action.
 */

/** What {@link parseArguments} returns. */
export type ParseResult =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** Each kind of formatting repair made, in the order first met; empty for valid JSON. */
      readonly repairs: readonly string[];
    }
  | {
      readonly ok: false;
      /** What is wrong, in words for the model: `the text was cut off inside a string`. */
      readonly message: string;
      /** The offset in the text where it stopped making sense. */
      readonly position: number;
    };

const NONE: readonly string[] = Object.freeze([]);

/**
 * Parses a tool call's argument text. An empty or blank text is `{}` (models send it for tools
 * without parameters).
 */
export function parseArguments(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text), repairs: NONE };
  } catch (error) {
    // Checked only after JSON.parse fails: the valid case must not pay for a trim.
    if (text.trim() === "") return { ok: true, value: {}, repairs: NONE };
    const repair = repairJson(text);
    if (repair.ok) {
      try {
        return { ok: true, value: JSON.parse(repair.text), repairs: repair.repairs };
      } catch {
        // The scanner passes some tokens through unchecked (numbers, \u escapes): report the original error.
      }
      return { ok: false, message: nativeMessage(error), position: nativePosition(error, text.length) };
    }
    // Where the scanner only met a character it cannot place, the engine's own words say more.
    if (repair.message === undefined)
      return { ok: false, message: nativeMessage(error), position: nativePosition(error, repair.position) };
    return { ok: false, message: repair.message, position: repair.position };
  }
}

function nativeMessage(error: unknown): string {
  const native = error instanceof Error ? error.message : String(error);
  // Engines echo the whole input in some messages; the caller shows an excerpt of its own.
  return native.replace(/, .*is not valid JSON$/s, "").replace(/ in JSON at position \d+.*$/s, "");
}

function nativePosition(error: unknown, fallback: number): number {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  return match ? Number(match[1]) : fallback;
}

type Repair =
  | { readonly ok: true; readonly text: string; readonly repairs: readonly string[] }
  | { readonly ok: false; readonly message: string | undefined; readonly position: number };

interface Frame {
  readonly kind: "{" | "[";
  /** key: before a key or `}`; colon: after a key; value: after `:` or `[` / `,` in an array; next: after a value. */
  state: "key" | "colon" | "value" | "next";
}

interface Scan {
  readonly text: string;
  readonly end: number;
  i: number;
  /** The JSON written so far, in pieces joined once at the end (no quadratic string slicing). */
  readonly out: string[];
  readonly stack: Frame[];
  /** A comma read but not yet written: dropped if a bracket closes next (a trailing comma). */
  comma: boolean;
  done: boolean;
  readonly repairs: Set<string>;
  /** Why scanning stopped, when it failed for a reason better than "unexpected character". */
  problem?: string;
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

/** Rewrites almost-JSON into JSON, or says where and why it gave up. */
export function repairJson(text: string): Repair {
  const [start, end, fenced] = locatePayload(text);
  const scan: Scan = {
    text,
    end,
    i: start,
    out: [],
    stack: [],
    comma: false,
    done: false,
    repairs: new Set(),
  };
  if (fenced) scan.repairs.add("markdown fence");
  if (
    text
      .slice(0, start)
      .replace(/```[^\n]*\n?/, "")
      .trim() !== ""
  )
    scan.repairs.add("text around the JSON");
  while (!scan.done && scan.i < scan.end) {
    if (!step(scan)) return failed(scan, scan.problem);
  }
  if (scan.out.length === 0) return failed(scan, "no JSON value found");
  if (!scan.done) return failed(scan, truncation(scan));
  const rest = text.slice(scan.i, end);
  const second = rest.search(/[{[]/);
  if (second >= 0) {
    scan.i += second;
    return failed(scan, "the text holds more than one JSON value");
  }
  if (rest.trim() !== "" || text.slice(end).replace(/^```/, "").trim() !== "")
    scan.repairs.add("text around the JSON");
  return { ok: true, text: scan.out.join(""), repairs: [...scan.repairs] };
}

function failed(scan: Scan, message: string | undefined): Repair {
  return { ok: false, message, position: Math.min(scan.i, scan.text.length) };
}

/** What was left open when the text ended. */
function truncation(scan: Scan): string {
  const open = scan.stack.length;
  return `the text was cut off before the end (${open} unclosed bracket${open === 1 ? "" : "s"})`;
}

/** The span to scan: inside a markdown fence if there is one, from the first brace (else bracket) on. */
function locatePayload(text: string): [number, number, boolean] {
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
  return [first >= 0 && first < end ? first : start, end, fence >= 0];
}

function step(scan: Scan): boolean {
  const char = scan.text[scan.i] as string;
  if (char === " " || char === "\n" || char === "\t" || char === "\r") {
    scan.i++;
    return true;
  }
  if (char === "/" && skipComment(scan)) return true;
  if (char === '"' || char === "'") {
    const literal = readString(scan, char);
    return literal !== undefined && onKeyOrValue(scan, literal);
  }
  if (char === "{" || char === "[") return onOpen(scan, char);
  if (char === "}" || char === "]") return onClose(scan, char);
  if (char === ":") return onColon(scan);
  if (char === ",") return onComma(scan);
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
  scan.repairs.add("comment");
  return true;
}

const JSON_ESCAPES = '"\\/bfnrtu';

/**
 * Reads a single- or double-quoted string at `scan.i` and returns it as a JSON string literal;
 * undefined, with the reason, when the text ends before the string does.
 */
function readString(scan: Scan, quote: string): string | undefined {
  if (quote === "'") scan.repairs.add("single quotes");
  const parts: string[] = [];
  let from = scan.i + 1;
  let i = from;
  while (i < scan.end && scan.text[i] !== quote) {
    const char = scan.text[i] as string;
    const code = char.charCodeAt(0);
    if (char !== "\\" && char !== '"' && code >= 0x20) {
      i++;
      continue;
    }
    parts.push(scan.text.slice(from, i));
    if (char === "\\") {
      const [literal, width] = escapeAt(scan, i);
      parts.push(literal);
      i += width;
    } else {
      if (code < 0x20) scan.repairs.add("control character in a string");
      parts.push(char === '"' ? '\\"' : escapeControl(char));
      i++;
    }
    from = i;
  }
  if (i >= scan.end) {
    scan.problem = "the text was cut off inside a string";
    return undefined;
  }
  parts.push(scan.text.slice(from, i));
  scan.i = i + 1;
  return `"${parts.join("")}"`;
}

/** The JSON form of the backslash escape at `i`, and how many characters it spans. */
function escapeAt(scan: Scan, i: number): [string, number] {
  const next = i + 1 < scan.end ? scan.text[i + 1] : undefined;
  if (next === undefined) return ["\\\\", 1];
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

/** Writes a pending comma before the next key or value. */
function write(scan: Scan, piece: string): void {
  if (scan.comma) {
    scan.out.push(",");
    scan.comma = false;
  }
  scan.out.push(piece);
}

/** A string (or bare word) is a key where the object expects one, else a value. */
function onKeyOrValue(scan: Scan, literal: string): boolean {
  const frame = scan.stack.at(-1);
  if (frame?.kind !== "{" || frame.state !== "key") return emitValue(scan, literal);
  write(scan, literal);
  frame.state = "colon";
  return true;
}

function canStartValue(scan: Scan): boolean {
  const frame = scan.stack.at(-1);
  return frame ? frame.state === "value" : scan.out.length === 0;
}

function onOpen(scan: Scan, char: "{" | "["): boolean {
  if (!canStartValue(scan)) return false;
  const parent = scan.stack.at(-1);
  if (parent) parent.state = "next";
  scan.stack.push({ kind: char, state: char === "{" ? "key" : "value" });
  write(scan, char);
  scan.i++;
  return true;
}

function onClose(scan: Scan, char: "}" | "]"): boolean {
  const frame = scan.stack.at(-1);
  if (!frame || frame.kind !== (char === "}" ? "{" : "[")) return false;
  if (frame.state === "colon" || (frame.state === "value" && frame.kind === "{")) return false;
  if (scan.comma) {
    scan.repairs.add("trailing comma");
    scan.comma = false;
  }
  scan.stack.pop();
  scan.out.push(char);
  scan.i++;
  return completeValue(scan);
}

function onColon(scan: Scan): boolean {
  const frame = scan.stack.at(-1);
  if (frame?.state !== "colon") return false;
  scan.out.push(":");
  frame.state = "value";
  scan.i++;
  return true;
}

function onComma(scan: Scan): boolean {
  const frame = scan.stack.at(-1);
  if (frame?.state !== "next") return false;
  scan.comma = true;
  frame.state = frame.kind === "{" ? "key" : "value";
  scan.i++;
  return true;
}

/** A bare word: an unquoted key, or a JSON or Python literal. */
function onWord(scan: Scan): boolean {
  const match = /[A-Za-z_$][\w$]*/y;
  match.lastIndex = scan.i;
  const word = (match.exec(scan.text) as RegExpExecArray)[0];
  const frame = scan.stack.at(-1);
  const isKey = frame?.kind === "{" && frame.state === "key";
  const literal = isKey ? JSON.stringify(word) : LITERALS.get(word);
  // Unknown bare value (`Paris`): leave `scan.i` on it so the failure points at the word.
  if (literal === undefined) {
    if (scan.i + word.length >= scan.end) scan.problem = "the text was cut off inside a value";
    return false;
  }
  if (isKey) scan.repairs.add("unquoted key");
  else if (literal !== word) scan.repairs.add("Python literal");
  scan.i += word.length;
  return onKeyOrValue(scan, literal);
}

function onNumber(scan: Scan): boolean {
  const match = /[-+]?[\d.]*(?:[eE][-+]?\d*)?/y;
  match.lastIndex = scan.i;
  let token = (match.exec(scan.text) as RegExpExecArray)[0];
  scan.i += token.length;
  if (token.startsWith("+")) token = token.slice(1);
  if (token === "") return false;
  return emitValue(scan, token);
}

function emitValue(scan: Scan, literal: string): boolean {
  if (!canStartValue(scan)) return false;
  write(scan, literal);
  return completeValue(scan);
}

function completeValue(scan: Scan): boolean {
  const frame = scan.stack.at(-1);
  if (frame) frame.state = "next";
  // The top-level value is complete: whatever follows is prose, or a second value.
  else scan.done = true;
  return true;
}
