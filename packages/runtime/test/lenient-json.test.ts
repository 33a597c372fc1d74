import { parseArguments } from "@typecall/runtime";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonObject, sloppy } from "./support/sloppy-json.ts";

/** The value of a text that needed repairs, after checking that exactly `repairs` were listed. */
function repaired(text: string, ...repairs: string[]): unknown {
  const result = parseArguments(text);
  expect(result).toMatchObject({ ok: true });
  expect(result.ok && result.repairs).toEqual(repairs);
  return result.ok ? result.value : undefined;
}

/** The reason a text is refused. */
function refused(text: string): string {
  const result = parseArguments(text);
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.message;
}

/** Where a text is refused, after checking the reason. */
function refusedAt(text: string, message: string | RegExp): number {
  const result = parseArguments(text);
  expect(result).toMatchObject({ ok: false, message });
  return result.ok ? -1 : result.position;
}

describe("parseArguments", () => {
  it("parses valid JSON with JSON.parse and reports no repair", () => {
    expect(parseArguments('{"city": "Paris", "n": 1.5e2}')).toEqual({
      ok: true,
      value: { city: "Paris", n: 150 },
      repairs: [],
    });
  });

  it("leaves valid JSON alone even where a repair rule would apply", () => {
    // Python-looking words and quotes inside strings, a valid JSON string holding JSON: all data.
    const text = '{"note": "True, None, \'x\', {a: 1,}", "raw": "{\\"b\\": 2}"}';
    expect(parseArguments(text)).toEqual({
      ok: true,
      value: { note: "True, None, 'x', {a: 1,}", raw: '{"b": 2}' },
      repairs: [],
    });
    expect(parseArguments('"just a string"')).toEqual({ ok: true, value: "just a string", repairs: [] });
  });

  it("reads empty or blank text as an empty object", () => {
    expect(parseArguments("")).toEqual({ ok: true, value: {}, repairs: [] });
    expect(parseArguments(" \n\t")).toEqual({ ok: true, value: {}, repairs: [] });
  });

  it("strips markdown code fences", () => {
    expect(repaired('```json\n{"city": "Paris"}\n```', "markdown fence")).toEqual({ city: "Paris" });
    expect(
      repaired(
        'Here you go:\n```\n{"city": "Rome"}\n```\nAnything else?',
        "markdown fence",
        "text around the JSON",
      ),
    ).toEqual({ city: "Rome" });
  });

  it("drops prose before and after one JSON object", () => {
    expect(repaired('Sure! I will call it with {"city": "Paris"} and wait.', "text around the JSON")).toEqual(
      {
        city: "Paris",
      },
    );
  });

  it("removes trailing commas in objects and arrays", () => {
    expect(repaired('{"ids": [1, 2, 3,], "city": "Paris",}', "trailing comma")).toEqual({
      ids: [1, 2, 3],
      city: "Paris",
    });
  });

  it("maps Python literals outside strings, never inside", () => {
    expect(repaired('{"a": True, "b": False, "c": None, "d": "True"}', "Python literal")).toEqual({
      a: true,
      b: false,
      c: null,
      d: "True",
    });
  });

  it("turns single-quoted strings into JSON strings", () => {
    expect(repaired("{'city': 'Paris', 'quote': 'say \"hi\"', 'its': 'it\\'s'}", "single quotes")).toEqual({
      city: "Paris",
      quote: 'say "hi"',
      its: "it's",
    });
  });

  it("keeps a backslash that starts no JSON escape as a character", () => {
    // \d and \s are no JSON escapes, \t is one.
    expect(repaired("{'path': 'C:\\dir\\sub', 'tab': 'a\\tb'}", "single quotes")).toEqual({
      path: "C:\\dir\\sub",
      tab: "a\tb",
    });
  });

  it("quotes unquoted keys", () => {
    expect(repaired('{city: "Paris", $unit_2: "c"}', "unquoted key")).toEqual({
      city: "Paris",
      $unit_2: "c",
    });
  });

  it("escapes raw control characters in strings and skips comments", () => {
    expect(
      repaired(
        '{"text": "line 1\nline 2\tend" /* note */, // more\n "n": 1}',
        "control character in a string",
        "comment",
      ),
    ).toEqual({
      text: "line 1\nline 2\tend",
      n: 1,
    });
  });

  it("refuses output that was cut off: completing it would invent the call", () => {
    expect(refused('{"repo":"a/b","title":"Crash when the user deletes')).toBe(
      "the text was cut off inside a string",
    );
    expect(refused('{"repo":"a/b","issueNumber":12')).toBe(
      "the text was cut off before the end (1 unclosed bracket)",
    );
    expect(refused('{"guests": [{"name": "Ada"}, {"name": "Bo"')).toBe(
      "the text was cut off before the end (3 unclosed brackets)",
    );
    expect(refused('{"a": tru')).toBe("the text was cut off inside a value");
    expect(refused('{"city": "Paris", "unit":')).toMatch(/cut off/);
    expect(refused("{'city': 'Par")).toBe("the text was cut off inside a string");
  });

  it("refuses two JSON values: choosing one would drop the other call", () => {
    expect(refused('{"repo":"a/b"} {"repo":"c/d"}')).toBe("the text holds more than one JSON value");
    expect(refused('{"repo":"a/b"}\n[1]')).toBe("the text holds more than one JSON value");
    expect(parseArguments('{"repo":"a/b"} {"repo":"c/d"}')).toMatchObject({ position: 15 });
  });

  it("repairs a text of many brackets and trailing commas (linear: `pnpm fuzz` measures the growth)", () => {
    const brackets = `{'meta':[${"[],".repeat(60_000)}]}`;
    const result = parseArguments(brackets);
    expect(result).toMatchObject({ ok: true, repairs: ["single quotes", "trailing comma"] });
    expect(result.ok && (result.value as { meta: unknown[] }).meta).toHaveLength(60_000);
  });

  it("fails on hopeless input with the parser's message and the position", () => {
    const bare = parseArguments('{"city": Paris}');
    expect(bare).toMatchObject({ ok: false, position: 9 });
    expect(bare.ok ? "" : bare.message).toMatch(/Unexpected token/);
    expect(parseArguments("I cannot do that.")).toMatchObject({ ok: false, position: 0 });
    expect(parseArguments('{"a": 1 "b": 2}')).toMatchObject({ ok: false, position: 8 });
  });

  it("does not let a bare word reach prototype members", () => {
    expect(parseArguments('{"a": constructor}')).toMatchObject({ ok: false });
    expect(parseArguments('{"a": toString}')).toMatchObject({ ok: false });
  });

  it("strips a fence left open or without a line break, and counts prose after it", () => {
    expect(repaired('```json\n{"a": 1,}', "markdown fence", "trailing comma")).toEqual({ a: 1 });
    expect(repaired("```{'a': 1}```", "markdown fence", "single quotes")).toEqual({ a: 1 });
    expect(repaired('```json\n{"a": 1}\n```\nThanks!', "markdown fence", "text around the JSON")).toEqual({
      a: 1,
    });
  });

  it("takes the first bracket in prose as the start of the value, never skipping one to find an object", () => {
    expect(repaired("Use: {'a': [1]}", "text around the JSON", "single quotes")).toEqual({ a: [1] });
    expect(repaired("ids: [1, 2,]", "text around the JSON", "trailing comma")).toEqual([1, 2]);
    // Skipping `[brackets]` would choose what the arguments are: refused, the model is asked again.
    expect(parseArguments("Use [brackets]: {'a': 1}")).toMatchObject({ ok: false, position: 5 });
  });

  it("repairs a value that is not an object or array", () => {
    expect(repaired("'text'", "single quotes")).toBe("text");
    expect(repaired("True", "Python literal")).toBe(true);
  });

  it("reads JSON numbers, drops a leading plus, and quotes any bare word that stands as a key", () => {
    expect(repaired('{"a": +5}')).toEqual({ a: 5 });
    expect(repaired("{'a': 1e5, 'b': 1E+5, 'c': -2.5, 'd': +5}", "single quotes")).toEqual({
      a: 100_000,
      b: 100_000,
      c: -2.5,
      d: 5,
    });
    expect(repaired("{k1_$: 1, True: 2, None: 3}", "unquoted key")).toEqual({ k1_$: 1, True: 2, None: 3 });
  });

  it("keeps JSON escapes, reads \\' as a quote in either string, and escapes raw quotes and control characters", () => {
    const text = `{"q": "it\\'s", 's': 'say "hi"', "c": "\b\f\u0001", 'path': 'C:\\\\new'}`;
    expect(repaired(text, "single quotes", "control character in a string")).toEqual({
      q: "it's",
      s: 'say "hi"',
      c: "\b\f\u0001",
      path: "C:\\new",
    });
  });

  it("reads comment markers in a string as data, and a comment after the value as prose", () => {
    expect(parseArguments('{"a": "// not a comment /* nor this */"}')).toMatchObject({
      ok: true,
      repairs: [],
    });
    expect(repaired('{"a": 1} // done', "text around the JSON")).toEqual({ a: 1 });
    // `/*/` opens a comment and does not close it.
    expect(repaired('{"a": 1 /*/ still a comment */}', "comment")).toEqual({ a: 1 });
  });

  it("lists each repair once, in the order first met", () => {
    expect(
      repaired(
        "Sure: {'a': None, b: 1,} // done",
        "text around the JSON",
        "single quotes",
        "Python literal",
        "unquoted key",
        "trailing comma",
      ),
    ).toEqual({ a: null, b: 1 });
    expect(
      repaired(
        "{b: 1, 'a': None /* c */,}",
        "unquoted key",
        "single quotes",
        "Python literal",
        "comment",
        "trailing comma",
      ),
    ).toEqual({ b: 1, a: null });
  });

  it("reads a byte order mark before the JSON as blank, and CR, LF and tab between tokens", () => {
    expect(parseArguments("\ufeff{}")).toEqual({ ok: true, value: {}, repairs: [] });
    expect(repaired("{'a':\r\n\t1}", "single quotes")).toEqual({ a: 1 });
  });

  it("points a cut-off refusal at the string or value cut, or at the end", () => {
    expect(refusedAt("{'title': 'Crash", "the text was cut off inside a string")).toBe(10);
    expect(refusedAt("{'a': 'x\\", "the text was cut off inside a string")).toBe(6);
    expect(refusedAt("'", "the text was cut off inside a string")).toBe(0);
    expect(refusedAt('{"a": tru', "the text was cut off inside a value")).toBe(6);
    expect(refusedAt('{"a": 1, "b": Paris', "the text was cut off inside a value")).toBe(14);
    expect(refusedAt('{"a": 1', "the text was cut off before the end (1 unclosed bracket)")).toBe(7);
    // The closing fence ends the text; an unclosed comment runs to the end.
    expect(
      refusedAt('```json\n{"a": 1\n```', "the text was cut off before the end (1 unclosed bracket)"),
    ).toBe(16);
    expect(refusedAt('{"a": 1 /* note', "the text was cut off before the end (1 unclosed bracket)")).toBe(15);
  });

  it("refuses a text with no JSON value in it", () => {
    expect(refusedAt("/* nothing */", "no JSON value found")).toBe(13);
    expect(refusedAt("```json\n// nothing\n```", "no JSON value found")).toBe(19);
  });

  it("points a two-values refusal at the second one, also a bracket in the prose after the first", () => {
    const two = "the text holds more than one JSON value";
    expect(refusedAt("{'a': 1} {'b': 2}", two)).toBe(9);
    expect(refusedAt("{'a': 1}\n[1]", two)).toBe(9);
    expect(refusedAt("[1, 2] [3]", two)).toBe(7);
    expect(refusedAt("{'a': 1} see [docs]", two)).toBe(13);
  });

  it("refuses a bracket outside a fence: the fenced value is one of two, not the arguments", () => {
    const two = "the text holds more than one JSON value";
    expect(refusedAt('{"a": 1} ```json\n{"b": 2}\n```', two)).toBe(0);
    expect(refusedAt('```json\n{"a": 1}\n``` {"b": 2}', two)).toBe(21);
    expect(refusedAt("Calling [search]:\n```json\n{'q': 1}\n```", two)).toBe(8);
    // Prose without brackets around the fence stays prose.
    expect(parseArguments("Here:\n```json\n{'q': 1}\n```\nDone.")).toMatchObject({
      ok: true,
      value: { q: 1 },
      repairs: ["markdown fence", "text around the JSON", "single quotes"],
    });
  });

  it("keeps an array that holds an object an array: the wrapper is not dropped", () => {
    expect(parseArguments("[{'a': 1}]")).toMatchObject({ ok: true, value: [{ a: 1 }] });
    expect(parseArguments("Result: [{'a': 1},]")).toMatchObject({ ok: true, value: [{ a: 1 }] });
  });

  it("refuses punctuation out of place rather than guess what was meant", () => {
    for (const text of [
      "{,}",
      "{'a'}",
      "{'a':: 1}",
      "{'a': [1, 2}",
      "{'a': 1]",
      "{'a': 1,]",
      '{"a":1,,}',
      '{"a" 1}',
    ])
      expect(parseArguments(text)).toMatchObject({ ok: false });
  });

  it("points where the engine names no position: at a character that starts nothing, after a value that fits nowhere", () => {
    expect(refusedAt("[,]", /Unexpected token/)).toBe(1);
    expect(refusedAt("[1,,2]", /Unexpected token/)).toBe(3);
    expect(refusedAt('{"a":}', /Unexpected token/)).toBe(5);
    expect(refusedAt("[1, 2,}", /Unexpected token/)).toBe(6);
    expect(refusedAt("}", /Unexpected token/)).toBe(0);
    expect(refusedAt('{"a": #}', /Unexpected token/)).toBe(6);
    expect(refusedAt('{"a": +}', /Unexpected token/)).toBe(7);
    expect(refusedAt("{\"a\": 'x' 'y'}", /Unexpected token/)).toBe(13);
    expect(refusedAt('{"a": True False}', /Unexpected token/)).toBe(16);
  });

  it("reports the engine's error for the text when the repaired text is still not JSON", () => {
    // Numbers and \u escapes pass the scanner unchecked.
    expect(refusedAt("{'a': 01}", /^Expected property name/)).toBe(1);
    expect(refusedAt("{'a': '\\uzz'}", /^Expected property name/)).toBe(1);
    // The engine names no position: the end of the text.
    expect(refusedAt('{"a": .5}', "Unexpected token '.'")).toBe(9);
    expect(refusedAt('{"a": .5} ok', "Unexpected token '.'")).toBe(12);
  });
});

