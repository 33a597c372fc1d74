import { coerceArguments, type JsonSchema } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { coercibleKinds, mayCoerce } from "../src/coerce.ts";

const object = (
  properties: Record<string, JsonSchema>,
  required: string[] = [],
  extra: JsonSchema = {},
): JsonSchema => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
  ...extra,
});

describe("coerceArguments: coercion", () => {
  const schema = object({
    count: { type: "integer" },
    ratio: { type: "number" },
    flag: { type: "boolean" },
    maybe: { type: ["string", "null"] },
    limit: { type: ["integer", "null"] },
    label: { type: "string" },
    filter: object({ tag: { type: "string" } }),
    ids: { type: "array", items: { type: "integer" } },
  });

  it("turns numeric strings into numbers, integers only where the schema says integer", () => {
    expect(coerceArguments({ count: "42", ratio: "0.5" }, schema)).toEqual({ count: 42, ratio: 0.5 });
    // Exactly a JSON number: not spaced, not `02`, `2.` or `.5`, not an integer past 2^53 in any spelling.
    for (const loose of [" 0.5 ", "02", "2.", ".5", "12345678901234567891e0"])
      expect(coerceArguments({ ratio: loose }, schema)).toEqual({ ratio: loose });
    expect(coerceArguments({ count: "4.5", ratio: "1e3" }, schema)).toEqual({ count: "4.5", ratio: 1000 });
    expect(coerceArguments({ count: "12abc", ratio: "Infinity" }, schema)).toEqual({
      count: "12abc",
      ratio: "Infinity",
    });
  });

  it("keeps integers beyond 2^53 as strings rather than lose digits", () => {
    expect(coerceArguments({ count: "12345678901234567890" }, schema)).toEqual({
      count: "12345678901234567890",
    });
  });

  it('turns "true"/"false" into booleans and "null" into null where null is allowed', () => {
    expect(coerceArguments({ flag: "true", limit: "null" }, schema)).toEqual({ flag: true, limit: null });
    expect(coerceArguments({ limit: "7" }, schema)).toEqual({ limit: 7 });
    expect(coerceArguments({ flag: "false" }, schema)).toEqual({ flag: false });
    expect(coerceArguments({ flag: "False" }, schema)).toEqual({ flag: "False" });
    expect(coerceArguments({ label: "null", flag: "yes" }, schema)).toEqual({ label: "null", flag: "yes" });
  });

  it("decodes double-encoded objects and arrays, then coerces inside them", () => {
    expect(coerceArguments({ filter: '{"tag": "x"}', ids: '["1", 2]' }, schema)).toEqual({
      filter: { tag: "x" },
      ids: [1, 2],
    });
    expect(coerceArguments('{"count": "3"}', schema)).toEqual({ count: 3 });
    expect(coerceArguments({ filter: "[1]" }, schema)).toEqual({ filter: "[1]" });
  });

  it("never turns a number or boolean into a free string: that would hide the model's confusion", () => {
    expect(coerceArguments({ label: 42, maybe: true }, schema)).toEqual({ label: 42, maybe: true });
    const record = object({}, [], { additionalProperties: { type: "string" } });
    expect(coerceArguments({ a: 1, b: "x" }, record)).toEqual({ a: 1, b: "x" });
  });

  it("turns a number or boolean into a string where a literal union holds that exact text", () => {
    const choice = object({
      pick: { type: "string", enum: ["1", "2", "3"] },
      on: { enum: ["true", "false"] },
    });
    expect(coerceArguments({ pick: 2, on: true }, choice)).toEqual({ pick: "2", on: "true" });
    expect(coerceArguments({ pick: 4 }, choice)).toEqual({ pick: 4 });
    const big = object({ id: { type: "string", enum: ["12345678901234567890"] } });
    // JSON.parse already rounded it: 12345678901234567000 is not the number the model wrote.
    const rounded = JSON.parse('{ "id": 12345678901234567890 }') as { id: number };
    expect(coerceArguments(rounded, big)).toEqual(rounded);
  });

  it("keeps a long string of digits as it is, quickly (the number pattern cannot backtrack)", () => {
    const digits = `${"9".repeat(80_000)}x`;
    expect(coerceArguments({ ratio: digits }, schema)).toEqual({ ratio: digits });
  });

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
    expect(coerceArguments(fitting, schema)).toEqual(fitting);
    expect(coerceArguments({ v: "1" }, object({ v: { type: ["string", "number"] } }))).toEqual({ v: "1" });
    expect(coerceArguments({ v: "c" }, object({ v: { enum: ["c", 1] } }))).toEqual({ v: "c" });
  });

  it("coerces into enums and consts only when the result is a member", () => {
    const levels = object({ level: { type: "integer", enum: [1, 2, 3] }, mode: { const: true } });
    expect(coerceArguments({ level: "2", mode: "true" }, levels)).toEqual({ level: 2, mode: true });
    expect(coerceArguments({ level: "7" }, levels)).toEqual({ level: "7" });
  });

  it("follows $ref into the root's $defs, recursively", () => {
    const tree: JsonSchema = {
      $ref: "#/$defs/Node",
      $defs: {
        Node: object({
          value: { type: "integer" },
          children: { type: "array", items: { $ref: "#/$defs/Node" } },
        }),
      },
    };
    expect(
      coerceArguments({ value: "1", children: [{ value: "2", children: [{ value: "3" }] }] }, tree),
    ).toEqual({
      value: 1,
      children: [{ value: 2, children: [{ value: 3 }] }],
    });
  });

  it("coerces into a union only when exactly one member accepts the result", () => {
    const union = object({
      id: { anyOf: [{ type: "integer" }, { type: "boolean" }] },
      either: { anyOf: [{ type: "integer" }, { type: "null" }] },
      ambiguous: { anyOf: [object({ a: { type: "integer" } }), object({ a: { type: "boolean" } })] },
      kept: { anyOf: [{ type: "string" }, { type: "integer" }] },
    });
    expect(coerceArguments({ id: "5", either: "null", kept: "5" }, union)).toEqual({
      id: 5,
      either: null,
      kept: "5",
    });
    // "true" becomes true for one member and stays a string for the other: exactly one accepts.
    expect(coerceArguments({ ambiguous: { a: "true" } }, union)).toEqual({ ambiguous: { a: true } });
    expect(coerceArguments({ ambiguous: { a: "x" } }, union)).toEqual({ ambiguous: { a: "x" } });
  });

  it("treats unknown keywords as opaque and unconstrained schemas as accepting anything", () => {
    const loose = object({ any: {}, tagged: { "x-custom": 1, type: "integer", minimum: 10 } });
    expect(coerceArguments({ any: "1", tagged: "3" }, loose)).toEqual({ any: "1", tagged: 3 });
  });

  it("returns a new value and never mutates the input", () => {
    const input = { count: "1", filter: { tag: 7 }, ids: ["1"] };
    const snapshot = structuredClone(input);
    const output = coerceArguments(input, schema) as typeof input;
    expect(input).toEqual(snapshot);
    expect(output).not.toBe(input);
    expect(output.filter).not.toBe(input.filter);
  });
});

