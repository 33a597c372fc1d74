import { resolve } from "node:path";
import type { Project } from "ts-morph";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { ToolIR, ToolsetIR } from "../ir/types.ts";
import { discoverFunctions } from "./discover.ts";
import { locationOf } from "./location.ts";
import { createProject, findTsconfig } from "./project.ts";
import { analyzeTool } from "./tool.ts";

export { createProject, findTsconfig } from "./project.ts";

/** The analysis of one entry module. */
export interface EntryAnalysis {
  toolset: ToolsetIR;
  diagnostics: Diagnostic[];
  /** The project the entry was analysed in; the validator engine reuses it. */
  project: Project;
}

/** Analyses entry modules, sharing one project per tsconfig.json. Never throws for user errors. */
export function analyzeEntries(entries: readonly string[]): EntryAnalysis[] {
  const projects = new Map<string, Project>();
  return entries.map((entry) => {
    const file = resolve(entry);
    const tsconfig = findTsconfig(file);
    const key = tsconfig ?? "";
    let project = projects.get(key);
    if (!project) {
      project = createProject(tsconfig);
      projects.set(key, project);
    }
    return analyzeEntry(file, project);
  });
}

/** Discovers and analyses the tools of one module. */
export function analyzeEntry(file: string, project: Project): EntryAnalysis {
  const diagnostics: Diagnostic[] = [];
  const toolset: ToolsetIR = { entry: file, tools: [] };
  const sourceFile = project.addSourceFileAtPathIfExists(file);
  if (!sourceFile) {
    diagnostics.push(createDiagnostic("TC1001", `Cannot find entry module "${file}".`, {}));
    return { toolset, diagnostics, project };
  }
  const checker = project.getTypeChecker();
  const tools: ToolIR[] = [];
  const functions = discoverFunctions(sourceFile);
  for (const fn of functions) {
    const tool = analyzeTool(fn, checker, diagnostics);
    if (tool) tools.push(tool);
  }
  if (functions.length === 0) {
    const at = { location: locationOf(sourceFile), path: [] };
    diagnostics.push(createDiagnostic("TC1002", "This module exports no function, so it has no tools.", at));
  }
  toolset.tools = tools;
  return { toolset, diagnostics, project };
}
