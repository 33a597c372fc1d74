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
    return parseLeniently(text, error instanceof Error ? error.message : String(error));
  }
}

/** The literals a bare value may be: JSON's, then Python's in the same order. */
const LITERALS: readonly string[] = ["true", "false", "null", "True", "False", "None"];

/** A bare word (an unquoted key or a literal), else a number as loosely as models write one. */
const WORD_OR_NUMBER = /([A-Za-z_$][\w$]*)|[-+]?[\d.]*(?:[eE][-+]?\d*)?/y;

/** In a string's text: a backslash with the JSON escape it starts (if any), a raw control character or `"`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are what it finds.
const STRING_PARTS = /\\(['"\\/bfnrtu]?)|[\0-\x1f"]/g;

/**
 * The span to scan: inside a markdown fence if there is one, from the first bracket on (`[{...}]`
 * is an array, whatever it holds).
 */
function locatePayload(text: string): [start: number, end: number] {
  const fence = text.indexOf("```");
  // After the fence's line (which may name the language), or right after a fence with no line break.
  const start = fence < 0 ? 0 : text.indexOf("\n", fence) + 1 || fence + 3;
  // The closing fence (with no opening fence, there is none).
  let end = text.indexOf("```", start);
  if (end < 0) end = text.length;
  const bracket = text.slice(start, end).search(/[{[]/);
  return [bracket < 0 ? start : start + bracket, end];
}

/** A quoted string's text as a JSON string literal. */
function stringLiteral(body: string, repairs: Set<string>): string {
  const json = body.replace(STRING_PARTS, (part, escaped?: string) => {
    // \' is not a JSON escape, but models write it in single-quoted strings.
    if (escaped === "'") return escaped;
    if (escaped) return part;
    // A backslash that starts no JSON escape stands for itself; a raw control character or `"` is escaped.
    if (part < " ") repairs.add("control character in a string");
    return JSON.stringify(part).slice(1, -1);
  });
  return `"${json}"`;
}

/**
 * Rewrites almost-JSON into JSON in one pass and parses that, or says where and why it gave up.
 * `native` is what `JSON.parse` said about the text.
 */
function parseLeniently(text: string, native: string): ParseResult {
  const repairs = new Set<string>();
  const [start, end] = locatePayload(text);
  if (text.includes("```")) repairs.add("markdown fence");
  // The fence's opening line is not prose.
  const before = text.slice(0, start).replace(/```[^\n]*\n?/, "");
  if (before.trim()) repairs.add("text around the JSON");

  // Outside the fence, a bracket opens another value: taking the fenced one would be choosing.
  const stray = text.slice(0, start).search(/[{[]/);
  const strayAfter = text.slice(end).search(/[{[]/);
  if (stray >= 0 || strayAfter >= 0) {
    return {
      ok: false,
      message: "the text holds more than one JSON value",
      position: stray >= 0 ? stray : end + strayAfter,
    };
  }

  /** The JSON written so far, in pieces joined once at the end (no quadratic string slicing). */
  const out: string[] = [];
  /**
   * What may come next: `k` a key, `v` a value, or the punctuation itself (`:`, `,` or a closing
   * bracket); nothing once the top-level value is complete.
   */
  let expected = "v";
  /** What may follow a value in each open bracket (`,}` or `,]`), innermost last, after "" for the top level. */
  const after = [""];
  let i = start;
  // A refusal at `i`. Without a message of its own (the scanner met a character it cannot place), the
  // engine's words and position say more, less the input some engines echo (the caller shows an excerpt).
  const fail = (message?: string): ParseResult => ({
    ok: false,
    message: message ?? native.replace(/(, .*is not valid JSON| in JSON at position \d+.*)$/s, ""),
    position: message ? i : Number(/position (\d+)/.exec(native)?.[1] ?? i),
  });

  while (expected && i < end) {
    const char = text[i] as string;
    let piece = char;
    let next = i + 1;
    if (" \n\t\r".includes(char)) {
      i = next;
      continue;
    }
    // A comment runs to the end of its line or to `*/`, and at most to the end of the payload.
    if (char === "/" && "/*".includes(text[next] as string)) {
      const close = text[next] === "*" ? "*/" : "\n";
      const found = text.indexOf(close, next + 1);
      i = found < 0 || found >= end ? end : found + close.length;
      repairs.add("comment");
      continue;
    }
    if ("{[}]:,".includes(char)) {
      const opens = char === "{" || char === "[";
      if (!expected.includes(opens ? "v" : char)) return fail();
      if (opens || char === ",") {
        // A bracket opens or a comma continues one: an object wants a key (or `}`), an array a value (or `]`).
        expected = char === "{" || expected === ",}" ? "k}" : "v]";
        if (opens) after.push(`,${expected[1]}`);
      } else if (char === ":") {
        expected = "v";
      } else {
        // A comma written just before the closing bracket: a trailing comma.
        if (out.at(-1) === ",") {
          out.pop();
          repairs.add("trailing comma");
        }
        after.pop();
        expected = after.at(-1) as string;
      }
    } else {
      // A scalar: a string or a bare word is a key where the object expects one, anything else a value.
      let key = expected === "k}";
      if (char === '"' || char === "'") {
        if (char === "'") repairs.add("single quotes");
        // A backslash takes the next character with it: an escaped quote does not end the string.
        while (next < end && text[next] !== char) next += text[next] === "\\" ? 2 : 1;
        if (next >= end) return fail("the text was cut off inside a string");
        piece = stringLiteral(text.slice(i + 1, next++), repairs);
      } else {
        WORD_OR_NUMBER.lastIndex = i;
        const [token, word] = WORD_OR_NUMBER.exec(text) as RegExpExecArray;
        next = i + token.length;
        if (!word) {
          // A number, or nothing (a character no JSON starts with, or a lone `+`) that fits nowhere.
          key = false;
          piece = token.replace(/^\+/, "");
        } else if (key) {
          piece = `"${word}"`;
          repairs.add("unquoted key");
        } else {
          // An array, not an object: a bare word like `constructor` must not find a prototype member.
          const literal = LITERALS.indexOf(word);
          // An unknown bare value (`Paris`): the failure points at the word.
          if (literal < 0) return fail(next >= end ? "the text was cut off inside a value" : undefined);
          if (literal > 2) repairs.add("Python literal");
          piece = LITERALS[literal % 3] as string;
        }
      }
      // A scalar that does not fit is reported after it.
      i = next;
      if (key) expected = ":";
      else if (piece && expected.includes("v")) expected = after.at(-1) as string;
      else return fail();
    }
    out.push(piece);
    i = next;
  }

  if (out.length === 0) return fail("no JSON value found");
  const unclosed = after.length - 1;
  if (expected)
    return fail(
      `the text was cut off before the end (${unclosed} unclosed bracket${unclosed === 1 ? "" : "s"})`,
    );
  // What follows the value, up to a closing fence, is prose, unless it opens a second value.
  const rest = text.slice(i, end);
  const second = rest.search(/[{[]/);
  if (second >= 0) {
    i += second;
    return fail("the text holds more than one JSON value");
  }
  if (rest.trim() || text.slice(end).replace(/^```/, "").trim()) repairs.add("text around the JSON");
  try {
    return { ok: true, value: JSON.parse(out.join("")), repairs: [...repairs] };
  } catch {
    // The scanner passes some tokens through unchecked (numbers, \u escapes): report the original error.
    i = text.length;
    return fail();
  }
}
