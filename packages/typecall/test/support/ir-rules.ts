/**
 * What the IR's scalar rules mean, for picking samples: whether a number or string meets its
 * bounds, and strings that clearly have (or clearly lack) a format, so that the edge cases where
 * format checkers differ are not what a differential test measures.
 */
import type { TypeIR } from "../../src/index.ts";

/**
 * A tuple as the IR writes it, optional elements and rest included: `minItems` leading items are
 * required (all when absent), `rest` types the items after them (none allowed when absent).
 */
export interface TupleShape {
  kind: "tuple";
  items: TypeIR[];
  minItems?: number;
  rest?: TypeIR;
}

/** Strings that clearly have a format and strings that clearly lack it, for the formats typecall or ajv-formats check. */
export const FORMAT_SAMPLES: Readonly<Record<string, { valid: string[]; invalid: string[] }>> = {
  email: { valid: ["ada@example.com", "grace.hopper@navy.example.org"], invalid: ["ada at example"] },
  uuid: { valid: ["3f2b8a4e-9c1d-4e7f-8a2b-1c3d5e7f9a0b"], invalid: ["3f2b8a4e"] },
  "date-time": {
    valid: ["2026-11-23T10:00:00Z", "2026-11-23T10:00:00.5+02:00"],
    invalid: ["23 November 2026"],
  },
  date: { valid: ["2026-11-23", "2024-02-29"], invalid: ["23 November 2026", "2026-13-01"] },
  time: { valid: ["10:00:00Z", "23:59:59.5+02:00"], invalid: ["ten o'clock"] },
  duration: { valid: ["P3D", "PT1H30M"], invalid: ["3 days"] },
  uri: { valid: ["https://example.com/a?b=c"], invalid: ["not a uri"] },
  url: { valid: ["https://example.com/a?b=c"], invalid: ["not a url"] },
  iri: { valid: ["https://example.com/a"], invalid: ["not an iri"] },
  "uri-reference": { valid: ["/a/b?c=d", "https://example.com/"], invalid: ["a b"] },
  "iri-reference": { valid: ["/a/b?c=d"], invalid: ["a b"] },
  hostname: { valid: ["example.com", "a-1.example"], invalid: ["not a host"] },
  ipv4: { valid: ["192.0.2.1"], invalid: ["999.0.2.1"] },
  ipv6: { valid: ["2001:db8::1", "2001:db8:0:0:0:0:0:1"], invalid: ["not:an:ip"] },
  byte: { valid: ["aGVsbG8="], invalid: ["not base64!"] },
  regex: { valid: ["^a+$"], invalid: ["("] },
  "json-pointer": { valid: ["/a/b", ""], invalid: ["a/b"] },
  // Checked by ajv-formats, not (yet) by typecall's runtime.
  "uri-template": { valid: ["https://example.com/{id}"], invalid: ["https://example.com/{id"] },
  "relative-json-pointer": { valid: ["0/a", "1#"], invalid: ["/a"] },
};

/**
 * Plain strings to try against a pattern and length bounds, the plainest first: a small table in
 * place of a regular expression sampler (the case patterns are all met by one of them).
 */
export const STRING_CANDIDATES: readonly string[] = [
  "text",
  "ada_1",
  "order-42",
  "B-0042",
  "42",
  "-7",
  "1.5",
  "ABC",
  "a",
  "A1",
  "abc123",
  "a-b",
  "a.b",
  "ada@example.com",
  "https://example.com",
  "2026-11-23",
  "10:00",
  "+15551234567",
  "",
];

/** Whether a string meets the IR's length bounds and pattern; a format is judged by the caller. */
export function fitsString(type: Extract<TypeIR, { kind: "string" }>, s: string): boolean {
  const length = [...s].length;
  if (type.minLength !== undefined && length < type.minLength) return false;
  if (type.maxLength !== undefined && length > type.maxLength) return false;
  return type.pattern === undefined || new RegExp(type.pattern, "u").test(s);
}

