import { statSync } from "node:fs";
import { resolve } from "node:path";
import { createDiagnostic, type Diagnostic, internalError } from "../diagnostics/diagnostic.ts";
import type { ToolIR, ToolsetIR } from "../ir/types.ts";
import { discoverFunctions, type ExportedFunction, type ToolFunction } from "./discover.ts";
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
  /** Each exported function's own analysis, in tool order (none when the entry cannot be read). */
  functions: readonly FunctionAnalysis[];
}

/** One exported function's analysis: its tool (none when excluded or failing) and its own diagnostics. */
export interface FunctionAnalysis {
  readonly exportName: string;
  /** The function's node, in the program it was analysed in. */
  readonly node: ToolFunction;
  readonly tool: ToolIR | undefined;
  readonly diagnostics: readonly Diagnostic[];
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
  const toolset: ToolsetIR = { entry: file, tools: [], definitions: {} };
  const problem = entryProblem(file);
  const sourceFile = problem ? undefined : program.sourceFile(file);
  if (!sourceFile) {
    const diagnostic =
      problem ?? createDiagnostic("TC1010", `"${file}" is not part of its TypeScript program.`, {});
    return { toolset, diagnostics: [diagnostic], program, functions: [] };
  }
  const syntax = syntaxErrors(program.program, sourceFile);
  if (syntax.length > 0) return { toolset, diagnostics: syntax, program, functions: [] };
  const state = entryState(options, toolset.definitions);
  const exported = discoverFunctions(sourceFile, program.checker);
  const functions = exported.map((fn) => analyzeFunction(fn, program, state));
  const diagnostics = functions.flatMap((f) => f.diagnostics);
  if (functions.length === 0) {
    const at = { location: locationOf(sourceFile), path: [] };
    diagnostics.push(createDiagnostic("TC1002", "This module exports no function, so it has no tools.", at));
  }
  toolset.tools = functions.flatMap((f) => (f.tool ? [f.tool] : []));
  return { toolset, diagnostics, program, functions };
}

/**
 * The analysis of an entry whose own text has not changed, in a new program, with only the
 * functions named in `names` analysed again: the others keep what `previous` made of them. For an
 * engine that knows which functions an edit can reach. Undefined where the result could differ from
 * {@link analyzeEntry}'s: the entry has named (recursive) types, whose names the tools share, or its
 * exports are not what they were.
 */
export function reanalyzeFunctions(
  previous: EntryAnalysis,
  program: AnalysisProgram,
  options: AnalyzeOptions,
  names: ReadonlySet<string>,
): EntryAnalysis | undefined {
  const { entry } = previous.toolset;
  const sourceFile = program.sourceFile(entry);
  if (!sourceFile || Object.keys(previous.toolset.definitions).length > 0) return undefined;
  const exported = discoverFunctions(sourceFile, program.checker);
  const before = previous.functions;
  if (exported.length !== before.length || exported.some((fn, i) => fn.exportName !== before[i]?.exportName))
    return undefined;
  const toolset: ToolsetIR = { entry, tools: [], definitions: {} };
  const state = entryState(options, toolset.definitions);
  const functions = exported.map((fn, i) =>
    names.has(fn.exportName) ? analyzeFunction(fn, program, state) : (before[i] as FunctionAnalysis),
  );
  if (Object.keys(toolset.definitions).length > 0) return undefined;
  toolset.tools = functions.flatMap((f) => (f.tool ? [f.tool] : []));
  return { toolset, diagnostics: functions.flatMap((f) => f.diagnostics), program, functions };
}

function entryState(options: AnalyzeOptions, definitions: ToolsetIR["definitions"]): EntryState {
  return { options, definitions, names: new Map(), properties: new Map() };
}

function analyzeFunction(
  fn: ExportedFunction,
  program: AnalysisProgram,
  state: EntryState,
): FunctionAnalysis {
  const diagnostics: Diagnostic[] = [];
  let tool: ToolIR | undefined;
  try {
    tool = analyzeTool(fn, program.checker, diagnostics, state);
  } catch (error) {
    // A bug of ours: report it where it happened, keep analysing the other tools.
    const at = { location: locationOf(fn.node), path: [fn.exportName] };
    diagnostics.push(internalError(`analysing "${fn.exportName}"`, error, at));
  }
  return { exportName: fn.exportName, node: fn.node, tool, diagnostics };
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
