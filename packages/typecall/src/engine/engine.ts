/**
 * The long-lived engine behind `generate`, `watch` and the bundler plugin: one context per
 * project, kept between runs.
 * - A TypeScript program per tsconfig, each made from the last, its source files cached by
 *   content (`project.ts`); after an edit to the tsconfig (or a file it extends), a new one.
 * - The files each entry depends on: an entry is analysed again only when one of them changed.
 *   Within it, the files each exported function depends on (`tool-deps.ts`, found when first
 *   needed): after an edit to a module the entry imports, only the functions that reach it are
 *   analysed again; after an edit to the entry itself, or to a global or module augmentation, all.
 * - What was made of each analysis: an entry not analysed again is not run through the dialects,
 *   validators and emitter again either; the IR of each tool is hashed, so a run says which tools
 *   changed.
 * - Output written only when its content changes (an output as this engine last wrote it is not
 *   read back). A failing entry keeps its last good output on disk, reported as stale, so that an
 *   app in development keeps running until the fix.
 * - Internal errors wrapped once, here: a run never throws.
 */
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { SourceFile } from "typescript";
import {
  analyzeEntry,
  type EntryAnalysis,
  type FunctionAnalysis,
  reanalyzeFunctions,
} from "../analyze/index.ts";
import { findTsconfig } from "../analyze/project.ts";
import { type Diagnostic, internalError, sortDiagnostics } from "../diagnostics/diagnostic.ts";
import {
  type EmittedEntry,
  findStale,
  type GeneratedFile,
  type GenerateOptions,
  generateFrom,
  readAnalyzeOptions,
  readDialectOptions,
} from "../generate.ts";
import type { ToolIR } from "../ir/types.ts";
import { ts } from "../typescript.ts";
import { writeAll } from "../write.ts";
import { Project, type ProjectUpdate } from "./project.ts";
import { toolDependencies } from "./tool-deps.ts";

/** Options of {@link createEngine}: those of `generate`, and whether it writes. */
export interface EngineOptions extends GenerateOptions {
  /** Write the output files (default true); without, a run only reports what it would write. */
  readonly write?: boolean;
}

/** What one run did. */
export interface EngineRun {
  /** Every output, as a cold `generate` gives it (the stale ones not included). */
  readonly files: readonly GeneratedFile[];
  /** The outputs whose content changed this run (written, unless `write` is false). */
  readonly written: readonly GeneratedFile[];
  /** Each tool added, changed or removed since the last run, as `<entry file name>: <tool>`. */
  readonly changedTools: readonly string[];
  /** Outputs kept from an earlier run because their entry now fails: out of date until it is fixed. */
  readonly stale: readonly string[];
  /** Outputs removed: their entry has no tool any more, or is no longer an entry. */
  readonly removed: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The same diagnostics, by entry (in entry order): those of each entry's module. Empty when the
   * run failed (`diagnostics` then holds what went wrong).
   */
  readonly modules: readonly { readonly entry: string; readonly diagnostics: readonly Diagnostic[] }[];
  /** How many entries were analysed again, whole or in part. */
  readonly analysed: number;
  /** How many exported functions were analysed again: those an edit can reach. */
  readonly functionsAnalysed: number;
  readonly durationMs: number;
  /** Where that time went, in milliseconds (the rest: the engine's own bookkeeping). */
  readonly phases: RunPhases;
}

/** The parts of a run's time. */
export interface RunPhases {
  /** Reading the changed files and making each project's program from its last. */
  readonly program: number;
  /** Analysing the entries (or the functions) that the changes reach. */
  readonly analysis: number;
  /** Dialects, validators, coercers and the modules' text, for the entries analysed again. */
  readonly emission: number;
  /** Writing the outputs whose content changed. */
  readonly writing: number;
}

/** The engine: call `run` after each change; `watchedFiles` are the files a watcher should watch. */
export interface Engine {
  /** Runs again; `changed` names files a watcher saw change (without, every project file is checked). */
  run(changed?: Iterable<string>): EngineRun;
  /** The files the entries depend on (entries included), as of the last run. */
  readonly watchedFiles: ReadonlySet<string>;
  /**
   * Files that do not exist and would change the output if they appeared: a `tsconfig.json` nearer
   * an entry than the one it has (when no tsconfig is configured). A watcher that can should watch
   * for them too; a run notices them either way.
   */
  readonly missingFiles: ReadonlySet<string>;
  /** Replaces the entries (a new file matched a pattern, one went): the next run generates the new ones. */
  setEntries(entries: readonly string[]): void;
}

