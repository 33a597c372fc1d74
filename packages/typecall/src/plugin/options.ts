/**
 * The plugin's options and the one seam where they become the engine's: a config file
 * (`typecall.config.ts`) plugs in here, read before the options given inline are laid over it.
 */
import { isAbsolute, resolve } from "node:path";
import { resolveEntries } from "../cli/entries.ts";
import type { LoadedConfig } from "../config/load.ts";
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
  readonly naming?: GenerateOptions["naming"];
  readonly tsconfig?: string;
  /**
   * The config file (`typecall.config.ts`, found in the root by default), or `false` to read none.
   * The options given here win over its values; entries given here replace its entries.
   */
  readonly config?: string | false;
}

/**
 * The engine options of the entries written to disk: the config file's (`config`, as `loadConfig`
 * found it; its paths from its folder, its entries' patterns expanded) with the options given inline
 * laid over them (their paths from `root`). Throws, with each problem on a line, for config entries
 * that match nothing.
 */
export function resolveEngineOptions(
  options: TypecallPluginOptions,
  root: string,
  config?: LoadedConfig,
): EngineOptions {
  const at = (base: string) => (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const file = config?.config ?? {};
  const base = config?.root ?? root;
  let entries = (options.entries ?? []).map(at(root));
  if (options.entries === undefined && file.entries !== undefined) {
    const listed = typeof file.entries === "string" ? [file.entries] : file.entries;
    const resolved = resolveEntries(listed, base);
    if (resolved.problems.length > 0) throw new Error(`typecall: ${resolved.problems.join("\n")}`);
    entries = resolved.entries;
  }
  const out = options.out !== undefined ? at(root)(options.out) : file.out && at(base)(file.out);
  const tsconfig =
    options.tsconfig !== undefined ? at(root)(options.tsconfig) : file.tsconfig && at(base)(file.tsconfig);
  const dialects = options.dialects ?? file.dialects;
  const naming = options.naming ?? file.naming;
  const allowAny = options.allowAny ?? file.allowAny;
  return {
    entries,
    ...(out !== undefined && { out }),
    ...(dialects !== undefined && { dialects }),
    strict: { ...file.strict, ...options.strict },
    severity: { ...file.severity, ...options.severity },
    ...(allowAny !== undefined && { allowAny }),
    ...(naming !== undefined && { naming }),
    ...(tsconfig !== undefined && { tsconfig }),
  };
}
