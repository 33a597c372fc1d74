/**
 * The coercers the compiler writes, one rule of the README ("What lenient parsing and coercion
 * do, and never do") at a time, on the tools of `cases/coercion`: what each tool's `coerce` makes
 * of a near miss, and what the tool receives once dispatch has coerced, filled in the top level's
 * defaults and validated. `prepare-agreement.test.ts` compares the same coercers with the reference
 * on many more values; this file says, case by case, what they must do.
 */
import { createToolset, type ToolDefinition, type ToolTypes } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { toolset } from "./cases/coercion/__output__/input.typecall.ts";

type Name = (typeof toolset.names)[number];

function definition(name: Name): ToolDefinition {
  const found = toolset.get(name);
  if (found === undefined) throw new Error(`no tool ${name}`);
  return found as unknown as ToolDefinition;
}

/** What the tool's generated coercer makes of `args`. */
function coerced(name: Name, args: unknown): unknown {
  const { coerce } = definition(name);
  if (coerce === undefined) throw new Error(`${name} has no coercer`);
  return coerce(args);
}

/** The same tools, each handing back the arguments dispatch gives it. */
const echo = createToolset<Record<string, ToolTypes>>(
  toolset.names.map((name) => ({
    ...definition(name),
    run: ((args: unknown) => args) as (args: never) => unknown,
  })),
);

/** What the tool receives for arguments sent as `text`, or the failure's issues. */
async function received(name: Name, text: string): Promise<unknown> {
  const outcome = await echo.dispatch({ name, arguments: text });
  return outcome.ok ? outcome.value : outcome.error.issues;
}

describe("coercion of scalars", () => {
  it("turns numeric strings into numbers, integers only where the type is one", () => {
    expect(coerced("scalars", { count: "42", ratio: "0.5" })).toEqual({ count: 42, ratio: 0.5 });
    // Exactly a JSON number: not spaced, not `02`, `2.` or `.5`, not an integer past 2^53 in any spelling.
    for (const loose of [" 0.5 ", "02", "2.", ".5", "+1", "12345678901234567891e0", "0x10"])
      expect(coerced("scalars", { ratio: loose })).toEqual({ ratio: loose });
    expect(coerced("scalars", { count: "4.5", ratio: "1e3" })).toEqual({ count: "4.5", ratio: 1000 });
    expect(coerced("scalars", { count: "2.0" })).toEqual({ count: 2 });
    expect(coerced("scalars", { count: "12abc", ratio: "Infinity" })).toEqual({
      count: "12abc",
      ratio: "Infinity",
    });
    expect(coerced("scalars", { ratio: "1e400" })).toEqual({ ratio: "1e400" });
  });

  it("keeps integers beyond 2^53 as strings rather than lose digits", () => {
    expect(coerced("scalars", { count: "12345678901234567890" })).toEqual({ count: "12345678901234567890" });
    expect(coerced("scalars", { count: "9007199254740991" })).toEqual({ count: 9007199254740991 });
  });

  it('turns "true"/"false" into booleans and "null" into null where null is allowed', () => {
    expect(coerced("scalars", { flag: "true", limit: "null" })).toEqual({ flag: true, limit: null });
    expect(coerced("scalars", { limit: "7" })).toEqual({ limit: 7 });
    expect(coerced("scalars", { flag: "false" })).toEqual({ flag: false });
    expect(coerced("scalars", { flag: "False", maybe: "null" })).toEqual({ flag: "False", maybe: "null" });
    expect(coerced("scalars", { label: "null", flag: "yes" })).toEqual({ label: "null", flag: "yes" });
  });

  it("never turns a number or boolean into a free string: that would hide the model's confusion", () => {
    expect(coerced("scalars", { label: 42, maybe: true })).toEqual({ label: 42, maybe: true });
    expect(coerced("scalars", { notes: { a: 1, b: "x" } })).toEqual({ notes: { a: 1, b: "x" } });
  });

  it("leaves `unknown` values as they are", () => {
    expect(coerced("scalars", { any: "1" })).toEqual({ any: "1" });
    expect(coerced("scalars", { any: null })).toEqual({ any: null });
  });

  it("keeps a long string of digits as it is, quickly (the number pattern cannot backtrack)", () => {
    const digits = `${"9".repeat(80_000)}x`;
    expect(coerced("scalars", { ratio: digits })).toEqual({ ratio: digits });
  });
});

