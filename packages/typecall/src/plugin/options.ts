/**
 * The plugin's options and the one seam where they become the engine's: a config file
 * (`typecall.config.ts`) plugs in here, read before the options given inline are laid over it.
 */
import { isAbsolute, resolve } from "node:path";
import type { EngineOptions } from "../engine/engine.ts";
import type { GenerateOptions } from "../generate.ts";

/**
 * Options of the bundler plugin: those of `typecall generate`. Entries are optional: a module
 * imported as `./tools.ts?tools` is generated in memory without being listed.
 */
export interface TypecallPluginOptions {
  /** Entry modules, relative to the bundler's root (vite's `root`, else the working directory). */
  readonly entries?: readonly string[];
  /** Where the generated files go (see `GenerateOptions.out`); default beside each entry. */
  readonly out?: string;
  readonly dialects?: GenerateOptions["dialects"];
  readonly strict?: GenerateOptions["strict"];
  readonly severity?: GenerateOptions["severity"];
  readonly allowAny?: boolean;
}

/**
 * The engine options of the entries written to disk: entries and `out` made absolute against
 * `root`. The config file, once it exists, is merged here, and nowhere else.
 */
export function resolveEngineOptions(options: TypecallPluginOptions, root: string): EngineOptions {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(root, path));
  return {
    entries: (options.entries ?? []).map(at),
    ...(options.out !== undefined && { out: at(options.out) }),
    ...(options.dialects !== undefined && { dialects: options.dialects }),
    ...(options.strict !== undefined && { strict: options.strict }),
    ...(options.severity !== undefined && { severity: options.severity }),
    ...(options.allowAny !== undefined && { allowAny: options.allowAny }),
  };
}
