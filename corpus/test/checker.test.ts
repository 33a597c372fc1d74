import { describe, expect, it } from "vitest";
import type { BfclSchema } from "../bfcl.ts";
import { checkValue, jsonEqual, lenientValue } from "../checker.ts";

const schema: BfclSchema = {
  type: "dict",
  properties: {
    count: { type: "integer" },
    ratio: { type: "float" },
    name: { type: "String", enum: ["a", "b"] },
    on: { type: "boolean", default: false },
    point: { type: "tuple", items: { type: "float" } },
    when: { type: "string", format: "date" },
    fee: { type: "integer", maximum: 400 },
    anything: { type: "any" },
    empty: { type: "" },
    inner: {
      type: "dict",
      properties: { city: { type: "string" }, zip: { type: "string", default: "00000" } },
      required: ["city"],
    },
    free: { type: "dict", required: ["adults"] },
  },
  required: ["count"],
};

const pathsOf = (value: unknown) => checkValue(value, schema).map((i) => i.path);

describe("checkValue", () => {
  it("accepts values of the dialect's types", () => {
    const value = {
      count: 3,
      ratio: 2,
      name: "a",
      on: true,
      point: [1.5, 2],
      when: "2024-02-29",
      fee: 400,
      anything: { deep: [null] },
      empty: "x",
      inner: { city: "Paris" },
      free: { adults: 2, kids: 1 },
    };
    expect(checkValue(value, schema)).toEqual([]);
  });

  it("tells integers from floats, and checks enums, dates and maximums", () => {
    expect(pathsOf({ count: 2.5 })).toEqual([["count"]]);
    expect(pathsOf({ count: 1, ratio: "1" })).toEqual([["ratio"]]);
    expect(pathsOf({ count: 1, name: "c" })).toEqual([["name"]]);
    expect(pathsOf({ count: 1, when: "2023-02-29" })).toEqual([["when"]]);
    expect(pathsOf({ count: 1, when: "01/15/2021" })).toEqual([["when"]]);
    expect(pathsOf({ count: 1, fee: 401 })).toEqual([["fee"]]);
  });

  it("names the path of missing, unknown and nested wrong values", () => {
    expect(pathsOf({})).toEqual([["count"]]);
    expect(pathsOf({ count: 1, extra: 1 })).toEqual([["extra"]]);
    expect(pathsOf({ count: 1, inner: { zip: "1" } })).toEqual([["inner", "city"]]);
    expect(pathsOf({ count: 1, inner: { city: "P", more: 1 } })).toEqual([["inner", "more"]]);
    expect(pathsOf({ count: 1, point: [1, "2"] })).toEqual([["point", 1]]);
    expect(pathsOf({ count: 1, free: { kids: 1 } })).toEqual([["free", "adults"]]);
    expect(pathsOf({ count: 1, on: null })).toEqual([["on"]]);
  });
});

describe("lenientValue", () => {
  it("drops null for optional properties and applies defaults, nested too", () => {
    expect(lenientValue({ count: 1, ratio: null, inner: { city: "P", zip: null } }, schema)).toEqual({
      count: 1,
      on: false,
      inner: { city: "P", zip: "00000" },
    });
  });

  it("keeps null where it is required or where any value is allowed", () => {
    const value = lenientValue({ count: null, anything: null }, schema) as Record<string, unknown>;
    expect(value.count).toBeNull();
    expect(value.anything).toBeNull();
  });

  it("converts only what the documentation says it converts", () => {
    const out = (value: Record<string, unknown>) => lenientValue({ count: 1, ...value }, schema);
    expect(out({ ratio: "2.5" })).toMatchObject({ ratio: 2.5 });
    expect(out({ ratio: " 2.5 " })).toMatchObject({ ratio: " 2.5 " });
    expect(lenientValue({ count: "42" }, schema)).toMatchObject({ count: 42 });
    expect(lenientValue({ count: "4.5" }, schema)).toMatchObject({ count: "4.5" });
    expect(out({ on: "true" })).toMatchObject({ on: true });
    expect(out({ on: "TRUE" })).toMatchObject({ on: "TRUE" });
    expect(out({ on: "yes" })).toMatchObject({ on: "yes" });
    expect(out({ inner: '{"city":"P"}' })).toMatchObject({ inner: { city: "P", zip: "00000" } });
    expect(out({ point: "[1, 2]" })).toMatchObject({ point: [1, 2] });
    expect(out({ point: "x" })).toMatchObject({ point: "x" });
    // 7 becomes "7" only where an enum holds "7": never a free string, never a refused enum value.
    const strings: BfclSchema = {
      type: "dict",
      properties: {
        s: { type: "string" },
        e: { type: "string", enum: ["a"] },
        n: { type: "string", enum: ["7"] },
      },
    };
    expect(lenientValue({ s: 7, e: true, n: 7 }, strings)).toEqual({ s: 7, e: true, n: "7" });
  });
});

describe("jsonEqual", () => {
  it("compares deeply and counts undefined properties as absent", () => {
    expect(jsonEqual({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, {})).toBe(false);
  });
});
