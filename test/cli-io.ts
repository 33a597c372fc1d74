/** What the CLI printed in a test, and the io that records it. */
import type { CliIO } from "../packages/typecall/src/index.ts";

/** Everything a run printed, per stream. */
export interface Printed {
  stdout: string;
  stderr: string;
}

/** An io that appends to `printed`, run in `cwd`, with no environment (and `signal` for watch). */
export function recordingIO(printed: Printed, cwd: string, signal?: AbortSignal): CliIO {
  return {
    stdout: (text) => {
      printed.stdout += text;
    },
    stderr: (text) => {
      printed.stderr += text;
    },
    cwd,
    env: {},
    ...(signal && { signal }),
  };
}
