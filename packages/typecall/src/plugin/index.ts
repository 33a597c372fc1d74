/**
 * The typecall bundler plugin, one factory for every bundler (unplugin): it generates at build
 * start, regenerates when a tool module or anything it imports changes, reports diagnostics
 * through the bundler, and serves `./tools.ts?tools` from memory. The per-bundler entries
 * (`typecall/vite`, `typecall/rollup`, ...) are one line each over {@link typecall}.
 */
import { readFileSync } from "node:fs";
import { createUnplugin, type UnpluginFactory, type UnpluginInstance } from "unplugin";
import { type LoadedConfig, loadConfig } from "../config/load.ts";
import { createPluginContext, type PluginContext, type PluginMessage, type PluginReport } from "./context.ts";
import type { TypecallPluginOptions } from "./options.ts";
import { resolveVirtual, virtualEntry } from "./virtual.ts";

export type { TypecallPluginOptions } from "./options.ts";

/** Where a report goes: the bundler's error and warning channels, as each bundler has them. */
interface Channels {
  error?: ((message: { message: string; id?: string }) => void) | undefined;
  warn?: ((message: { message: string; id?: string }) => void) | undefined;
  getNativeBuildContext?:
    | (() => { framework: string; compilation?: unknown; compiler?: unknown })
    | undefined;
}

const NAME = "typecall";

/** The factory behind every bundler's plugin. */
export const typecallFactory: UnpluginFactory<TypecallPluginOptions | undefined, false> = (options, meta) => {
  let root = process.cwd();
  let context: PluginContext | undefined;
  let config: LoadedConfig | undefined;
  /** Set in a vite dev server: errors go to its overlay and log, never thrown at start. */
  let server: DevServer | undefined;
  const ctx = (): PluginContext => {
    context ??= createPluginContext(options ?? {}, root, config);
    return context;
  };
  /**
   * Reads the config file, once, and makes the context (their problems are thrown, one per line,
   * without a stack trace: the message says what to fix, and some bundlers print the trace).
   */
  const prepare = async (): Promise<void> => {
    const file = options?.config;
    try {
      // `false` reads none; a value that is no path is reported with the other options, by `ctx()`.
      if (context === undefined && config === undefined && (file === undefined || typeof file === "string")) {
        const loaded = await loadConfig(root, file);
        if ("problems" in loaded) throw new Error(`typecall: ${loaded.problems.join("\n")}`);
        config = loaded;
      }
      ctx();
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("typecall: ")) error.stack = error.message;
      throw error;
    }
  };

  return {
    name: NAME,
    enforce: "pre",
    async buildStart() {
      // esbuild reports through its own onStart (below), which can carry warnings.
      if (meta.framework === "esbuild") return;
      await prepare();
      const report = ctx().run();
      for (const file of ctx().watchedFiles()) this.addWatchFile(file);
      watchFolders(this, ctx().patternFolders);
      if (server !== undefined) toDevServer(server, report);
      else deliver(this as Channels, report);
    },
    watchChange(id) {
      if (context === undefined || !context.change(id)) return;
      // A dev server has no build start after a change: it regenerates now, before its HMR.
      if (server !== undefined) toDevServer(server, ctx().run());
    },
    resolveId(id, importer) {
      const resolved = resolveVirtual(id, importer, root);
      // esbuild would take the entry into this plugin's namespace: it resolves it itself, from the
      // virtual module's folder.
      if (resolved === undefined || (meta.framework === "esbuild" && virtualEntry(resolved) === undefined))
        return null;
      return resolved;
    },
    load: {
      filter: { id: /\?tools$/ },
      async handler(id) {
        const entry = virtualEntry(id);
        if (entry === undefined) return null;
        await prepare();
        const module = ctx().virtual(entry);
        for (const file of ctx().watchedFiles()) this.addWatchFile(file);
        if (!("errors" in module)) {
          for (const warning of module.warnings) this.warn(warning.text);
          return module.code;
        }
        // In a dev server, as for the generated file: the overlay shows the errors, the app keeps
        // its last good toolset until the fix.
        if (server !== undefined && module.lastGood !== undefined) {
          toDevServer(server, { errors: module.errors, warnings: [], changedEntries: [] });
          return module.lastGood;
        }
        const text = summary(module.errors);
        this.error(text);
        // Where the error does not stop the build (esbuild keeps it only beside a module's code;
        // webpack emits on errors outside production), the module throws it when it runs.
        return `throw new Error(${JSON.stringify(text)});\n`;
      },
    },
    vite: {
      configResolved(config) {
        root = config.root;
      },
      configureServer(devServer) {
        server = devServer;
      },
      hotUpdate({ file, modules }) {
        if (context === undefined || !context.watchedFiles().has(file)) return;
        // A type-only import is no edge of the module graph: the `?tools` modules are told here.
        const graph = this.environment.moduleGraph;
        const virtual = [...graph.idToModuleMap.values()].filter((m) => m.id?.endsWith("?tools"));
        for (const module of virtual) graph.invalidateModule(module);
        return [...new Set([...modules, ...virtual])];
      },
    },
    webpack(compiler) {
      root = compiler.context;
    },
    rspack(compiler) {
      root = compiler.context;
    },
    esbuild: {
      setup(build) {
        root = build.initialOptions.absWorkingDir ?? root;
        build.onStart(async () => {
          try {
            await prepare();
          } catch (error) {
            return { errors: [{ text: (error as Error).message }] };
          }
          const report = ctx().run();
          return { errors: report.errors.map(esbuildMessage), warnings: report.warnings.map(esbuildMessage) };
        });
        // esbuild watches only what it loads: a generated file brings the files of its entries along.
        // Without a context (its options are wrong: onStart said so), the file loads as any other.
        build.onLoad({ filter: /\.typecall\.ts$/ }, (args) =>
          context === undefined
            ? undefined
            : {
                contents: readFileSync(args.path, "utf8"),
                loader: "ts",
                watchFiles: [...context.watchedFiles()],
                watchDirs: [...context.patternFolders],
              },
        );
      },
    },
  };
};

