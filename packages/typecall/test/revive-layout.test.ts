/**
 * The revival of `Date`, `bigint` and `URL` arguments, as the generated `run` writes it: on one
 * line when it fits, else broken one part per line the way a formatter would, within 120 columns.
 */
import { describe, expect, it } from "vitest";
import { layoutDoc, reviveExpression } from "../src/emit/revive.ts";
import type { PropertyIR, TypeIR } from "../src/ir/types.ts";

const date: TypeIR = { kind: "string", format: "date-time", revive: "date" } as TypeIR;
const property = (name: string, type: TypeIR, optional = false): PropertyIR =>
  ({ name, type, optional }) as PropertyIR;
const laid = (properties: PropertyIR[]) => {
  const doc = reviveExpression({ kind: "object", properties }, "args");
  if (doc === undefined) throw new Error("expected a reviver");
  return layoutDoc(doc, "      ", 27, 1);
};

describe("revival layout", () => {
  it("stays on one line when it fits", () => {
    expect(laid([property("at", date)])).toBe('{ ...args, "at": new Date(args["at"]) }');
  });

  it("breaks one part per line, deeper parts too, every line within 120 columns", () => {
    const item: TypeIR = {
      kind: "object",
      properties: ["startsAtTheBeginning", "endsAtTheVeryEnd", "remindsSomeoneBefore"].map((n) =>
        property(n, date, true),
      ),
    } as TypeIR;
    const text = laid([
      property("appointments", { kind: "array", items: item } as TypeIR),
      property("at", date),
    ]);
    const lines = text.split("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(6 + line.length).toBeLessThanOrEqual(120);
    // Still one expression: an object body of an arrow in parentheses, every part closed.
    expect(text).toContain('"appointments": args["appointments"].map((x1: any) => ({');
    expect(() => new Function(`const args = {}; return ${text.replaceAll(": any", "")};`)).not.toThrow();
  });
});
