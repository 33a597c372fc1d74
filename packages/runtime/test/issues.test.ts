import { describe, expect, it } from "vitest";
import { describeValue, formatIssue, toIssues } from "../src/issues.ts";

describe("issues", () => {
  it("describes received values briefly", () => {
    expect(describeValue(42)).toBe("number 42");
    expect(describeValue("abc")).toBe('string "abc"');
    expect(describeValue(null)).toBe("null");
    expect(describeValue(true)).toBe("boolean true");
    expect(describeValue([1, 2])).toBe("array [1,2]");
    expect(describeValue({ a: "x".repeat(100) })).toBe(`object {"a":"${"x".repeat(33)}…`);
    expect(describeValue({ a: "x".repeat(100) }).length).toBeLessThan(50);
  });

  it("formats missing, unknown and wrong values as separate kinds of line", () => {
    const [missing, unknown, wrong] = toIssues([
      { path: "hotelId", expected: "string", value: undefined },
      { path: "extra", expected: "undefined", value: 1 },
      { path: "guests[0].email", expected: "string", value: 42 },
    ]);
    expect(missing && formatIssue(missing)).toBe("hotelId: required string is missing");
    expect(unknown && formatIssue(unknown)).toBe("extra: unknown property, remove it (received number 1)");
    expect(wrong && formatIssue(wrong)).toBe("guests[0].email: expected string, received number 42");
  });

  it("drops exact duplicates", () => {
    const error = { path: "a", expected: "string", value: 1 };
    expect(toIssues([error, { ...error }])).toHaveLength(1);
  });
});