describe("coercion of objects and arrays sent as JSON text", () => {
  it("decodes double-encoded objects and arrays, then coerces inside them", () => {
    expect(coerced("scalars", { filter: '{"tag": "x"}', ids: '["1", 2]' })).toEqual({
      filter: { tag: "x" },
      ids: [1, 2],
    });
    expect(coerced("scalars", { filter: "[1]", ids: '{"0": 1}' })).toEqual({
      filter: "[1]",
      ids: '{"0": 1}',
    });
    expect(coerced("tree", { root: '{"value": "1", "children": "[{\\"value\\": \\"2\\"}]"}' })).toEqual({
      root: { value: 1, children: [{ value: 2 }] },
    });
  });

  it("decodes the arguments themselves when they come as the JSON text of their JSON text", async () => {
    expect(coerced("scalars", '{"count": "3"}')).toEqual({ count: 3 });
    expect(await received("scalars", JSON.stringify('{"count": "3"}'))).toEqual({ count: 3 });
  });

  it("hands what it cannot decode to the validator as it is, which says what is wrong inside", async () => {
    expect(coerced("scalars", { filter: '{"tag": 1}' })).toEqual({ filter: { tag: 1 } });
    expect(await received("scalars", '{"filter": "{\\"tag\\": 1}", "ids": "[1,"}')).toEqual([
      { path: "filter.tag", expected: "string", received: "number 1" },
      { path: "ids", expected: "Array<number>", received: 'string "[1,"' },
    ]);
  });
});

describe("coercion into literals", () => {
  it("turns a number or boolean into a string where a literal union holds that exact text", () => {
    expect(coerced("literals", { pick: 2, on: true })).toEqual({ pick: "2", on: "true" });
    expect(coerced("literals", { pick: 4, on: 1 })).toEqual({ pick: 4, on: 1 });
    // JSON.parse already rounded it: 12345678901234567000 is not the number the model wrote.
    const rounded = JSON.parse('{ "id": 12345678901234567890 }') as { id: number };
    expect(coerced("literals", rounded)).toEqual(rounded);
  });

  it("coerces into numeric and boolean literals only when the result is one of them", () => {
    expect(coerced("literals", { level: "2", mode: "true" })).toEqual({ level: 2, mode: true });
    expect(coerced("literals", { level: "7", mode: "false" })).toEqual({ level: "7", mode: "false" });
  });
});

describe("coercion of recursive types and unions", () => {
  it("coerces through a recursive type", () => {
    expect(
      coerced("tree", { root: { value: "1", children: [{ value: "2", children: [{ value: "3" }] }] } }),
    ).toEqual({
      root: { value: 1, children: [{ value: 2, children: [{ value: 3 }] }] },
    });
  });

  it("coerces into a union only when every member that accepts the result agrees", () => {
    expect(coerced("unions", { id: "5", either: "null", kept: "5" })).toEqual({
      id: 5,
      either: null,
      kept: "5",
    });
    expect(coerced("unions", { id: "true", either: "6" })).toEqual({ id: true, either: 6 });
    // "true" becomes true for one member and stays a string for the other: exactly one accepts.
    expect(coerced("unions", { ambiguous: { a: "true" } })).toEqual({ ambiguous: { a: true } });
    expect(coerced("unions", { ambiguous: { a: "1" } })).toEqual({ ambiguous: { a: 1 } });
    expect(coerced("unions", { ambiguous: { a: "x" } })).toEqual({ ambiguous: { a: "x" } });
  });
});

