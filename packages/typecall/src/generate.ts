import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import {
  type AnalyzeOptions,
  analyzeEntries,
  type EntryAnalysis,
  TOOL_NAMINGS,
  type ToolNaming,
} from "./analyze/index.ts";
import type { DiagnosticCode } from "./diagnostics/codes.ts";
import {
  createDiagnostic,
  type Diagnostic,
  guarded,
  hasErrors,
  sortDiagnostics,
} from "./diagnostics/diagnostic.ts";
import {
  DIALECT_NAMES,
  type DialectName,
  dialectProblem,
  type StrictDialect,
  type StrictMode,
  strictProblem,
} from "./emit/dialects/index.ts";
import { type DialectOptions, runDialects, type ToolDialects } from "./emit/dialects/run.ts";
import { emitModule, type ModuleInput } from "./emit/module.ts";
import type { ToolIR, ToolsetIR } from "./ir/types.ts";
import type { ValidatorEngine, ValidatorOutput } from "./validators/engine.ts";
import { createIrEngine } from "./validators/ir-engine.ts";
import { createTypiaEngine } from "./validators/typia.ts";

/** What to generate. */
export interface GenerateOptions {
  /** Entry modules: each exported function becomes a tool. */
  entries: readonly string[];
  /**
   * Where to write: a folder (each output is `<folder>/<entry>.typecall.ts`) or, with a single entry,
   * a file path ending in `.ts`. Default: beside each entry.
   */
  out?: string;
  /**
   * The validator engine: typecall's own compiler from the IR (default, fast), or typia run
   * in-process (slower; kept to cross-check the default engine).
   */
  validators?: "typecall" | "typia";
  /** Accept `unknown` and `any` as free JSON without the TC2006 warning. Default false. */
  allowAny?: boolean;
  /**
   * Per-code severity overrides: `"off"` drops a diagnostic, `"warning"` lets its module generate,
   * `"error"` blocks it. For example `{ TC3001: "off" }` to accept provider-mapped tool names quietly.
   */
  severity?: Partial<Record<DiagnosticCode, "error" | "warning" | "off">>;
  /**
   * The dialects to emit and check (default: all of them). Only these are checked, so an app
   * without OpenAI sees no OpenAI diagnostic. `json-schema`, the canonical form every other
   * dialect starts from, is always emitted.
   */
  dialects?: readonly DialectName[];
  /**
   * Per dialect with a strict mode (`openai`, `openai-responses`, `anthropic`): `auto` (default)
   * sends a tool strict when the mode can express it, else non-strict with a warning; `always`
   * makes that warning an error; `never` sends every tool non-strict.
   */
  strict?: Partial<Record<StrictDialect, StrictMode>>;
  /**
   * The casing of tool names taken from exports: `snake_case` sends `getWeather` as `get_weather`,
   * `camelCase` sends `get_weather` as `getWeather`. A tool's `@name` is kept as written. Default:
   * the export name as written.
   */
  naming?: ToolNaming;
  /**
   * The tsconfig.json whose compiler options every entry is analysed with. Default: the nearest
   * tsconfig.json above each entry (strict defaults without one).
   */
  tsconfig?: string;
}

/** A file to write. */
export interface GeneratedFile {
  /** Absolute path. */
  path: string;
  /** Absolute path of the entry it was generated from. */
  entry: string;
  content: string;
}

/** The outcome of {@link generate}: files for the entries without errors, and every diagnostic. */
export interface GenerateResult {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
  toolsets: ToolsetIR[];
  /** Each entry's outcome, in entry order: what its tools are sent as, and its own diagnostics. */
  modules: ModuleResult[];
}

/** One entry's outcome, whether or not its module was generated (for `typecall inspect`, tools that show it). */
export interface ModuleResult {
  /** Absolute path of the entry. */
  entry: string;
  /**
   * What each tool of the entry's toolset (`toolsets`, same order) is sent as: its arguments' schema
   * per dialect asked for, the dialects that send it strict, and the names it is sent under where its
   * own breaks a provider's rule.
   */
  tools: ToolDialects[];
  /** The diagnostics of this entry, severities applied, sorted (`diagnostics` holds every entry's). */
  diagnostics: Diagnostic[];
}

/**
 * Analyses the entries and prints a dispatcher module for each one that has no error.
 * Writes nothing: see `writeFiles` and `findStale`. Deterministic: the same input gives the same bytes.
 */
export function generate(options: GenerateOptions): GenerateResult {
  const entries = options.entries.map((e) => resolve(e));
  const dialectOptions = readDialectOptions(options);
  const analyses = analyzeEntries(entries, readAnalyzeOptions(options));
  return generateFrom(analyses, options, dialectOptions);
}

/**
 * What {@link generateFrom} made of an analysis, kept by the engine: the same analysis object
 * (its entry unchanged) needs no dialect run, no validators and no emission again.
 */
