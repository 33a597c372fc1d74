import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DIALECT_NAMES } from "../src/emit/dialects/index.ts";
import { type GenerateOptions, generate as generateModule } from "../src/index.ts";
import { caseOptions } from "./support/case-options.ts";
import { typecheck } from "./support/typecheck.ts";

const CASES = join(dirname(fileURLToPath(import.meta.url)), "cases");
const names = readdirSync(CASES).sort();

describe.each(names)("case %s", (name) => {
  const entry = join(CASES, name, "input.ts");
  const out = join(CASES, name, "__output__");
  const extra = caseOptions(join(CASES, name));
  const generate = (options: GenerateOptions) => generateModule({ ...extra, ...options });

  it("generates the reviewed module, with no error and the reviewed warnings", async () => {
    const result = generate({ entries: [entry], out });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const [file] = result.files;
    expect(file?.path).toBe(join(out, "input.typecall.ts"));
    await expect(file?.content).toMatchFileSnapshot(join(out, "input.typecall.ts"));
    const warnings = result.diagnostics.map((d) => `${d.code} ${d.path.join(" > ")}: ${d.message}\n`);
    await expect(warnings.join("")).toMatchFileSnapshot(join(out, "warnings.txt"));
  });

  it("generates the same bytes twice", () => {
    const first = generate({ entries: [entry], out }).files[0]?.content;
    const second = generate({ entries: [entry], out }).files[0]?.content;
    expect(first).toBeTypeOf("string");
    expect(second).toBe(first);
  });

  it("type-checks under strict settings", () => {
    expect(typecheck([join(out, "input.typecall.ts")])).toEqual([]);
  });

  it("loads, and its schemas match the IR's tool list", async () => {
    const module = (await import(join(out, "input.typecall.ts"))) as {
      toolset: { names: readonly string[]; schemas(dialect: string): { name: string }[] };
    };
    const { toolsets } = generate({ entries: [entry], out });
    const expected = toolsets[0]?.tools.map((t) => t.name);
    expect(module.toolset.names).toEqual(expected);
    for (const dialect of DIALECT_NAMES)
      expect(module.toolset.schemas(dialect).map((s) => s.name)).toEqual(expected);
  });
});