describe("null and default normalisation", () => {
  it("drops null for an optional property whose type does not take null; dispatch then fills its default", async () => {
    expect(coerced("defaults", { city: "Paris", unit: null, tags: null, required: "x" })).toEqual({
      city: "Paris",
      required: "x",
    });
    expect(
      await received("defaults", '{"city": "Paris", "unit": null, "tags": null, "required": "x"}'),
    ).toEqual({
      city: "Paris",
      unit: "c",
      tags: ["a"],
      required: "x",
    });
  });

  it("keeps null where the type takes it and where the property is required", () => {
    expect(coerced("defaults", { city: null, note: null, required: null })).toEqual({
      city: null,
      note: null,
      required: null,
    });
  });

  it("applies defaults below the top, through arrays, and drops nested nulls, on valid calls too", async () => {
    const args = {
      city: "Paris",
      required: "x",
      guests: [{ name: "Ada", vip: null }, { name: "Bo" }],
      main: {},
    };
    expect(coerced("defaults", args)).toEqual({
      city: "Paris",
      required: "x",
      guests: [
        { name: "Ada", vip: false, drinks: ["tea"] },
        { name: "Bo", vip: false, drinks: ["tea"] },
      ],
      main: { vip: false, drinks: ["tea"] },
    });
    expect(await received("defaults", '{"city": "a", "required": "x", "main": {"name": "Cy"}}')).toEqual({
      city: "a",
      required: "x",
      unit: "c",
      tags: ["a"],
      main: { name: "Cy", vip: false, drinks: ["tea"] },
    });
  });

  it("gives each call its own copy of a default, at the top and below it", async () => {
    const text = '{"city": "a", "required": "x", "main": {"name": "Cy"}}';
    const first = (await received("defaults", text)) as { tags: string[]; main: { drinks: string[] } };
    first.tags.push("mutated");
    first.main.drinks.push("mutated");
    expect(await received("defaults", text)).toMatchObject({ tags: ["a"], main: { drinks: ["tea"] } });
  });
});

describe("what a coercer never does", () => {
  it("never converts a value that already fits", () => {
    const fitting = {
      count: 1,
      ratio: 2,
      flag: false,
      maybe: "null",
      label: "42",
      filter: { tag: "1" },
      ids: [],
    };
    expect(coerced("scalars", fitting)).toEqual(fitting);
    expect(coerced("unions", { kept: "1", id: 2, either: null })).toEqual({ kept: "1", id: 2, either: null });
  });

  it("returns a new value and never mutates its input", () => {
    const input = { count: "1", filter: { tag: 7 }, ids: ["1"], maybe: null };
    const snapshot = structuredClone(input);
    const output = coerced("scalars", input) as typeof input;
    expect(input).toEqual(snapshot);
    expect(output).not.toBe(input);
    expect(output).toEqual({ count: 1, filter: { tag: 7 }, ids: [1], maybe: null });
  });

  it("keeps a __proto__ key as data, not as the prototype", () => {
    const input = JSON.parse('{"city": "x", "__proto__": {"polluted": true}, "guests": [{"__proto__": 1}]}');
    const output = coerced("defaults", input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.keys(output)).toEqual(["city", "__proto__", "guests"]);
    const [guest] = output.guests as Record<string, unknown>[];
    expect(Object.getPrototypeOf(guest)).toBe(Object.prototype);
    expect(Object.keys(guest as object)).toEqual(["__proto__", "vip", "drinks"]);
  });

  it("hands anything but an object back as it is, and never throws on JSON values", () => {
    for (const value of [null, 1, "text", [], true, "[1]", '"{}"', "{"]) {
      for (const name of toolset.names) {
        const { coerce } = definition(name);
        if (coerce !== undefined) expect(coerce(value)).toEqual(value);
      }
    }
  });
});

describe("what dispatch does around the coercer", () => {
  it("has no coercer for a tool whose arguments nothing can convert, and reports its failures as they are", async () => {
    expect(definition("texts").coerce).toBeUndefined();
    expect(await received("texts", '{"city": 42, "code": "a"}')).toEqual([
      { path: "city", expected: "string", received: "number 42" },
    ]);
    // The arguments' JSON text sent as JSON text is still read as the object it holds.
    const twice = JSON.stringify('{"city": "Paris", "code": "a"}');
    expect(await received("texts", twice)).toEqual({ city: "Paris", code: "a" });
  });

  it("bounds the nesting of what a coercer decodes as it bounds what was parsed", async () => {
    const nested = (depth: number) => {
      let node = '{"value": 1}';
      for (let i = 0; i < depth; i++) node = `{"value": 1, "children": [${node}]}`;
      return JSON.stringify({ root: node });
    };
    expect(await received("tree", nested(20))).toMatchObject({ root: { value: 1 } });
    const deep = await echo.dispatch({ name: "tree", arguments: nested(100) });
    expect(deep).toMatchObject({ ok: false, error: { code: "limit_exceeded" } });
    // Text nested deeper than a coercer may recurse is not decoded: the validator says what it got.
    expect(await received("tree", nested(20_000))).toEqual([
      { path: "root", expected: "object", received: expect.stringMatching(/^string "/) },
    ]);
  });
});