interface EntryState {
  analysis: EntryAnalysis;
  /** The files the entry depends on: what its imports reach. */
  dependencies: Set<string>;
  /**
   * The files each function depends on, by export name (undefined: every file of the entry's),
   * found when first needed: after an edit that reaches the entry without changing its text.
   */
  functionFiles: Map<string, ReadonlySet<string> | undefined>;
  /** The hash of each tool, by tool name. */
  hashes: Map<string, string>;
}

/** Creates an engine; nothing runs until the first `run`. */
export function createEngine(options: EngineOptions): Engine {
  let entries = options.entries.map((entry) => resolve(entry));
  const dialectOptions = readDialectOptions(options);
  const analyzeOptions = readAnalyzeOptions(options);
  const configured = analyzeOptions.tsconfig === undefined ? undefined : resolve(analyzeOptions.tsconfig);
  const projects = new Map<string, Project>();
  const states = new Map<string, EntryState>();
  const emitted = new Map<EntryAnalysis, EmittedEntry>();
  /** The hash of each tool's IR: a tool kept from the last analysis is not hashed again. */
  const toolHashes = new WeakMap<ToolIR, string>();
  /** The content of each output as this engine last wrote it (or found it on disk). */
  const wrote = new Map<string, string>();
  /** The last good output of each entry, kept on disk while the entry fails. */
  const lastGood = new Map<string, GeneratedFile>();
  const watchedFiles = new Set<string>();
  const missingFiles = new Set<string>();
  /** The outputs of entries that went (`setEntries`), to remove at the next run. */
  const dropped: string[] = [];
  /** Each entry's project, found once: looking up its tsconfig walks the folders above it. */
  const projectOfEntry = new Map<string, Project>();
  const projectOf = (entry: string): Project => {
    const known = projectOfEntry.get(entry);
    if (known !== undefined) return known;
    const tsconfig = configured ?? findTsconfig(entry, (nearer) => missingFiles.add(nearer));
    const key = tsconfig ?? "";
    let project = projects.get(key);
    if (project === undefined) {
      project = new Project(tsconfig);
      projects.set(key, project);
    }
    projectOfEntry.set(entry, project);
    return project;
  };

  /**
   * The entry analysed again after a change to its dependencies. Given its last state, and when
   * its text did not change, only the functions whose own files changed; else all of it.
   */
  const analyse = (
    entry: string,
    state: EntryState | undefined,
    update: ProjectUpdate,
    closure: (file: string) => ReadonlySet<string>,
  ): { analysis: EntryAnalysis; functionFiles: EntryState["functionFiles"]; analysed: number } => {
    if (
      state !== undefined &&
      !update.changed.has(entry) &&
      exportsOwnDeclarations(update.program.sourceFile(entry))
    ) {
      const files = state.functionFiles;
      const reached = (fn: FunctionAnalysis): boolean => {
        if (!files.has(fn.exportName))
          files.set(fn.exportName, toolDependencies(fn.node, update.program.checker, closure));
        const own = files.get(fn.exportName);
        return own === undefined || meets(own, update.changed);
      };
      const names = new Set(state.analysis.functions.filter(reached).map((fn) => fn.exportName));
      if (names.size === 0) return { analysis: state.analysis, functionFiles: files, analysed: 0 };
      const analysis = reanalyzeFunctions(state.analysis, update.program, analyzeOptions, names);
      if (analysis !== undefined) {
        // Found again when next needed, in the program of then.
        for (const name of names) files.delete(name);
        return { analysis, functionFiles: files, analysed: names.size };
      }
    }
    const analysis = analyzeEntry(entry, update.program, analyzeOptions);
    return { analysis, functionFiles: new Map(), analysed: analysis.functions.length };
  };

  /**
   * A project whose tsconfig changed is made again: its first program reads every file anew. When
   * a tsconfig appeared nearer an entry, or one went, each entry looks for its own again.
   */
  const reloadConfigs = () => {
    // Only a tsconfig found from an entry gives way to another; a configured one stays its entries'.
    const gone = (p: Project) => p.tsconfig !== undefined && !existsSync(p.tsconfig);
    if (
      configured === undefined &&
      ([...projects.values()].some(gone) || [...missingFiles].some(existsSync))
    ) {
      projects.clear();
      projectOfEntry.clear();
      missingFiles.clear();
      return;
    }
    for (const [key, project] of projects) {
      if (!project.configChanged()) continue;
      projects.set(key, new Project(project.tsconfig));
      for (const [entry, of] of [...projectOfEntry]) if (of === project) projectOfEntry.delete(entry);
    }
  };

  const runOnce = (changed: Iterable<string> | undefined): EngineRun => {
    const started = performance.now();
    reloadConfigs();
    const byProject = new Map<Project, string[]>();
    for (const entry of entries) {
      const project = projectOf(entry);
      byProject.set(project, [...(byProject.get(project) ?? []), entry]);
    }
    const touched = changed === undefined ? undefined : [...changed].map((path) => resolve(path));
    const analyses = new Map<string, EntryAnalysis>();
    const changedTools: string[] = [];
    let analysed = 0;
    let functionsAnalysed = 0;
    const phases = { program: 0, analysis: 0, emission: 0, writing: 0 };
    const timed = <T>(phase: keyof RunPhases, work: () => T): T => {
      const at = performance.now();
      try {
        return work();
      } finally {
        phases[phase] += performance.now() - at;
      }
    };
    watchedFiles.clear();
    for (const [project, group] of byProject) {
      if (touched !== undefined) project.invalidate(touched);
      const update = timed("program", () => project.update(group));
      for (const file of project.configFiles) watchedFiles.add(file);
      const closures = new Map<string, ReadonlySet<string>>();
      const closure = (file: string): ReadonlySet<string> => {
        let found = closures.get(file);
        if (found === undefined) {
          found = project.dependencies(update.program, file);
          closures.set(file, found);
        }
        return found;
      };
      for (const entry of group) {
        const state = states.get(entry);
        // An augmentation reaches every file of the program, imported or not: the entry is analysed whole.
        const whole = update.augmentationChanged;
        if (state !== undefined && !whole && !meets(state.dependencies, update.changed)) {
          analyses.set(entry, state.analysis);
          for (const file of state.dependencies) watchedFiles.add(file);
          continue;
        }
        const next = timed("analysis", () => analyse(entry, whole ? undefined : state, update, closure));
        const { analysis } = next;
        if (analysis !== state?.analysis) analysed++;
        functionsAnalysed += next.analysed;
        const dependencies = new Set(closure(entry));
        dependencies.add(entry);
        // While an entry fails, its tools are not gone: the next good run is compared with the last one.
        const failing = analysis.diagnostics.some((d) => d.severity === "error");
        const hashes =
          failing && state !== undefined
            ? state.hashes
            : hashTools(analysis.toolset.tools, analysis.toolset.definitions, toolHashes);
        if (!failing) changedTools.push(...toolChanges(entry, state?.hashes, hashes));
        if (state !== undefined && analysis !== state.analysis) emitted.delete(state.analysis);
        states.set(entry, { analysis, dependencies, functionFiles: next.functionFiles, hashes });
        analyses.set(entry, analysis);
        for (const file of dependencies) watchedFiles.add(file);
      }
    }
    const ordered = entries.map((entry) => analyses.get(entry) as EntryAnalysis);
    const result = timed("emission", () =>
      generateFrom(ordered, { ...options, entries }, dialectOptions, emitted),
    );
    const stale: string[] = [];
    const removed: string[] = dropped.splice(0);
    for (const entry of entries) {
      const good = result.files.find((file) => file.entry === entry);
      if (good !== undefined) {
        lastGood.set(entry, good);
        continue;
      }
      const kept = lastGood.get(entry);
      if (kept === undefined) continue;
      const { toolset, diagnostics } = analyses.get(entry) as EntryAnalysis;
      // Tools that made no module, or an entry that cannot be read: it fails, for now.
      if (toolset.tools.length > 0 || diagnostics.some((d) => d.severity === "error")) {
        stale.push(kept.path);
      } else {
        // No tool any more, and nothing wrong: the output goes.
        removed.push(kept.path);
        lastGood.delete(entry);
      }
    }
    const write = options.write ?? true;
    // An output this engine wrote holds what it wrote: it is not read back to be compared, only its
    // presence is checked. Those it has not written yet are compared with what is on disk.
    const written = timed("writing", () => {
      if (!write) return result.files;
      const due = result.files.filter((f) => wrote.get(f.path) !== f.content || !existsSync(f.path));
      const differing = new Set(findStale(due.filter((f) => !wrote.has(f.path))));
      const changed = due.filter((f) => wrote.has(f.path) || differing.has(f));
      writeAll(changed);
      return changed;
    });
    if (write) {
      for (const file of result.files) wrote.set(file.path, file.content);
      for (const path of removed) {
        rmSync(path, { force: true });
        wrote.delete(path);
      }
    }
    return {
      files: result.files,
      written,
      changedTools,
      stale,
      removed,
      diagnostics: result.diagnostics,
      modules: result.modules.map(({ entry, diagnostics }) => ({ entry, diagnostics })),
      analysed,
      functionsAnalysed,
      durationMs: performance.now() - started,
      phases,
    };
  };

  return {
    watchedFiles,
    missingFiles,
    setEntries(list) {
      entries = list.map((entry) => resolve(entry));
      // An entry that is no longer one is forgotten, and its output removed at the next run.
      for (const entry of [...states.keys()]) if (!entries.includes(entry)) states.delete(entry);
      // Each entry looks for its tsconfig again (its project is kept): where one would count is theirs alone.
      projectOfEntry.clear();
      missingFiles.clear();
      for (const [entry, file] of [...lastGood]) {
        if (entries.includes(entry)) continue;
        dropped.push(file.path);
        lastGood.delete(entry);
      }
    },
    run(changed) {
      const started = performance.now();
      try {
        return runOnce(changed);
      } catch (error) {
        // A bug of ours: reported once, here, so that a dev server or a watcher never dies of it.
        const diagnostics = sortDiagnostics([internalError("regenerating", error, {})]);
        return {
          files: [],
          written: [],
          changedTools: [],
          stale: [...lastGood.values()].map((file) => file.path),
          removed: [],
          diagnostics,
          modules: [],
          analysed: 0,
          functionsAnalysed: 0,
          durationMs: performance.now() - started,
          phases: { program: 0, analysis: 0, emission: 0, writing: 0 },
        };
      }
    },
  };
}

