import { parseArguments } from "@typecall/runtime";
import { describe, expect, it } from "vitest";

function repaired(text: string): unknown {
  const result = parseArguments(text);
  expect(result).toMatchObject({ ok: true, repaired: true });
  return result.ok ? result.value : undefined;
}

describe("parseArguments", () => {
  it("parses valid JSON with JSON.parse and reports no repair", () => {
    expect(parseArguments('{"city": "Paris", "n": 1.5e2}')).toEqual({
      ok: true,
      value: { city: "Paris", n: 150 },
      repaired: false,
    });
  });

  it("leaves valid JSON alone even where a repair rule would apply", () => {
    // Python-looking words and quotes inside strings, a valid JSON string holding JSON: all data.
    const text = '{"note": "True, None, \'x\', {a: 1,}", "raw": "{\\"b\\": 2}"}';
    expect(parseArguments(text)).toEqual({
      ok: true,
      value: { note: "True, None, 'x', {a: 1,}", raw: '{"b": 2}' },
      repaired: false,
    });
    expect(parseArguments('"just a string"')).toEqual({ ok: true, value: "just a string", repaired: false });
  });

  it("reads empty or blank text as an empty object", () => {
    expect(parseArguments("")).toEqual({ ok: true, value: {}, repaired: false });
    expect(parseArguments(" \n\t")).toEqual({ ok: true, value: {}, repaired: false });
  });

  it("strips markdown code fences", () => {
    expect(repaired('```json\n{"city": "Paris"}\n```')).toEqual({ city: "Paris" });
    expect(repaired('Here you go:\n```\n{"city": "Rome"}\n```\nAnything else?')).toEqual({ city: "Rome" });
  });

  it("drops prose before and after one JSON object", () => {
    expect(repaired('Sure! I will call it with {"city": "Paris"} and wait.')).toEqual({ city: "Paris" });
  });

  it("removes trailing commas in objects and arrays", () => {
    expect(repaired('{"ids": [1, 2, 3,], "city": "Paris",}')).toEqual({ ids: [1, 2, 3], city: "Paris" });
  });

  it("maps Python literals outside strings, never inside", () => {
    expect(repaired('{"a": True, "b": False, "c": None, "d": "True"}')).toEqual({
      a: true,
      b: false,
      c: null,
      d: "True",
    });
  });

  it("turns single-quoted strings into JSON strings", () => {
    expect(repaired("{'city': 'Paris', 'quote': 'say \"hi\"', 'its': 'it\\'s'}")).toEqual({
      city: "Paris",
      quote: 'say "hi"',
      its: "it's",
    });
  });

  it("keeps a backslash that starts no JSON escape as a character", () => {
    // \d and \s are no JSON escapes, \t is one.
    expect(repaired("{'path': 'C:\\dir\\sub', 'tab': 'a\\tb'}")).toEqual({
      path: "C:\\dir\\sub",
      tab: "a\tb",
    });
  });

  it("quotes unquoted keys", () => {
    expect(repaired('{city: "Paris", $unit_2: "c"}')).toEqual({ city: "Paris", $unit_2: "c" });
  });

  it("escapes raw control characters in strings and skips comments", () => {
    expect(repaired('{"text": "line 1\nline 2\tend" /* note */, // more\n "n": 1}')).toEqual({
      text: "line 1\nline 2\tend",
      n: 1,
    });
  });

  it("closes output that was cut off", () => {
    expect(repaired('{"city": "Par')).toEqual({ city: "Par" });
    expect(repaired('{"guests": [{"name": "Ada", "email": "a@b.c"}, {"name": "Bo')).toEqual({
      guests: [{ name: "Ada", email: "a@b.c" }, { name: "Bo" }],
    });
    expect(repaired('{"a": 1, "b": {"c": [1, 2')).toEqual({ a: 1, b: { c: [1, 2] } });
    expect(repaired('{"a": tru')).toEqual({ a: true });
    expect(repaired('{"a": 12.')).toEqual({ a: 12 });
  });

  it("drops a property cut off before its value", () => {
    expect(repaired('{"city": "Paris", "unit":')).toEqual({ city: "Paris" });
    expect(repaired('{"city": "Paris", "un')).toEqual({ city: "Paris" });
    expect(repaired('{"city": "Paris",')).toEqual({ city: "Paris" });
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
