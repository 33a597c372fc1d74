/**
 * `pnpm corpus`: converts the BFCL corpus to TypeScript tool modules, generates their dispatchers
 * with typecall, measures them, prints the summary, and exits 1 unless every figure of the
 * expressible functions is 100%.
 *
 * Options: `--details <n>` (mismatches shown per kind, default 25), `--bfcl <dir>` (the corpus),
 * `--openai-strict` (OpenAI strict mode "always": what it cannot express is an error, TC3003, not a
 * warning that sends the tool non-strict).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Diagnostic, type GeneratedFile, generate } from "typecall";
import { DEFAULT_BFCL_DIR, readCorpus } from "./bfcl.ts";
import { type ConvertedFunction, type ConvertedModule, catalogFunctions, writeModules } from "./convert.ts";
import { type CallLog, type Generated, type LoadedToolset, runHarness } from "./harness.ts";
import { allPerfect, type Finding, figuresOf, formatReport } from "./report.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, ".out");
const MODULES = join(OUT, "modules");
/** Functions per module: small enough to keep one failing function's blast radius small, big enough to be fast. */
const CHUNK_SIZE = 50;
/** BFCL names like `math.hypot` are sent mapped to the providers that take no dots (TC3001: off). */
const SEVERITY = { TC3001: "off" } as const;
const STRICT = process.argv.includes("--openai-strict") ? ({ openai: "always" } as const) : {};
/** The analysis program of the modules: the repository's strict options, without Node's types. */
const TSCONFIG = {
  extends: "../../tsconfig.base.json",
  compilerOptions: { noEmit: true, types: [] },
  include: ["modules"],
};

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? (process.argv[at + 1] as string) : fallback;
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const tests = readCorpus(option("--bfcl", DEFAULT_BFCL_DIR));
const catalog = catalogFunctions(tests);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);

// Generate; a module with errors is written again without the functions they name, until none is left.
const errors = new Map<string, Finding[]>();
const files = new Map<string, GeneratedFile>();
const lastDiagnostics = new Map<string, Diagnostic[]>();
let modules: ConvertedModule[] = [];
let pending: string[] | undefined;
for (let pass = 1; pass <= 4 && (pending === undefined || pending.length > 0); pass++) {
  modules = writeModules(catalog.values(), {
    outDir: MODULES,
    chunkSize: CHUNK_SIZE,
    exclude: new Set(errors.keys()),
  });
  const entries = modules
    .filter((m) => m.functions.length > 0 && (pending ?? [m.file]).includes(m.file))
    .map((m) => m.file);
  const result = generate({ entries, severity: SEVERITY, strict: STRICT, allowAny: true });
  for (const file of result.files) files.set(file.entry, file);
  for (const entry of entries)
    lastDiagnostics.set(
      entry,
      result.diagnostics.filter((d) => d.location?.file === entry),
    );
  const failing = result.diagnostics.filter((d) => d.severity === "error");
  for (const d of failing) {
    for (const tool of toolsOf(d, modules))
      errors.set(tool, [...(errors.get(tool) ?? []), { code: d.code, message: d.message }]);
  }
  pending = [...new Set(failing.map((d) => d.location?.file ?? ""))];
  console.log(
    `pass ${pass}: generated ${result.files.length}/${entries.length} modules, ${failing.length} errors (${elapsed()})`,
  );
  if (failing.some((d) => d.location === undefined))
    throw new Error(`errors without a location: ${JSON.stringify(failing)}`);
}
for (const file of files.values()) writeFileSync(file.path, file.content);

/** The tools a diagnostic is about: the one its path names, else every tool of its module. */
function toolsOf(d: Diagnostic, all: readonly ConvertedModule[]): string[] {
  const module = all.find((m) => m.file === d.location?.file);
  const names = module?.functions.map((f) => f.toolName) ?? [];
  const named = d.path[0];
  return typeof named === "string" && names.includes(named) ? [named] : names;
}

// Load every generated toolset, and the log the converted tools record their calls in.
const generated = new Map<string, Generated>();
const converted = new Map<string, ConvertedFunction>();
const warnings = new Map<string, Finding[]>();
for (const module of modules) {
  const file = files.get(module.file);
  if (!file || module.functions.length === 0) continue;
  const { toolset } = (await import(pathToFileURL(file.path).href)) as { toolset: LoadedToolset };
  for (const fn of module.functions) {
    converted.set(fn.toolName, fn);
    generated.set(fn.toolName, { converted: fn, toolset });
  }
  for (const d of lastDiagnostics.get(module.file) ?? []) {
    for (const tool of toolsOf(d, [module]))
      warnings.set(tool, [...(warnings.get(tool) ?? []), { code: d.code, message: d.message }]);
  }
}
const { received } = (await import(pathToFileURL(join(MODULES, "log.ts")).href)) as { received: CallLog };
const result = await runHarness(tests, catalog, generated, received);

const details = Number(option("--details", "25"));
const input = { functions: [...catalog.values()], converted, errors, warnings, result, details };
console.log(formatReport(input).join("\n"));
const ok = allPerfect(figuresOf(input));
console.log(
  `\n${ok ? "All figures of the expressible functions are 100%." : "Some figures are below 100%."} (${elapsed()})`,
);
process.exitCode = ok ? 0 : 1;
