/** The options of a CLI run: the config file's values, each replaced by the flag given for it (`layOver`). */
import { loadConfig } from "../config/load.ts";
import { layOver, type RunOptions } from "../config/overlay.ts";
import type { Flags } from "./args.ts";

/** Loads the config (`--config` or the one in `cwd`) and merges the flags over it. */
export async function resolveRunOptions(
  command: string,
  args: readonly string[],
  flags: Flags,
  cwd: string,
): Promise<RunOptions> {
  const loaded = await loadConfig(cwd, flags.config);
  if ("problems" in loaded) return { problems: loaded.problems, usage: false };
  // A flag that is not given (`--allow-any` absent) leaves the config's value.
  const given = { ...flags, entries: args, allowAny: flags.allowAny || undefined };
  return layOver(loaded, given, cwd, command);
}
