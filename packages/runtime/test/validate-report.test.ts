import type { ValidatorError } from "@typecall/runtime";
import { _validateReport } from "@typecall/runtime/internal";
import { describe, expect, it } from "vitest";

const error = (path: string, expected = "string"): ValidatorError => ({ path, expected, value: 1 });

describe("_validateReport", () => {
  it("collects exceptable errors and always returns false", () => {
    const errors: ValidatorError[] = [];
    const report = _validateReport(errors);
    expect(report(true, error("$input.a"))).toBe(false);
    expect(report(true, error("$input.b"))).toBe(false);
    expect(errors.map((e) => e.path)).toEqual(["$input.a", "$input.b"]);
  });

  it("ignores errors reported while not exceptable (union probing)", () => {
    const errors: ValidatorError[] = [];
    const report = _validateReport(errors);
    expect(report(false, error("$input.a"))).toBe(false);
    expect(errors).toEqual([]);
  });

  it("suppresses a parent (or the same path) reported after a child", () => {
    const errors: ValidatorError[] = [];
    const report = _validateReport(errors);
    report(true, error("$input.guests[0].email"));
    report(true, error("$input.guests[0]", "__type.o1"));
    report(true, error("$input.guests", "Array<__type.o1>"));
    report(true, error("$input", "__type"));
    report(true, error("$input.guests[0].email"));
    expect(errors.map((e) => e.path)).toEqual(["$input.guests[0].email"]);
  });

  it("keeps a sibling whose path is only a string prefix of the last path", () => {
    const errors: ValidatorError[] = [];
    const report = _validateReport(errors);
    report(true, error("$input.guests[0]"));
    report(true, error("$input.guest"));
    report(true, error("$input.items[1]"));
    report(true, error("$input.items[10]"));
    expect(errors.map((e) => e.path)).toEqual([
      "$input.guests[0]",
      "$input.guest",
      "$input.items[1]",
      "$input.items[10]",
    ]);
  });

  it("compares with the last error only, so a later child still reports", () => {
    const errors: ValidatorError[] = [];
    const report = _validateReport(errors);
    report(true, error("$input.a.x"));
    report(true, error("$input.b"));
    report(true, error("$input.a"));
    expect(errors.map((e) => e.path)).toEqual(["$input.a.x", "$input.b", "$input.a"]);
  });
});
