/**
 * Every tool list typecall emits, in every dialect, through the checker written from the providers'
 * rules (`support/dialect-checkers.ts`): the codegen cases and the whole BFCL corpus. A list either
 * conforms, or the compiler said why it cannot (and then it is listed here, with that diagnostic).
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { DIALECT_NAMES } from "../src/emit/dialects/index.ts";
import { loadCorpusTools } from "./support/corpus-tools.ts";
import { checkDialect, type Violation } from "./support/dialect-checkers.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, "cases");
const SCRATCH = join(HERE, ".differential");

interface Loaded {
  toolset: { schemas(dialect: string): unknown[] };
}

/** Each dialect's violations for the toolset of a generated module, as `dialect rule tool path` lines. */
async function violations(modulePath: string): Promise<string[]> {
  const { toolset } = (await import(pathToFileURL(modulePath).href)) as Loaded;
  return DIALECT_NAMES.flatMap((dialect) =>
    checkDialect(dialect, toolset.schemas(dialect)).map(
      (v: Violation) => `${dialect} ${v.rule} ${v.tool ?? ""} ${v.path ?? ""}: ${v.message}`,
    ),
  );
}

describe.each(readdirSync(CASES).sort())("case %s", (name) => {
  it("sends every dialect a tool list its provider takes", async () => {
    expect(await violations(join(CASES, name, "__output__", "input.typecall.ts"))).toEqual([]);
  });
});

describe("BFCL corpus", () => {
  it("sends every dialect a tool list its provider takes, for every module", async () => {
    const { modules } = await loadCorpusTools(join(SCRATCH, "conformance-corpus"));
    expect(modules.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const module of modules) found.push(...(await violations(module)));
    expect(found.slice(0, 40)).toEqual([]);
  });
});