describe("coerceArguments: null and default normalisation", () => {
  const guest = object({ name: { type: "string" }, vip: { type: "boolean", default: false } }, ["name"]);
  const schema: JsonSchema = {
    ...object(
      {
        city: { type: "string" },
        unit: { type: "string", enum: ["c", "f"], default: "c" },
        note: { type: ["string", "null"] },
        tags: { type: "array", items: { type: "string" }, default: ["a"] },
        guests: { type: "array", items: { $ref: "#/$defs/Guest" } },
        main: { $ref: "#/$defs/Guest" },
        required: { type: "string" },
      },
      ["city", "required"],
    ),
    $defs: { Guest: guest },
  };

  it("drops null for an optional property whose schema does not admit null, then applies its default", () => {
    expect(coerceArguments({ city: "Paris", unit: null, tags: null, required: "x" }, schema)).toEqual({
      city: "Paris",
      unit: "c",
      tags: ["a"],
      required: "x",
    });
  });

  it("keeps null where the schema admits it and where the property is required", () => {
    expect(coerceArguments({ city: null, note: null, required: null }, schema)).toEqual({
      city: null,
      note: null,
      required: null,
      unit: "c",
      tags: ["a"],
    });
  });

  it("applies nested defaults through arrays and $ref, and drops nested nulls", () => {
    const output = coerceArguments(
      {
        city: "Paris",
        required: "x",
        guests: [
          { name: "Ada", vip: null },
          { name: "Bo", vip: true },
        ],
        main: { name: "Cy" },
      },
      schema,
    );
    expect(output).toEqual({
      city: "Paris",
      required: "x",
      unit: "c",
      tags: ["a"],
      guests: [
        { name: "Ada", vip: false },
        { name: "Bo", vip: true },
      ],
      main: { name: "Cy", vip: false },
    });
  });

  it("gives each call its own copy of a default", () => {
    const first = coerceArguments({ city: "a", required: "x" }, schema) as { tags: string[] };
    first.tags.push("mutated");
    expect(coerceArguments({ city: "b", required: "x" }, schema)).toMatchObject({ tags: ["a"] });
  });

  it("keeps a __proto__ key as data, not as the prototype", () => {
    const input = JSON.parse('{"city": "x", "__proto__": {"polluted": true}}');
    const output = coerceArguments(input, { type: "object" }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.keys(output)).toEqual(["city", "__proto__"]);
  });
});

