import { describe, expect, it } from "vitest";
import { describeValue, formatIssue, readableExpected, readablePath, toIssues } from "../src/issues.ts";

describe("issues", () => {
  it("reads typia paths from the arguments object", () => {
    expect(readablePath("$input.guests[0].email")).toBe("guests[0].email");
    expect(readablePath('$input["odd key"]')).toBe('["odd key"]');
    expect(readablePath("$input")).toBe("$");
  });

  it("names anonymous object types `object` and makes tags readable", () => {
    expect(readableExpected("__type")).toBe("object");
    expect(readableExpected("__type.o5")).toBe("object");
    expect(readableExpected("Array<__type.o1>")).toBe("Array<object>");
    expect(readableExpected("(__type.o4 | null | undefined)")).toBe("object | null");
    expect(readableExpected('("c" | "f" | undefined)')).toBe('"c" | "f"');
    expect(readableExpected('(string & Format<"email">)')).toBe("string (format: email)");
    expect(readableExpected('(number & Type<"int32"> & Minimum<1> | undefined)')).toBe(
      "number (type: int32, minimum: 1)",
    );
    expect(readableExpected("(A | B) | (C)")).toBe("(A | B) | (C)");
    expect(readableExpected("undefined")).toBe("undefined");
  });

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
      { path: "$input.hotelId", expected: "string", value: undefined },
      { path: "$input.extra", expected: "undefined", value: 1 },
      { path: "$input.guests[0].email", expected: "string", value: 42 },
    ]);
    expect(missing && formatIssue(missing)).toBe("hotelId: required string is missing");
    expect(unknown && formatIssue(unknown)).toBe("extra: unknown property, remove it (received number 1)");
    expect(wrong && formatIssue(wrong)).toBe("guests[0].email: expected string, received number 42");
  });

  it("drops exact duplicates", () => {
    const error = { path: "$input.a", expected: "string", value: 1 };
    expect(toIssues([error, { ...error }])).toHaveLength(1);
  });
});
