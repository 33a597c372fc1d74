/**
 * The plugin's context, a thin shell over the engine that tests drive without a bundler: the
 * entries written to disk (one engine), the entries imported as `?tools` (another, which writes
 * nothing), the changes a watcher reported, and the diagnostics of the last run as messages.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { mayBeEntry } from "../config/entries.ts";
import { isGlob, patternBases } from "../config/glob.ts";
import type { LoadedConfig } from "../config/load.ts";
import { entryPatterns } from "../config/overlay.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { fileReader, formatDiagnostic } from "../diagnostics/format.ts";
import { createEngine, type Engine } from "../engine/engine.ts";
import { resolveEngineOptions, type TypecallPluginOptions } from "./options.ts";
import { TOOLS_QUERY, toJavaScript } from "./virtual.ts";

/** A diagnostic as a bundler shows it: the tsc-style text, and where. */
export interface PluginMessage {
  readonly text: string;
  readonly code: string;
  readonly file?: string;
  /** 1-based line and column. */
  readonly line?: number;
  readonly column?: number;
  /** The text of that line, as esbuild shows it under its location. */
  readonly lineText?: string;
}

/** What a run found. */
export interface PluginReport {
  readonly errors: readonly PluginMessage[];
  readonly warnings: readonly PluginMessage[];
  /** The entries whose generated module changed (or now fails) in this run. */
  readonly changedEntries: readonly string[];
}

/**
 * The module of a `?tools` import, or why there is none, with the last good module of the entry
 * (since the context was made) where there was one: what a dev server keeps serving until the fix.
 */
export type VirtualModule =
  | { readonly code: string; readonly warnings: readonly PluginMessage[] }
  | { readonly errors: readonly PluginMessage[]; readonly lastGood?: string };

/** The plugin's context: one per plugin instance, kept across rebuilds. */
export interface PluginContext {
  /** Runs the disk engine: at build start, and after changes (those noted, else every file checked). */
  run(): PluginReport;
  /** Notes a changed file; true when an entry depends on it (a run will be needed). */
  change(file: string): boolean;
  /** The JavaScript of `<entry>?tools`, generated in memory, or its errors. */
  virtual(entry: string): VirtualModule;
  /** The files the entries (disk and virtual) depend on, entries included. */
  watchedFiles(): Set<string>;
  /** The folders where the entries' patterns can match a module that appears (none without a pattern). */
  readonly patternFolders: readonly string[];
}

