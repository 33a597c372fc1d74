import { statSync } from "node:fs";
import { resolve } from "node:path";
import { createDiagnostic, type Diagnostic, internalError } from "../diagnostics/diagnostic.ts";
import type { ToolIR, ToolsetIR } from "../ir/types.ts";
import { discoverFunctions } from "./discover.ts";
import { isTypeScriptModule } from "./entry.ts";
import { locationOf } from "./location.ts";
import { type AnalysisProgram, createAnalysisProgram, findTsconfig } from "./project.ts";
import { syntaxErrors } from "./syntax.ts";
import { analyzeTool } from "./tool.ts";
import type { AnalyzeOptions, EntryState } from "./types/index.ts";

export { TOOL_NAMINGS, type ToolNaming } from "./naming.ts";
export { type AnalysisProgram, createAnalysisProgram, findTsconfig } from "./project.ts";
export type { AnalyzeOptions } from "./types/index.ts";

/** The analysis of one entry module. */
export interface EntryAnalysis {
  toolset: ToolsetIR;
  diagnostics: Diagnostic[];
  /** The program the entry was analysed in; an engine that needs TypeScript reuses it. */
  program: AnalysisProgram;
}

/**
 * Analyses entry modules, sharing one project per tsconfig.json (the nearest above each entry, or
 * `options.tsconfig` for all). Never throws for user errors.
 */
export function analyzeEntries(
  entries: readonly string[],
  options: AnalyzeOptions = { allowAny: false },
): EntryAnalysis[] {
  const files = entries.map((entry) => resolve(entry));
  const configured = options.tsconfig === undefined ? undefined : resolve(options.tsconfig);
  const configs = files.map((file) => configured ?? findTsconfig(file) ?? "");
  const groups = new Map<string, string[]>();
  files.forEach((file, i) => {
    const key = configs[i] ?? "";
    groups.set(key, [...(groups.get(key) ?? []), file]);
  });
  const programs = new Map<string, AnalysisProgram>();
  for (const [tsconfig, group] of groups) {
    programs.set(tsconfig, createAnalysisProgram(tsconfig || undefined, group));
  }
  return files.map((file, i) =>
    analyzeEntry(file, programs.get(configs[i] ?? "") as AnalysisProgram, options),
  );
}

/** Discovers and analyses the tools of one module. */
export function analyzeEntry(file: string, program: AnalysisProgram, options: AnalyzeOptions): EntryAnalysis {
  const diagnostics: Diagnostic[] = [];
  const toolset: ToolsetIR = { entry: file, tools: [], definitions: {} };
  const problem = entryProblem(file);
  const sourceFile = problem ? undefined : program.sourceFile(file);
  if (!sourceFile) {
    diagnostics.push(
      problem ?? createDiagnostic("TC1010", `"${file}" is not part of its TypeScript program.`, {}),
    );
    return { toolset, diagnostics, program };
  }
  diagnostics.push(...syntaxErrors(program.program, sourceFile));
  if (diagnostics.length > 0) return { toolset, diagnostics, program };
  const tools: ToolIR[] = [];
  const state: EntryState = {
    options,
    definitions: toolset.definitions,
    names: new Map(),
    properties: new Map(),
  };
  const functions = discoverFunctions(sourceFile, program.checker);
  for (const fn of functions) {
    try {
      const tool = analyzeTool(fn, program.checker, diagnostics, state);
      if (tool) tools.push(tool);
    } catch (error) {
      // A bug of ours: report it where it happened, keep analysing the other tools.
      const at = { location: locationOf(fn.node), path: [fn.exportName] };
      diagnostics.push(internalError(`analysing "${fn.exportName}"`, error, at));
    }
  }
  if (functions.length === 0) {
    const at = { location: locationOf(sourceFile), path: [] };
    diagnostics.push(createDiagnostic("TC1002", "This module exports no function, so it has no tools.", at));
  }
  toolset.tools = tools;
  return { toolset, diagnostics, program };
}

/** Why a path cannot be an entry module: missing, a directory, or not TypeScript. */
function entryProblem(file: string): Diagnostic | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return createDiagnostic("TC1001", `Cannot find entry module "${file}".`, {});
  if (stats.isDirectory()) {
    const message = `"${file}" is a directory: pass the tool modules in it, e.g. ${file}/*.ts.`;
    return createDiagnostic("TC1010", message, {});
  }
  if (!isTypeScriptModule(file)) {
    const message = `"${file}" is not a TypeScript module: typecall reads the types of .ts, .mts, .cts and .tsx files.`;
    return createDiagnostic("TC1010", message, {});
  }
  return undefined;
}
