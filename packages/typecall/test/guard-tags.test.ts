/**
 * The guard's tags as the compiler reads them into the IR: `@approval`, the length limits, and the
 * paths of `@sensitive` values through every type form (arrays, tuples, records, unions, optional
 * and named types, a sole object parameter, the result), in source order, each once, none below
 * another. The generated module's fields are checked in test/generated-guard-tags.test.ts.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ToolIR } from "../src/index.ts";
import { generate } from "../src/index.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The guard's fields of each tool of an entry, by tool name. */
function guardFields(entry: string) {
  const { toolsets, diagnostics } = generate({ entries: [entry] });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const fields = (t: ToolIR) =>
    Object.fromEntries(
      (["approval", "sensitive", "sensitiveResult", "maxArgumentsLength", "maxContentLength"] as const)
        .filter((key) => t[key] !== undefined)
        .map((key) => [key, t[key]]),
    );
  return Object.fromEntries(toolsets[0]?.tools.map((t) => [t.name, fields(t)]) ?? []);
}

describe("the guard's tags in the IR", () => {
  it("reads the case module's tags", () => {
    expect(guardFields(join(HERE, "cases", "guard", "input.ts"))).toEqual({
      pay: {
        approval: true,
        maxArgumentsLength: 4000,
        maxContentLength: 2000,
        sensitive: [
          ["card", "number"],
          ["card", "cvc"],
          ["payee", "iban"],
        ],
        sensitiveResult: [["card", "number"], ["card", "cvc"], ["authorization"]],
      },
      refund: { sensitive: [["card"]] },
      bookTrip: {
        sensitive: [
          ["travellers", "*", "passport"],
          ["travellers", "*", "cards", "*", "number"],
          ["travellers", "*", "cards", "*", "cvc"],
          ["travellers", "*", "loyalty", "*", "number"],
          ["pin"],
          ["stops", "*", "doorCode"],
        ],
        sensitiveResult: [
          ["travellers", "*", "passport"],
          ["travellers", "*", "cards", "*", "number"],
          ["travellers", "*", "cards", "*", "cvc"],
          ["travellers", "*", "loyalty", "*", "number"],
        ],
      },
      signIn: { sensitive: [[]] },
      changePassword: { sensitive: [["old"], ["next"]] },
      openSession: { sensitiveResult: [[]] },
    });
  });

  it("follows @sensitive through mapped, intersected, record, optional, named and union types", () => {
    expect(guardFields(join(HERE, "guard-tags", "input.ts"))).toEqual({
      partial: { sensitive: [["card", "number"]] },
      intersection: { sensitive: [["card", "number"]] },
      records: {
        sensitive: [
          ["cards", "*", "number"],
          ["spare", "number"],
        ],
      },
      named: { sensitive: [["cards", "*", "number"]] },
      dotted: {
        sensitive: [
          ["cards", "*", "number"],
          ["cards", "*", "cvc"],
          ["tree", "children"],
        ],
      },
      flattened: {
        sensitive: [["secret"], ["deep", "card", "number"], ["list", "*", "number"]],
      },
      unions: { sensitive: [["payment", "card", "number"]] },
      holder: { sensitive: [["tree"]] },
      result: { sensitiveResult: [["*", "number"]] },
      ownComment: { sensitive: [["card"]] },
    });
  });

  it("writes the paths into the definitions, never into the schemas", () => {
    const { files } = generate({ entries: [join(HERE, "guard-tags", "input.ts")] });
    const content = files[0]?.content ?? "";
    expect(content).not.toMatch(/"sensitive"/);
    expect(content.match(/^ {4}sensitive: /gm)).toHaveLength(9);
  });
});
