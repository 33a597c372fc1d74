/**
 * The plugin's options and the one seam where they become the engine's: a config file
 * (`typecall.config.ts`) plugs in here, read before the options given inline are laid over it.
 */

import type { LoadedConfig } from "../config/load.ts";
import { layOver } from "../config/overlay.ts";
import { configProblems } from "../config/validate.ts";
import type { EngineOptions } from "../engine/engine.ts";
import type { GenerateOptions } from "../generate.ts";

/**
 * Options of the bundler plugin: those of `typecall generate`. Entries are optional: a module
 * imported as `./tools.ts?tools` is generated in memory without being listed.
 */
export interface TypecallPluginOptions {
  /** Entry modules or patterns, relative to the bundler's root (vite's `root`, else the working directory). */
  readonly entries?: string | readonly string[];
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
 * The engine options of the entries written to disk: the config file's values (`config`, as
 * `loadConfig` found it), each replaced by the option given here, as the CLI lays its flags over
 * them (`layOver`): the config's paths from its folder, the options' from `root`. Throws, with each
 * problem on a line, for entries that match nothing or an `out` that cannot be.
 */
export function resolveEngineOptions(
  options: TypecallPluginOptions,
  root: string,
  config: LoadedConfig = { path: undefined, root, config: {} },
): EngineOptions {
  // Checked as the config file's keys are: a plugin's options may come from plain JavaScript.
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw new Error(
      `typecall: the plugin's options are an object (typecall({ entries: ["src/tools.ts"] })), got ${JSON.stringify(options)}`,
    );
  const problems = configProblems(options, ["config"]).map((p) => `the plugin's options: ${p}`);
  if (options.config !== undefined && options.config !== false && typeof options.config !== "string")
    problems.push(
      `the plugin's options: config must be a path or false, got ${JSON.stringify(options.config)}`,
    );
  if (problems.length > 0) throw new Error(`typecall: ${problems.join("\n")}`);
  const { entries } = options;
  const laid = layOver(
    config,
    { ...options, entries: typeof entries === "string" ? [entries] : entries },
    root,
  );
  if ("problems" in laid) throw new Error(`typecall: ${laid.problems.join("\n")}`);
  return laid.options;
}
