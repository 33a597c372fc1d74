/**
 * `typecall watch`: the engine (`engine/engine.ts`) kept running, regenerating on each change of a
 * tool module or of anything it imports, one line per regeneration. For tsc users and bundlers
 * without a plugin.
 */
import { existsSync, type FSWatcher, watch as watchDirectory } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { mayBeEntry } from "../config/entries.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { createEngine, type EngineRun } from "../engine/engine.ts";
import type { GenerateOptions } from "../generate.ts";

/** Where `watch` prints, and what stops it (Ctrl-C does, in a terminal). */
export interface WatchIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Stops watching; `watch` then resolves to 0. */
  signal?: AbortSignal;
  /** Prints the diagnostics of a run. */
  printDiagnostics(diagnostics: readonly Diagnostic[]): void;
  /**
   * The entries again (the config's patterns, the command line's), after a file was added or
   * removed in a watched folder; undefined when they cannot be had (the problem is printed).
   */
  entries?(): Promise<readonly string[] | undefined>;
}

/** How long changes are gathered before a run: an editor's save is often several events. */
const SETTLE_MS = 25;

/** Runs the engine once, then after every change, until `io.signal` aborts. */
export function watch(options: GenerateOptions, io: WatchIO): Promise<number> {
  const engine = createEngine(options);
  let entries = options.entries.map((e) => resolve(io.cwd, e));
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (path: string) => relative(io.cwd, path).replaceAll("\\", "/");

  let stale = new Set<string>();
  /** What was last printed of each entry's diagnostics. */
  let printed = new Map<string, string>();
  const report = (run: EngineRun, first: boolean): void => {
    // Each entry's diagnostics when they changed or its output did: an unrelated module's warning
    // is not printed again at every edit.
    const rewritten = new Set(run.written.map((file) => file.entry));
    const now = new Map(run.modules.map((m) => [m.entry, diagnosticsKey(m.diagnostics)]));
    const unchanged = new Set(
      run.modules
        .filter((m) => !rewritten.has(m.entry) && printed.get(m.entry) === now.get(m.entry))
        .flatMap((m) => m.diagnostics),
    );
    io.printDiagnostics(run.diagnostics.filter((d) => !unchanged.has(d)));
    printed = now;
    for (const path of run.stale) io.stderr(`kept ${show(path)} as it was: its entry has errors (stale)\n`);
    const recovered = [...stale].filter((path) => !run.stale.includes(path));
    for (const path of recovered) io.stdout(`typecall: ${show(path)} is up to date again\n`);
    stale = new Set(run.stale);
    for (const path of run.removed)
      io.stdout(`removed ${show(path)}: its entry is gone or has no tool any more\n`);
    const ms = `${Math.round(run.durationMs)} ms`;
    const tools = run.changedTools.length;
    if (first) {
      io.stdout(
        `typecall: generated ${run.files.length} module(s), ${tools} tool(s), in ${ms}; watching ${engine.watchedFiles.size} file(s)\n`,
      );
    } else if (run.written.length > 0 || tools > 0) {
      const names = run.changedTools.slice(0, 5).join(", ") + (tools > 5 ? `, and ${tools - 5} more` : "");
      const written = run.written.map((file) => show(file.path)).join(", ") || "nothing written";
      // No tool changed, yet an output was written: its import of the entry changed (the tsconfig), or it was deleted.
      const what = tools > 0 ? `${tools} tool(s) changed (${names})` : "no tool changed";
      io.stdout(`typecall: ${what} -> ${written}, in ${ms}\n`);
    } else if (run.stale.length === 0 && run.diagnostics.length === 0 && recovered.length === 0) {
      io.stdout(`typecall: no tool changed, in ${ms}\n`);
    }
  };

  // One watcher per folder that holds a watched file: a file replaced on save keeps being seen.
  // And per folder where a tsconfig.json would be an entry's if it appeared (only that file counts there).
  let moduleFolders = new Set<string>();
  const follow = (): void => {
    moduleFolders = new Set([...engine.watchedFiles, ...entries].map(dirname));
    const folders = new Set([...moduleFolders, ...[...engine.missingFiles].map(dirname)]);
    for (const [folder, watcher] of watchers)
      if (!folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watchDirectory(folder, (_event, name) => {
          if (name === null) return;
          const path = join(folder, name.toString());
          const known =
            engine.watchedFiles.has(path) || engine.missingFiles.has(path) || entries.includes(path);
          // A module added or removed beside the watched ones may be an entry of the patterns.
          if (!known && !(io.entries && moduleFolders.has(folder) && mayBeEntry(path))) return;
          // A module that appeared, or an entry that went: the patterns are matched again.
          if (!known || !existsSync(path)) lookAgain = true;
          pending.add(path);
          clearTimeout(timer);
          timer = setTimeout(() => void again(), SETTLE_MS);
        });
        watcher.on("error", () => watcher.close());
        watchers.set(folder, watcher);
      } catch {
        // A folder that went away: its files are reported missing by the next run.
      }
    }
  };

  let lookAgain = false;
  const again = async (): Promise<void> => {
    const changed = [...pending];
    pending.clear();
    if (lookAgain && io.entries) {
      lookAgain = false;
      const found = await io.entries();
      if (found !== undefined && found.join("\n") !== entries.join("\n")) {
        entries = [...found];
        engine.setEntries(entries);
      }
    }
    report(engine.run(changed), false);
    follow();
  };

  report(engine.run(), true);
  follow();
  return new Promise((resolve) => {
    const stop = (): void => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      resolve(0);
    };
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener("abort", stop, { once: true });
  });
}

/** Diagnostics as a key: their codes, messages and places. */
function diagnosticsKey(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => [d.code, d.severity, d.message, d.location]));
}