export interface EmittedEntry {
  readonly dialects: { readonly tools: ToolDialects[]; readonly diagnostics: Diagnostic[] };
  file?: GeneratedFile;
}

/**
 * The second half of {@link generate}: the modules of entries already analysed, in entry order.
 * With `emitted`, an analysis found there is not run through the dialects, validators and
 * emitter again, and what is made of the others is added to it. The checks across modules
 * (tool names used twice) run over all of them each time, so the result is the one a cold
 * {@link generate} gives.
 */
export function generateFrom(
  analyses: readonly EntryAnalysis[],
  options: GenerateOptions,
  dialectOptions: DialectOptions = readDialectOptions(options),
  emitted?: Map<EntryAnalysis, EmittedEntry>,
): GenerateResult {
  const files: GeneratedFile[] = [];
  const entries = options.entries.map((e) => resolve(e));
  const names = duplicateNames(analyses.map((a) => a.toolset));
  const modules: ModuleResult[] = [];
  const ready: { analysis: (typeof analyses)[number]; path: string; module: ModuleResult }[] = [];
  for (const analysis of analyses) {
    const kept = emitted?.get(analysis);
    const dialects = kept?.dialects ?? runDialects(analysis.toolset, dialectOptions);
    if (emitted && !kept) emitted.set(analysis, { dialects });
    const raw = [...analysis.diagnostics, ...dialects.diagnostics, ...(names.get(analysis.toolset) ?? [])];
    const module: ModuleResult = {
      entry: analysis.toolset.entry,
      tools: dialects.tools,
      diagnostics: withSeverities(raw, options.severity),
    };
    modules.push(module);
    if (hasErrors(module.diagnostics) || analysis.toolset.tools.length === 0) continue;
    if (kept?.file) {
      files.push(kept.file);
      continue;
    }
    const path = outputPath(analysis.toolset.entry, options.out, entries.length);
    ready.push({ analysis, path, module });
  }
  // One validator batch per program: an engine that needs TypeScript then extends it once.
  for (const program of new Set(ready.map((r) => r.analysis.program))) {
    const batch = ready.filter((r) => r.analysis.program === program);
    const engine = options.validators === "typia" ? createTypiaEngine(program) : createIrEngine();
    const compiled = compileValidators(
      engine,
      batch.map(({ analysis, path }) => ({ toolset: analysis.toolset, key: path })),
    );
    batch.forEach(({ analysis, path, module }, i) => {
      const { toolset } = analysis;
      const output = compiled[i];
      if (output === undefined || Array.isArray(output)) {
        module.diagnostics.push(...(output ?? []));
        return;
      }
      const input = (tools: ToolIR[]): ModuleInput => ({
        toolset: { ...toolset, tools },
        entryImport: importSpecifier(path, toolset.entry, program.options),
        entryDisplay: relative(dirname(path), toolset.entry).replaceAll("\\", "/"),
        validators: output.validators.filter((_, t) => tools.includes(toolset.tools[t] as ToolIR)),
        dialects: module.tools.filter((_, t) => tools.includes(toolset.tools[t] as ToolIR)),
        declarations: output.declarations ?? [],
        helpers: output.helpers,
        typeImports: output.typeImports ?? [],
        imports: output.imports ?? [],
      });
      const content = guarded(toolset.tools, "emitting", (tools) => emitModule(input(tools)));
      if (typeof content !== "string") {
        module.diagnostics.push(...content);
        return;
      }
      const file = { path, entry: toolset.entry, content };
      files.push(file);
      const kept = emitted?.get(analysis);
      if (kept) kept.file = file;
    });
  }
  const order = new Map(entries.map((entry, i) => [entry, i]));
  files.sort((a, b) => (order.get(a.entry) ?? 0) - (order.get(b.entry) ?? 0));
  for (const module of modules) module.diagnostics = sortDiagnostics(module.diagnostics);
  return {
    files,
    diagnostics: sortDiagnostics(modules.flatMap((m) => m.diagnostics)),
    toolsets: analyses.map((a) => a.toolset),
    modules,
  };
}

/** The validators of each module, or the TC9001 diagnostics of the tools whose validators failed to build. */
function compileValidators(
  engine: ValidatorEngine,
  modules: readonly { toolset: ToolsetIR; key: string }[],
): (ValidatorOutput | Diagnostic[])[] {
  const request = (key: string, toolset: ToolsetIR, tools: readonly ToolIR[]) => ({
    key,
    tools: tools.map((t) => t.parameters),
    names: tools.map((t) => t.exportName),
    definitions: toolset.definitions,
  });
  try {
    return engine.compile(modules.map((m) => request(m.key, m.toolset, m.toolset.tools)));
  } catch {
    // Find the tools at fault, module by module, so that each is named.
    return modules.map(({ toolset, key }) =>
      guarded(toolset.tools, "building the validator of", (tools) => {
        const [output] = engine.compile([request(key, toolset, tools)]);
        if (!output) throw new Error("the validator engine returned no output");
        return output;
      }),
    );
  }
}

