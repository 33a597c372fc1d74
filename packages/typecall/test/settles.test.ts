/**
 * The compiler marks a tool `settlesAtOnce` only when it can prove the function's promise is
 * settled when it returns (async, no await of its own, returns no thenable): the dispatcher then
 * arms no time limit for it. Anything uncertain stays unmarked.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../src/index.ts";

const entry = join(dirname(fileURLToPath(import.meta.url)), "settles", "input.ts");

describe("settlesAtOnce", () => {
  it("is proved for async functions that never wait, and only for them", () => {
    const { toolsets, diagnostics } = generate({ entries: [entry] });
    expect(diagnostics).toEqual([]);
    const marked = Object.fromEntries(
      toolsets[0]?.tools.map((t) => [t.name, t.settlesAtOnce === true]) ?? [],
    );
    expect(marked).toEqual({
      plain: true,
      awaits: false,
      forwards: false,
      opaque: false,
      loops: false,
      nested: true,
      arrow: true,
      arrowForwards: false,
      sync: false,
    });
  });

  it("is written into the generated module", () => {
    const [file] = generate({ entries: [entry] }).files;
    expect(file?.content.match(/settlesAtOnce: true/g)?.length).toBe(3);
  });
});