describe("mayCoerce: whether coercing could fix a validator's failures", () => {
  const weather = object(
    { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"], default: "c" } },
    ["city"],
  );
  const kinds = coercibleKinds(weather);
  const failing = (path: string, value: unknown) => [{ path, value }];

  it("says no where no value is of a kind coercion converts in the schema", () => {
    // Free strings take no number; "c" | "f" is no number's or boolean's text; nothing admits a number.
    expect(mayCoerce(kinds, failing("city", 42))).toBe(false);
    expect(mayCoerce(kinds, failing("unit", "x"))).toBe(false);
    expect(mayCoerce(kinds, failing("city", { nested: ["text", 1, true] }))).toBe(false);
  });

  it("says yes for an optional property sent as null, a left-out default, or the arguments as text", () => {
    expect(mayCoerce(kinds, failing("unit", null))).toBe(true);
    expect(mayCoerce(kinds, failing("unit", undefined))).toBe(true);
    expect(mayCoerce(kinds, failing("$", '{"city":"Paris"}'))).toBe(true);
  });

  it("says yes wherever a value of a converted kind hides inside a failing one", () => {
    const counted = coercibleKinds(object({ list: { type: "array", items: { type: "integer" } } }, ["list"]));
    expect(mayCoerce(counted, failing("list", "[1, 2]"))).toBe(true);
    expect(mayCoerce(counted, failing("list", [[{ deep: "3" }]]))).toBe(true);
    const levels = coercibleKinds(object({ level: { enum: ["1", "2", "true"] } }, ["level"]));
    expect([mayCoerce(levels, failing("level", 2)), mayCoerce(levels, failing("level", true))]).toEqual([
      true,
      true,
    ]);
  });

  it("agrees with coerceArguments: where it says no, coercing changes nothing", () => {
    const cases: [JsonSchema, unknown][] = [
      [weather, { city: 42, unit: "x" }],
      [weather, { city: ["Paris"], unit: "k" }],
      [object({ n: { type: "integer" } }, ["n"]), { n: true }],
    ];
    for (const [schema, args] of cases) {
      const failures = Object.entries(args as object).map(([path, value]) => ({ path, value }));
      expect(mayCoerce(coercibleKinds(schema), failures)).toBe(false);
      expect(coerceArguments(args, schema)).toEqual(args);
    }
  });
});