/**
 * The dialect options with their defaults: every dialect, `auto` strictness. Throws a TypeError
 * naming the value for a dialect or a mode that does not exist.
 */
export function readDialectOptions(options: GenerateOptions): DialectOptions {
  const dialects = options.dialects ?? DIALECT_NAMES;
  const strict = options.strict ?? {};
  const problem =
    dialects.map(dialectProblem).find(Boolean) ??
    Object.entries(strict)
      .map(([name, mode]) => strictProblem(name, mode))
      .find(Boolean);
  if (problem) throw new TypeError(`typecall: ${problem}`);
  return { dialects: DIALECT_NAMES.filter((d) => d === "json-schema" || dialects.includes(d)), strict };
}

/** The analysis options, checked: throws a TypeError naming a naming that does not exist or a missing tsconfig. */
export function readAnalyzeOptions(options: GenerateOptions): AnalyzeOptions {
  const { naming, tsconfig } = options;
  if (naming !== undefined && !TOOL_NAMINGS.includes(naming))
    throw new TypeError(
      `typecall: the naming must be ${TOOL_NAMINGS.join(" or ")}, got ${JSON.stringify(naming)}`,
    );
  if (tsconfig !== undefined && !existsSync(tsconfig))
    throw new TypeError(`typecall: the tsconfig ${JSON.stringify(tsconfig)} does not exist`);
  return { allowAny: options.allowAny ?? false, naming, tsconfig };
}

/** Applies the per-code severity overrides; `"off"` removes a diagnostic. */
function withSeverities(diagnostics: Diagnostic[], overrides: GenerateOptions["severity"]): Diagnostic[] {
  if (!overrides) return diagnostics;
  return diagnostics.flatMap((d) => {
    const severity = overrides[d.code];
    if (severity === "off") return [];
    return severity ? [{ ...d, severity }] : [d];
  });
}

/**
 * Tool names used twice, by toolset: within one entry an error (TC1006: the toolset cannot hold
 * both), across entries a warning (TC1008: apps often merge toolsets, and providers reject duplicates).
 */
function duplicateNames(toolsets: readonly ToolsetIR[]): Map<ToolsetIR, Diagnostic[]> {
  const found = new Map<ToolsetIR, Diagnostic[]>();
  const owners = new Map<string, string>();
  for (const toolset of toolsets) {
    const diagnostics: Diagnostic[] = [];
    const seen = new Map<string, ToolIR>();
    for (const tool of toolset.tools) {
      const at = { location: tool.location, path: [tool.name] };
      const first = seen.get(tool.name);
      const owner = owners.get(tool.name) ?? toolset.entry;
      if (first) {
        const message = `Tool name "${tool.name}" is used by both "${first.exportName}" and "${tool.exportName}".`;
        diagnostics.push(createDiagnostic("TC1006", message, at));
      } else if (owner !== toolset.entry) {
        const other = relative(dirname(toolset.entry), owner).replaceAll("\\", "/");
        diagnostics.push(
          createDiagnostic("TC1008", `Tool name "${tool.name}" is also a tool of ${other}.`, at),
        );
      }
      seen.set(tool.name, first ?? tool);
      owners.set(tool.name, owner);
    }
    found.set(toolset, diagnostics);
  }
  return found;
}

/** `<dir>/tools.ts` -> `<dir>/tools.typecall.ts`, or under `out`. */
export function outputPath(entry: string, out: string | undefined, entryCount: number): string {
  const name = `${basename(entry, extname(entry))}.typecall.ts`;
  if (out === undefined) return join(dirname(entry), name);
  const target = resolve(out);
  if (entryCount === 1 && target.endsWith(".ts")) return target;
  return join(target, name);
}

/**
 * How the generated file imports the entry. Projects that import `.ts` files directly get `.ts`;
 * every other setup gets `.js`, which TypeScript, bundlers and Node's ESM loader all resolve.
 */
function importSpecifier(
  from: string,
  entry: string,
  options: { allowImportingTsExtensions?: boolean; rewriteRelativeImportExtensions?: boolean },
): string {
  const extension =
    options.allowImportingTsExtensions || options.rewriteRelativeImportExtensions ? ".ts" : ".js";
  const withoutExtension = relative(dirname(from), entry)
    .replace(/\.(c|m)?tsx?$/, "")
    .replaceAll("\\", "/");
  const specifier = withoutExtension.startsWith(".") ? withoutExtension : `./${withoutExtension}`;
  return `${specifier}${extension}`;
}

/** The generated files whose content on disk differs (or which are missing). */
export function findStale(files: readonly GeneratedFile[]): GeneratedFile[] {
  return files.filter((f) => !existsSync(f.path) || readFileSync(f.path, "utf8") !== f.content);
}
