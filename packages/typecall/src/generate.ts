import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { analyzeEntries } from "./analyze/index.ts";
import type { DiagnosticCode } from "./diagnostics/codes.ts";
import { createDiagnostic, type Diagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.ts";
import { checkProviderLimits } from "./emit/limits.ts";
import { emitModule } from "./emit/module.ts";
import type { ToolsetIR } from "./ir/types.ts";
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
   * `"error"` blocks it. For example `{ TC3003: "off" }` when no OpenAI strict mode is used.
   */
  severity?: Partial<Record<DiagnosticCode, "error" | "warning" | "off">>;
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
}

/**
 * Analyses the entries and prints a dispatcher module for each one that has no error.
 * Writes nothing: see `writeFiles` and `findStale`. Deterministic: the same input gives the same bytes.
 */
export function generate(options: GenerateOptions): GenerateResult {
  const files: GeneratedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const entries = options.entries.map((e) => resolve(e));
  const analyses = analyzeEntries(entries, { allowAny: options.allowAny ?? false });
  const ready: { analysis: (typeof analyses)[number]; path: string }[] = [];
  const owners = new Map<string, string>();
  for (const analysis of analyses) {
    const raw = [
      ...analysis.diagnostics,
      ...checkProviderLimits(analysis.toolset),
      ...duplicatesAcrossEntries(analysis.toolset, owners),
    ];
    const found = withSeverities(raw, options.severity);
    diagnostics.push(...found);
    if (hasErrors(found) || analysis.toolset.tools.length === 0) continue;
    ready.push({ analysis, path: outputPath(analysis.toolset.entry, options.out, entries.length) });
  }
  // One validator batch per program: an engine that needs TypeScript then extends it once.
  for (const program of new Set(ready.map((r) => r.analysis.program))) {
    const batch = ready.filter((r) => r.analysis.program === program);
    const requests = batch.map(({ analysis, path }) => ({
      key: path,
      tools: analysis.toolset.tools.map((t) => t.parameters),
      definitions: analysis.toolset.definitions,
    }));
    const engine = options.validators === "typia" ? createTypiaEngine(program) : createIrEngine();
    const compiled = engine.compile(requests);
    batch.forEach(({ analysis, path }, i) => {
      const { toolset } = analysis;
      const content = emitModule({
        toolset,
        entryImport: importSpecifier(path, toolset.entry, program.options),
        entryDisplay: relative(dirname(path), toolset.entry).replaceAll("\\", "/"),
        validators: compiled[i]?.validators ?? [],
        helpers: compiled[i]?.helpers ?? [],
        imports: compiled[i]?.imports ?? [],
      });
      files.push({ path, entry: toolset.entry, content });
    });
  }
  files.sort((a, b) => entries.indexOf(a.entry) - entries.indexOf(b.entry));
  return { files, diagnostics: sortDiagnostics(diagnostics), toolsets: analyses.map((a) => a.toolset) };
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

/** A tool name already used by an earlier entry: apps often merge toolsets, and providers reject duplicates. */
function duplicatesAcrossEntries(toolset: ToolsetIR, owners: Map<string, string>): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const tool of new Map(toolset.tools.map((t) => [t.name, t])).values()) {
    const owner = owners.get(tool.name);
    if (owner === undefined) {
      owners.set(tool.name, toolset.entry);
    } else if (owner !== toolset.entry) {
      const message = `Tool name "${tool.name}" is also a tool of ${relative(dirname(toolset.entry), owner).replaceAll("\\", "/")}.`;
      found.push(createDiagnostic("TC1008", message, { location: tool.location, path: [tool.name] }));
    }
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