/** Creates the context; `root` is where relative entries start; `config` is the config file, if loaded. */
export function createPluginContext(
  options: TypecallPluginOptions,
  root: string,
  config?: LoadedConfig,
): PluginContext {
  const engineOptions = resolveEngineOptions(options, root, config);
  const disk = createEngine(engineOptions);
  let entries = engineOptions.entries;
  const given = typeof options.entries === "string" ? [options.entries] : options.entries;
  const loaded = config ?? { path: undefined, root, config: {} };
  const { patterns, base } = entryPatterns(loaded, { entries: given }, root);
  const patternFolders = [...new Set(patterns.filter(isGlob).flatMap((p) => patternBases(p, base)))];
  /** Matches the entries' patterns again (a module was added or removed); true when they changed. */
  const lookAgain = (): boolean => {
    let found: readonly string[];
    try {
      found = resolveEngineOptions(options, root, config).entries;
    } catch {
      // The patterns match nothing now: the run reports the entries that went missing.
      return false;
    }
    if (found.join("\n") === entries.join("\n")) return false;
    entries = found;
    disk.setEntries(found);
    return true;
  };
  const pending = new Set<string>();
  const virtualEntries: string[] = [];
  const lastGood = new Map<string, string>();
  let memory: Engine | undefined;
  const memoryPending = new Set<string>();
  const show = (file: string) => relative(root, file).replaceAll("\\", "/");

  // A tsconfig.json that appears nearer an entry is seen where the bundler's watcher reports it
  // (vite's does); those paths are the platform's, where a watcher may write `/` on Windows.
  const watched = (engine: Engine | undefined, entries: readonly string[], file: string) =>
    engine !== undefined &&
    (engine.watchedFiles.has(file) || engine.missingFiles.has(resolve(file)) || entries.includes(file));

  return {
    run() {
      // Without a watcher's list (the first run, esbuild), every project file's stamp is checked,
      // and the patterns are matched again.
      const changed = pending.size > 0 ? [...pending] : undefined;
      pending.clear();
      if (changed === undefined && patternFolders.length > 0) lookAgain();
      const result = disk.run(changed);
      const found = messages(result.diagnostics, show);
      // A failing entry changed too: what imports its module is to be told (it keeps the last good one).
      const failing = found.errors.length > 0 ? entries : [];
      const changedEntries = [...new Set([...result.written.map((file) => file.entry), ...failing])];
      return { ...found, changedEntries };
    },
    patternFolders,
    change(file) {
      let matters = false;
      const known = watched(disk, entries, file);
      // A module that appeared, or an entry that went, may change what the patterns match; some
      // watchers report the folder whose listing changed (webpack's) rather than the module.
      const folder = patternFolders.includes(resolve(file));
      if ((!known && (mayBeEntry(file) || folder)) || (known && !existsSync(file))) {
        if (lookAgain()) matters = true;
      }
      if (known) {
        pending.add(file);
        matters = true;
      }
      if (watched(memory, virtualEntries, file)) {
        memoryPending.add(file);
        matters = true;
      }
      return matters;
    },
    virtual(named) {
      // As the engine has it: one file, one entry, however it was spelt.
      const entry = resolve(named);
      if (memory === undefined || !virtualEntries.includes(entry)) {
        virtualEntries.push(entry);
        // A new entry: a new engine over all of them (the first `?tools` import of each, once).
        // Beside each entry (no `out`), where the generated code's relative imports start.
        const { out: _beside, ...inMemory } = engineOptions;
        memory = createEngine({ ...inMemory, entries: [...virtualEntries], write: false });
        memoryPending.clear();
      }
      // Each load runs the engine: cheap when nothing changed, and right after an unreported edit.
      const run = memory.run(memoryPending.size > 0 ? [...memoryPending] : undefined);
      memoryPending.clear();
      const file = run.files.find((f) => f.entry === entry);
      // This entry's own: the engine holds every `?tools` entry imported so far (all of them when
      // the run failed).
      const own = messages(run.modules.find((m) => m.entry === entry)?.diagnostics ?? run.diagnostics, show);
      if (file !== undefined) {
        const code = toJavaScript(file.content, `${entry}${TOOLS_QUERY}.ts`);
        lastGood.set(entry, code);
        return { code, warnings: own.warnings };
      }
      const found = own.errors;
      const errors =
        found.length > 0
          ? found
          : [{ text: `${show(entry)} exports no function: it has no tool.`, code: "typecall" }];
      const kept = lastGood.get(entry);
      return kept === undefined ? { errors } : { errors, lastGood: kept };
    },
    watchedFiles() {
      return new Set([...disk.watchedFiles, ...(memory?.watchedFiles ?? [])]);
    },
  };
}

/** The diagnostics as messages, errors apart from warnings. */
function messages(
  diagnostics: readonly Diagnostic[],
  show: (file: string) => string,
): { errors: PluginMessage[]; warnings: PluginMessage[] } {
  const readFile = fileReader();
  const toMessage = (d: Diagnostic): PluginMessage => ({
    text: formatDiagnostic(d, { readFile, displayPath: show }).trimEnd(),
    code: d.code,
    ...(d.location && {
      file: d.location.file,
      line: d.location.line,
      column: d.location.column,
      lineText: readFile(d.location.file)?.split(/\r?\n/)[d.location.line - 1] ?? "",
    }),
  });
  return {
    errors: diagnostics.filter((d) => d.severity === "error").map(toMessage),
    warnings: diagnostics.filter((d) => d.severity === "warning").map(toMessage),
  };
}
