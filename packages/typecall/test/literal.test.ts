/** Parameter initializers read as JSON defaults, and the JSON printer at the edge of the line. */
import { describe, expect, it } from "vitest";
import { literalValue, NOT_LITERAL } from "../src/analyze/literal.ts";
import { printJson } from "../src/emit/json.ts";
import { ts } from "../src/typescript.ts";

/** The value of `const x = <text>;` as a default. */
function defaultOf(text: string): unknown {
  const file = ts.createSourceFile("x.ts", `const x = ${text};`, ts.ScriptTarget.ES2022, true);
  const statement = file.statements[0] as import("typescript").VariableStatement;
  const initializer = statement.declarationList.declarations[0]?.initializer;
  if (initializer === undefined) throw new Error("no initializer");
  return literalValue(initializer);
}

describe("literalValue", () => {
  it("reads every spelling of a number as the number it is", () => {
    expect(["1e3", "2.5e-1", "0x10", "0b101", "0o17", "1_000", "-1E2", ".5"].map(defaultOf)).toEqual([
      1000, 0.25, 16, 5, 15, 1000, -100, 0.5,
    ]);
  });

  it("refuses what JSON cannot hold and what is computed", () => {
    expect([defaultOf("1e400"), defaultOf("Math.PI"), defaultOf("[1, f()]")]).toEqual([
      NOT_LITERAL,
      NOT_LITERAL,
      NOT_LITERAL,
    ]);
  });
});

describe("printJson", () => {
  it("prints an empty object or array as itself even where no line has room", () => {
    expect(printJson({ a: {}, b: [] }, 0, 10, 9)).toBe('{\n  "a": {},\n  "b": [],\n}');
    expect(printJson({}, 0, 10, 99)).toBe("{}");
  });
});
