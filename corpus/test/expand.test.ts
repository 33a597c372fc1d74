import { describe, expect, it } from "vitest";
import { combine, expandCall } from "../expand.ts";

describe("expandCall", () => {
  it('expands every combination, "" leaving the parameter out', () => {
    expect(expandCall({ base: [10], unit: ["units", ""], z: ["", 0] })).toEqual([
      { base: 10, unit: "units" },
      { base: 10, unit: "units", z: 0 },
      { base: 10 },
      { base: 10, z: 0 },
    ]);
  });

  it("takes arrays as values and expands the fields of objects", () => {
    expect(expandCall({ point: [[3, 4]], budget: [{ min: [1, 2], max: [""] }] })).toEqual([
      { point: [3, 4], budget: { min: 1 } },
      { point: [3, 4], budget: { min: 2 } },
    ]);
  });

  it("expands objects inside arrays", () => {
    const conditions = [[{ field: ["age"], op: [">", "gt"] }, { field: ["job"] }]];
    expect(expandCall({ conditions })).toEqual([
      { conditions: [{ field: "age", op: ">" }, { field: "job" }] },
      { conditions: [{ field: "age", op: "gt" }, { field: "job" }] },
    ]);
  });

  it("drops duplicate choices", () => {
    expect(expandCall({ a: [1, 1, ""], b: ["", ""] })).toEqual([{ a: 1 }, {}]);
  });

  it("covers every allowed value once the combinations exceed the cap, and stops at the cap", () => {
    const params = { a: [1, 2, 3], b: ["x", "y", "z"], c: [true, false] };
    const calls = expandCall(params, 6);
    expect(calls).toEqual([
      { a: 1, b: "x", c: true },
      { a: 2, b: "x", c: true },
      { a: 3, b: "x", c: true },
      { a: 1, b: "y", c: true },
      { a: 1, b: "z", c: true },
      { a: 1, b: "x", c: false },
    ]);
    expect(expandCall(params, 3)).toHaveLength(3);
    expect(expandCall(params)).toHaveLength(18);
  });
});

describe("combine", () => {
  it("gives one pick from each list", () => {
    expect(combine<number | string>([[1, 2], ["a"]], 20)).toEqual([
      [1, "a"],
      [2, "a"],
    ]);
    expect(combine([], 20)).toEqual([[]]);
  });
});