const SEED = Number(process.env.TYPECALL_FC_SEED ?? 7_000_007);
const RUNS = 400 * Number(process.env.TYPECALL_FC_RUNS ?? 1);

/** The choices {@link sloppy} takes its slips by. */
const choices = fc.array(fc.nat(99), { minLength: 1, maxLength: 300 });

describe("parseArguments on generated texts", () => {
  it("reads any JSON object written with the slips models make, listing each repair once, first met first", () => {
    fc.assert(
      fc.property(jsonObject, choices, (object, picks) => {
        const { text, repairs } = sloppy(object, picks);
        expect(parseArguments(text)).toEqual({ ok: true, value: object, repairs });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses any such text cut off before the object closes", () => {
    fc.assert(
      fc.property(jsonObject, choices, fc.double({ min: 0, max: 1, noNaN: true }), (object, picks, at) => {
        const { text, end } = sloppy(object, picks);
        const cut = text.slice(0, Math.floor(at * end));
        if (cut.trim() !== "") expect(parseArguments(cut)).toMatchObject({ ok: false });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses two such objects in one text", () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, choices, (first, second, picks) => {
        const text = `${sloppy(first, picks, false).text}\n${sloppy(second, picks.slice(1), false).text}`;
        expect(parseArguments(text)).toMatchObject({
          ok: false,
          message: "the text holds more than one JSON value",
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