/** The plugin of each bundler, by bundler name. */
export type TypecallPlugins = UnpluginInstance<TypecallPluginOptions | undefined, false>;

/** The typecall plugin for each bundler: `typecall.vite(options)`, `typecall.webpack(options)`, ... */
export const typecall: TypecallPlugins = createUnplugin(typecallFactory);

/** What the plugin uses of a vite dev server. */
interface DevServer {
  ws: { send(payload: unknown): void };
  config: { logger: { warn(message: string): void; error(message: string): void } };
}

/** A dev server's report: its log, and its error overlay; nothing thrown, so the server lives on. */
function toDevServer(server: DevServer, report: PluginReport): void {
  for (const warning of report.warnings) server.config.logger.warn(warning.text);
  for (const error of report.errors) server.config.logger.error(error.text);
  const [first] = report.errors;
  if (first !== undefined) server.ws.send({ type: "error", err: overlayError(report.errors, first) });
}

/**
 * The folders where a module matching the entries' patterns may appear, for the bundler's watcher:
 * the compilation's context dependencies (webpack, rspack), else a watched path (rollup, vite,
 * rolldown, whose watchers report the module that appeared).
 */
function watchFolders(
  channels: Channels & { addWatchFile(id: string): void },
  folders: readonly string[],
): void {
  if (folders.length === 0) return;
  const compilation = channels.getNativeBuildContext?.()?.compilation as
    | { contextDependencies?: { add(folder: string): void } }
    | undefined;
  for (const folder of folders) {
    if (compilation?.contextDependencies) compilation.contextDependencies.add(folder);
    else channels.addWatchFile(folder);
  }
}

/** Errors through `this.error` (rollup, vite, rolldown) or the compilation (webpack, rspack). */
function deliver(channels: Channels, report: PluginReport): void {
  const native = channels.getNativeBuildContext?.();
  const compilation = native?.compilation as
    | { errors: unknown[]; warnings: unknown[]; compiler?: { webpack?: { WebpackError?: ErrorClass } } }
    | undefined;
  if (compilation !== undefined) {
    const Make =
      (native?.compiler as { webpack?: { WebpackError?: ErrorClass } })?.webpack?.WebpackError ?? Error;
    for (const warning of report.warnings) compilation.warnings.push(new Make(warning.text));
    if (report.errors.length > 0) compilation.errors.push(new Make(summary(report.errors)));
    return;
  }
  for (const warning of report.warnings) {
    if (channels.warn) channels.warn({ message: warning.text, ...(warning.file && { id: warning.file }) });
    else console.warn(warning.text);
  }
  if (report.errors.length === 0) return;
  if (channels.error) channels.error({ message: summary(report.errors) });
  throw new Error(summary(report.errors));
}

type ErrorClass = new (message: string) => Error;

/** Every error in one text, as tsc prints them. */
function summary(errors: readonly PluginMessage[]): string {
  const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
  return `typecall: ${count}\n\n${errors.map((e) => e.text).join("\n\n")}`;
}

/** A message as esbuild takes it: its location with the line's text, which esbuild prints under it. */
function esbuildMessage(message: PluginMessage) {
  if (message.file === undefined) return { text: message.text, location: null };
  const { file, line = 1, column = 1, lineText = "" } = message;
  return { text: message.text, location: { file, line, column: Math.max(0, column - 1), lineText } };
}

/** The payload of vite's error overlay. */
function overlayError(errors: readonly PluginMessage[], first: PluginMessage) {
  return {
    message: summary(errors),
    stack: "",
    plugin: NAME,
    ...(first.file && { id: first.file, loc: { file: first.file, line: first.line, column: first.column } }),
  };
}
