/**
 * The BFCL corpus as tools to judge: converted to TypeScript modules and generated as `pnpm corpus`
 * does (`corpus/run.ts`), in a scratch folder of the tests, then loaded.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readCorpus } from "../../../../corpus/bfcl.ts";
import { type ConvertedModule, catalogFunctions, writeModules } from "../../../../corpus/convert.ts";
import {
  type Diagnostic,
  type GeneratedFile,
  generate,
  type ToolsetIR,
  writeFiles,
} from "../../src/index.ts";
import type { LoadedTool, Subject } from "./differential.ts";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
/** As in corpus/run.ts: BFCL names like `math.hypot` are sent mapped to the providers that take no dots. */
const SEVERITY = { TC3001: "off" } as const;
const CHUNK_SIZE = 50;
const MAX_PASSES = 4;

/** The corpus tools, and the tools left out because typecall reports an error for them. */
export interface CorpusTools {
  subjects: Subject[];
  excluded: string[];
  /** The generated modules' paths, one toolset each. */
  modules: string[];
}

/** Converts, generates and loads the corpus under `outDir` (emptied of its modules first). */
export async function loadCorpusTools(outDir: string): Promise<CorpusTools> {
  const catalog = catalogFunctions(readCorpus());
  mkdirSync(outDir, { recursive: true });
  const tsconfig = {
    extends: relative(outDir, join(ROOT, "tsconfig.base.json")).replaceAll("\\", "/"),
    compilerOptions: { noEmit: true, types: [] },
    include: ["modules"],
  };
  writeFileSync(join(outDir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const generated = new Map<string, { file: GeneratedFile; toolset: ToolsetIR }>();
  const excluded = new Map<string, string>();
  let modules: ConvertedModule[] = [];
  let pending: string[] | undefined;
  // A module with errors is written again without the functions they name, as corpus/run.ts does.
  for (let pass = 1; pass <= MAX_PASSES && (pending === undefined || pending.length > 0); pass++) {
    const exclude = new Set(excluded.keys());
    modules = writeModules(catalog.values(), {
      outDir: join(outDir, "modules"),
      chunkSize: CHUNK_SIZE,
      exclude,
    });
    const entries = modules
      .filter((m) => m.functions.length > 0 && (pending ?? [m.file]).includes(m.file))
      .map((m) => m.file);
    const result = generate({ entries, severity: SEVERITY, allowAny: true });
    for (const file of result.files) {
      const toolset = result.toolsets.find((t) => t.entry === file.entry);
      if (toolset) generated.set(file.entry, { file, toolset });
    }
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    for (const d of errors)
      for (const tool of toolsOf(d, modules)) excluded.set(tool, `${d.code} ${d.message}`);
    pending = [...new Set(errors.map((d) => d.location?.file ?? ""))];
  }
  writeFiles([...generated.values()].map((g) => g.file));
  return {
    subjects: await loadSubjects(modules, generated),
    excluded: [...excluded].map((e) => e.join(": ")),
    modules: [...generated.values()].map((g) => g.file.path),
  };
}

/** The tools a diagnostic is about: the one its path names, else every tool of its module. */
function toolsOf(d: Diagnostic, modules: readonly ConvertedModule[]): string[] {
  const names = modules.find((m) => m.file === d.location?.file)?.functions.map((f) => f.toolName) ?? [];
  const named = d.path[0];
  return typeof named === "string" && names.includes(named) ? [named] : names;
}

async function loadSubjects(
  modules: readonly ConvertedModule[],
  generated: ReadonlyMap<string, { file: GeneratedFile; toolset: ToolsetIR }>,
): Promise<Subject[]> {
  const subjects: Subject[] = [];
  for (const module of modules) {
    const found = generated.get(module.file);
    if (!found || module.functions.length === 0) continue;
    subjects.push(...(await toolsetSubjects(found.file.path, found.toolset)));
  }
  return subjects;
}

/**
 * The tools of a generated module, each with its IR from the toolset it was generated from. The
 * module's list rules: a tool the IR has and the module lacks is the business of the codegen tests.
 */
export async function toolsetSubjects(modulePath: string, toolset: ToolsetIR): Promise<Subject[]> {
  const loaded = (await import(pathToFileURL(modulePath).href)) as {
    toolset: { names: readonly string[]; get(name: string): LoadedTool | undefined };
  };
  return loaded.toolset.names.map((name) => {
    const ir = toolset.tools.find((t) => t.name === name);
    if (!ir) throw new Error(`the IR of ${toolset.entry} has no tool ${name}`);
    return {
      name,
      parameters: ir.parameters,
      definitions: toolset.definitions,
      tool: loaded.toolset.get(name) as LoadedTool,
    };
  });
}
