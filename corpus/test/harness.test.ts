import { describe, expect, it } from "vitest";
import type { BfclSchema } from "../bfcl.ts";
import { mutationsOf, UNKNOWN_PROPERTY, wrongValue } from "../harness.ts";
import { formatPath, parseIssuePath } from "../paths.ts";

describe("parseIssuePath", () => {
  it("reads the runtime's issue paths as segments, and formatPath writes them back", () => {
    for (const [text, segments] of [
      ["$", []],
      ["city", ["city"]],
      ["guests[0].email", ["guests", 0, "email"]],
      ['["my-name"]', ["my-name"]],
      ['opts["a.b"][2]', ["opts", "a.b", 2]],
    ] as const) {
      expect(parseIssuePath(text)).toEqual(segments);
      expect(formatPath([...segments])).toBe(text);
    }
  });
});

describe("mutationsOf", () => {
  const parameters: BfclSchema = {
    type: "dict",
    properties: {
      data: { type: "any" },
      count: { type: "integer", default: 1 },
      name: { type: "string" },
      on: { type: "boolean" },
    },
    required: ["count", "name"],
  };

  it("mutates the first typed property present, removes a required one without default, adds an unknown one", () => {
    const call = { data: 1, count: 2, name: "x" };
    expect(mutationsOf(parameters, call)).toEqual([
      { kind: "wrong type", path: ["count"], call: { data: 1, count: [1], name: "x" } },
      { kind: "missing required", path: ["name"], call: { data: 1, count: 2 } },
      { kind: "unknown property", path: [UNKNOWN_PROPERTY], call: { ...call, [UNKNOWN_PROPERTY]: 1 } },
    ]);
  });

  it("has no wrong type for a call of untyped values only, nor a removal without a removable property", () => {
    expect(mutationsOf(parameters, { data: 1 }).map((m) => m.kind)).toEqual(["unknown property"]);
  });
});

describe("wrongValue", () => {
  it("gives values no documented coercion turns into the declared type", () => {
    expect(wrongValue({ type: "string" })).toEqual({ value: {} });
    expect(wrongValue({ type: "float" })).toEqual({ value: [1] });
    expect(wrongValue({ type: "Boolean" })).toEqual({ value: "x" });
    expect(wrongValue({ type: "dict" })).toEqual({ value: "x" });
    expect(wrongValue({ type: "any" })).toBeUndefined();
  });
});
