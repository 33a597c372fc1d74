import type { ToolNaming } from "../analyze/naming.ts";
import type { GenerateOptions } from "../generate.ts";

/**
 * What `typecall.config.ts` holds: the entries, where their output goes, and the options of
 * `generate()`. Relative paths are resolved from the folder of the config file. The CLI's flags win
 * over these values; entries given on the command line replace `entries`.
 */
export interface TypecallConfig {
  /**
   * The tool modules: paths or glob patterns (`"src/tools/*.ts"`), as the CLI takes them. Used when
   * the command line names no entry.
   */
  entries?: string | readonly string[];
  /**
   * Where to write: a folder (each output is `<folder>/<entry>.typecall.ts`) or, with a single entry,
   * a file path ending in `.ts`. Default: beside each entry. The CLI's `--out`.
   */
  out?: string;
  /** The dialects to emit and check (default: all). The CLI's `--dialects`. */
  dialects?: GenerateOptions["dialects"];
  /** The strict mode per dialect that has one: `auto`, `always` or `never`. The CLI's `--strict`. */
  strict?: GenerateOptions["strict"];
  /** The casing of tool names taken from exports (default: as exported). The CLI's `--naming`. */
  naming?: ToolNaming;
  /** Per-code severity overrides: `{ TC3001: "off" }`. The CLI's `--severity`. */
  severity?: GenerateOptions["severity"];
  /**
   * The tsconfig.json every entry is analysed with, instead of the nearest one above each entry.
   * The CLI's `--tsconfig`.
   */
  tsconfig?: string;
  /** Accept `unknown` and `any` as free JSON without the TC2006 warning. The CLI's `--allow-any`. */
  allowAny?: boolean;
}

/**
 * Types a configuration for `typecall.config.ts` and returns it as it is:
 * `export default defineConfig({ entries: ["src/tools.ts"] })`.
 */
export function defineConfig(config: TypecallConfig): TypecallConfig {
  return config;
}