/**
 * A hash of each tool's IR, with the named types it refers to (directly or through others), by tool
 * name. `known` keeps them by tool: a tool object is only ever in one toolset, with its definitions.
 */
function hashTools(
  tools: readonly ToolIR[],
  definitions: Readonly<Record<string, unknown>>,
  known: WeakMap<ToolIR, string>,
): Map<string, string> {
  return new Map(
    tools.map((tool) => {
      let digest = known.get(tool);
      if (digest === undefined) {
        // Where things are in the file is not what the tool is: an edit above it moves them.
        const hash = createHash("sha1").update(JSON.stringify(tool, withoutLocations));
        for (const name of [...referencedTypes(tool, definitions)].sort())
          hash.update(`\u0000${name}\u0000${JSON.stringify(definitions[name], withoutLocations)}`);
        digest = hash.digest("base64url");
        known.set(tool, digest);
      }
      return [tool.name, digest];
    }),
  );
}

/**
 * Whether a module's exports are all its own declarations (`export function`, `export const`), so
 * that its list of exports cannot change while its text does not. Not so with `export { a }`,
 * `export * from`, `export default name`: what they export may be declared in a module that changed.
 */
function exportsOwnDeclarations(file: SourceFile | undefined): boolean {
  return (
    file !== undefined && !file.statements.some((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s))
  );
}

