/**
 * A run's options: the config file's values, each replaced by the value given for it (a CLI flag, a
 * plugin option), with the entries and paths resolved. A given path is relative to the working
 * directory, a config's to the config's folder. `severity` and `strict` merge per code and per
 * dialect. The CLI and the plugin both lay their values over the config here.
 */
import { relative, resolve } from "node:path";
import type { GenerateOptions } from "../generate.ts";
import { resolveEntries } from "./entries.ts";
import { kindOf } from "./glob.ts";
import type { LoadedConfig } from "./load.ts";
import { resolveOut } from "./out.ts";

/** A run's options, or its problems (`usage`: the usage text helps, as for a missing entry). */
export type RunOptions =
  | { options: GenerateOptions; config: LoadedConfig }
  | { problems: string[]; usage: boolean };

/** What is laid over a config file's values: a flag's or a plugin option's, its paths from `cwd`. */
export interface Overrides {
  readonly entries?: readonly string[] | undefined;
  readonly out?: string | undefined;
  readonly allowAny?: boolean | undefined;
  readonly severity?: GenerateOptions["severity"];
  readonly dialects?: GenerateOptions["dialects"];
  readonly strict?: GenerateOptions["strict"];
  readonly naming?: GenerateOptions["naming"];
  readonly tsconfig?: string | undefined;
}

/**
 * The config's values, each replaced by the one `given` (the CLI's flags, the plugin's options),
 * entries and paths resolved. `command` names the run in the message for no entry at all; without
 * it, no entry is fine (a plugin may only serve `?tools` imports).
 */
export function layOver(loaded: LoadedConfig, given: Overrides, cwd: string, command?: string): RunOptions {
  const { config, root } = loaded;
  const named = configName(loaded, cwd);
  // A value given is named as it was given: a flag, or (without a command) a plugin option.
  const givenName = (key: string, value: string) =>
    command === undefined ? `the plugin option ${key} "${value}"` : `--${key} ${value}`;
  const { patterns, base, fromConfig } = entryPatterns(loaded, given, cwd);
  if (patterns.length === 0 && command !== undefined) {
    const where = named ? ` (none given here, none in ${named})` : "";
    return { problems: [`${command} needs at least one entry module${where}`], usage: true };
  }
  const resolved = patterns.length > 0 ? resolveEntries(patterns, base) : { entries: [], problems: [] };
  if (resolved.problems.length > 0) {
    // Each path names its own fix; the usage text would only bury it.
    const from = fromConfig ? `${named}: entries: ` : "";
    return { problems: resolved.problems.map((p) => `${from}${p}`), usage: false };
  }
  const out =
    given.out !== undefined
      ? resolveOut(given.out, resolved.entries, cwd, givenName("out", given.out))
      : config.out === undefined
        ? undefined
        : resolveOut(config.out, resolved.entries, root, `${named}: out "${config.out}"`);
  if (out && "problem" in out) return { problems: [out.problem], usage: given.out !== undefined };
  const tsconfig =
    given.tsconfig !== undefined
      ? resolve(cwd, given.tsconfig)
      : config.tsconfig === undefined
        ? undefined
        : resolve(root, config.tsconfig);
  if (given.tsconfig !== undefined && kindOf(tsconfig as string) !== "file")
    return { problems: [`${givenName("tsconfig", given.tsconfig)} does not exist`], usage: false };
  const dialects = given.dialects ?? config.dialects;
  const naming = given.naming ?? config.naming;
  const options: GenerateOptions = {
    entries: resolved.entries,
    allowAny: given.allowAny ?? config.allowAny === true,
    severity: { ...config.severity, ...given.severity },
    strict: { ...config.strict, ...given.strict },
    ...(dialects && { dialects }),
    ...(naming && { naming }),
    ...(tsconfig && { tsconfig }),
    ...(out && { out: out.path }),
  };
  return { options, config: loaded };
}

/**
 * The entries' paths and patterns a run takes, and the folder they start at: those given (from
 * `cwd`), else the config's (from its folder).
 */
export function entryPatterns(
  loaded: LoadedConfig,
  given: Pick<Overrides, "entries">,
  cwd: string,
): { patterns: readonly string[]; base: string; fromConfig: boolean } {
  const args = given.entries ?? [];
  if (args.length > 0) return { patterns: args, base: cwd, fromConfig: false };
  const listed = loaded.config.entries;
  return {
    patterns: typeof listed === "string" ? [listed] : (listed ?? []),
    base: loaded.root,
    fromConfig: true,
  };
}

/** The config file as messages name it, relative to `cwd`; empty without one. */
function configName(loaded: LoadedConfig, cwd: string): string {
  return loaded.path === undefined ? "" : relative(cwd, loaded.path).replaceAll("\\", "/");
}
