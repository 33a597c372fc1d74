import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KINDS = [
  'mode: "fast" | "safe" | "auto"',
  "tags: string[]",
  "limit?: number",
  "owner: { id: string; name?: string | null }",
  "flags: boolean[]",
];

/**
 * Writes a synthetic corpus of `files` tool modules with `perFile` functions each: varied positional
 * parameters, an interface every tool of a module shares, with property comments, literal unions,
 * arrays and nested objects. With `shared`, a `shared.ts` module's `Common` type is used by the
 * first tool of every module. Returns the entry paths.
 */
export function writeCorpus(dir: string, files: number, perFile: number, shared = false): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entries: string[] = [];
  if (shared) writeFileSync(join(dir, "shared.ts"), sharedModule(0));
  for (let f = 0; f < files; f++) {
    const parts = [
      ...(shared ? ['import type { Common } from "./shared.ts";', ""] : []),
      `/** Options shared by the tools of module ${f}. */`,
      `export interface Options${f} {`,
      "  /** A label. */",
      "  label: string;",
      "  /** How many. */",
      "  count?: number;",
      `  ${KINDS[f % KINDS.length]};`,
      "}",
    ];
    for (let i = 0; i < perFile; i++) {
      const [, name, optional, type] = /^(\w+)(\??): (.*)$/.exec(KINDS[(f + i) % KINDS.length] ?? "") ?? [];
      parts.push(
        "/**",
        ` * Tool ${i} of module ${f}: does one useful thing.`,
        " * @param query What to look for",
        " * @param options Options for the search",
        " */",
        `export function tool${f}x${i}(query: string, options: Options${f}, ${name}${optional}: ${type}, page = ${i}${shared && i === 0 ? ", common?: Common" : ""}): string {`,
        "  return query;",
        "}",
      );
    }
    const path = join(dir, `module${f}.ts`);
    writeFileSync(path, `${parts.join("\n")}\n`);
    entries.push(path);
  }
  return entries;
}

/** The corpus's `shared.ts` at its `version`-th edit: one more documented property each time. */
export function sharedModule(version: number): string {
  const extra = Array.from(
    { length: version },
    (_, i) => `  /** Added by edit ${i + 1}. */\n  extra${i}?: string;`,
  );
  return [
    "/** What every module shares. */",
    "export interface Common {",
    "  /** Who. */",
    "  id: string;",
    ...extra,
    "}",
    "",
  ].join("\n");
}