/** Whether any of `files` is in `changed`. */
function meets(files: ReadonlySet<string>, changed: ReadonlySet<string>): boolean {
  for (const file of files) if (changed.has(file)) return true;
  return false;
}

function withoutLocations(key: string, value: unknown): unknown {
  return key === "location" ? undefined : value;
}

/** The names of the named types a value refers to (`{ kind: "ref", name }`), transitively. */
function referencedTypes(value: unknown, definitions: Readonly<Record<string, unknown>>): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const { kind, name } = node as { kind?: unknown; name?: unknown };
    if (kind === "ref" && typeof name === "string" && !found.has(name)) {
      found.add(name);
      stack.push(definitions[name]);
    }
    stack.push(...Object.values(node));
  }
  return found;
}

/** The tools added, changed or removed between two runs of an entry. */
function toolChanges(
  entry: string,
  before: ReadonlyMap<string, string> | undefined,
  after: ReadonlyMap<string, string>,
): string[] {
  const file = entry.split(/[\\/]/).at(-1);
  const changes: string[] = [];
  for (const [tool, hash] of after) if (before?.get(tool) !== hash) changes.push(`${file}: ${tool}`);
  for (const tool of before?.keys() ?? []) if (!after.has(tool)) changes.push(`${file}: ${tool} (removed)`);
  return changes;
}
