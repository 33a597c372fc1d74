import { parseArguments } from "@typecall/runtime";
import { describe, expect, it } from "vitest";

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
});
