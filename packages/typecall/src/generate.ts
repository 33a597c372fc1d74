import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { analyzeEntries } from "./analyze/index.ts";
import { type Diagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.ts";
import { checkProviderLimits } from "./emit/limits.ts";
import { emitModule } from "./emit/module.ts";
import { objectText } from "./emit/wire-type.ts";
import type { ToolsetIR } from "./ir/types.ts";
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
  const analyses = analyzeEntries(options.entries);
  for (const analysis of analyses) {
    const { toolset, project } = analysis;
    const found = [...analysis.diagnostics, ...checkProviderLimits(toolset)];
    diagnostics.push(...found);
    if (hasErrors(found) || toolset.tools.length === 0) continue;
    const path = outputPath(toolset.entry, options.out, options.entries.length);
    const engine = createTypiaEngine(project);
    const compiled = engine.compile({ key: path, types: toolset.tools.map((t) => objectText(t.parameters)) });
    const content = emitModule({
      toolset,
      entryImport: importSpecifier(path, toolset.entry, project.getCompilerOptions()),
      entryDisplay: relative(dirname(path), toolset.entry).replaceAll("\\", "/"),
      validators: compiled.validators,
      helpers: compiled.helpers,
    });
    files.push({ path, entry: toolset.entry, content });
  }
  return { files, diagnostics: sortDiagnostics(diagnostics), toolsets: analyses.map((a) => a.toolset) };
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
  const extension = options.allowImportingTsExtensions || options.rewriteRelativeImportExtensions ? ".ts" : ".js";
  const withoutExtension = relative(dirname(from), entry).replace(/\.(c|m)?tsx?$/, "").replaceAll("\\", "/");
  const specifier = withoutExtension.startsWith(".") ? withoutExtension : `./${withoutExtension}`;
  return `${specifier}${extension}`;
}

/** The generated files whose content on disk differs (or which are missing). */
export function findStale(files: readonly GeneratedFile[]): GeneratedFile[] {
  return files.filter((f) => !existsSync(f.path) || readFileSync(f.path, "utf8") !== f.content);
}