/** Whether a number meets the IR's integer rule, bounds and `multipleOf`. */
export function fitsNumber(type: Extract<TypeIR, { kind: "number" }>, x: number): boolean {
  if (!Number.isFinite(x) || (type.integer && !Number.isInteger(x))) return false;
  if (type.minimum !== undefined && x < type.minimum) return false;
  if (type.maximum !== undefined && x > type.maximum) return false;
  if (type.exclusiveMinimum !== undefined && x <= type.exclusiveMinimum) return false;
  if (type.exclusiveMaximum !== undefined && x >= type.exclusiveMaximum) return false;
  return type.multipleOf === undefined || Number.isInteger(x / type.multipleOf);
}

/**
 * A string that matches `pattern`, or undefined: a small sampler for the patterns typecall writes
 * (template literal types, JSDoc `@pattern`s): literals, escapes, classes, groups, the first
 * alternative, each quantifier's fewest repeats. Its answer is checked against the pattern itself.
 */
export function samplePattern(pattern: string): string | undefined {
  try {
    const text = sequence(pattern, 0).text;
    return new RegExp(pattern, "u").test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

interface Piece {
  text: string;
  end: number;
}

/** The first alternative from `at` to the end of its group (or of the pattern). */
function sequence(src: string, at: number): Piece {
  let text = "";
  let i = at;
  while (i < src.length && src[i] !== ")") {
    if (src[i] === "|") return { text, end: skipAlternatives(src, i) };
    const atom = atomAt(src, i);
    const { count, end } = quantifier(src, atom.end);
    text += atom.text.repeat(count);
    i = end;
  }
  return { text, end: i };
}

/** The index of the `)` that closes the current group (or the end), past the other alternatives. */
function skipAlternatives(src: string, at: number): number {
  let depth = 0;
  for (let i = at; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "[") i = classEnd(src, i);
    else if (src[i] === "(") depth++;
    else if (src[i] === ")" && depth-- === 0) return i;
  }
  return src.length;
}

const ESCAPES: Record<string, string> = { d: "4", w: "a", s: " ", D: "!", W: "!", S: "a", b: "", B: "" };
const CLASS_TRIES = ["a", "x", "4", "A", "_", "-", ".", "!", " "];

function atomAt(src: string, i: number): Piece {
  const c = src[i] as string;
  if (c === "^" || c === "$") return { text: "", end: i + 1 };
  if (c === ".") return { text: "a", end: i + 1 };
  if (c === "\\") {
    const next = src[i + 1] ?? "";
    return { text: ESCAPES[next] ?? next, end: i + 2 };
  }
  if (c === "[") {
    const end = classEnd(src, i);
    const member = new RegExp(`^${src.slice(i, end + 1)}$`, "u");
    const text = CLASS_TRIES.find((t) => member.test(t));
    if (text === undefined) throw new Error("no sample for a class");
    return { text, end: end + 1 };
  }
  if (c === "(") {
    const start = src.startsWith("(?:", i) ? i + 3 : i + 1;
    if (src[start] === "?") throw new Error("lookarounds are not sampled");
    const inner = sequence(src, start);
    return { text: inner.text, end: inner.end + 1 };
  }
  return { text: c, end: i + 1 };
}

/** The index of the `]` closing the class that opens at `at`. */
function classEnd(src: string, at: number): number {
  for (let i = at + 1; i < src.length; i++) {
    if (src[i] === "\\") i++;
    else if (src[i] === "]" && i > at + 1) return i;
  }
  throw new Error("unclosed class");
}

/** The fewest repeats a quantifier at `i` allows (1 without one), and where it ends. */
function quantifier(src: string, i: number): { count: number; end: number } {
  const c = src[i];
  const lazy = (end: number) => (src[end] === "?" ? end + 1 : end);
  if (c === "?" || c === "*") return { count: 0, end: lazy(i + 1) };
  if (c === "+") return { count: 1, end: lazy(i + 1) };
  const braces = /^\{(\d+)(,\d*)?\}/.exec(src.slice(i));
  if (braces) return { count: Number(braces[1]), end: lazy(i + braces[0].length) };
  return { count: 1, end: i };
}
