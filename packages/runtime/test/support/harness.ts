/**
 * The property tests' harness: fast-check from a fixed seed, and one judge of a watched call that
 * also looks at what the process saw meanwhile (unhandled rejections, uncaught exceptions, polluted
 * prototypes).
 */
import fc from "fast-check";
import { outcomeProblem } from "./outcome-shape.ts";
import { createPollutionProbe, type ProcessRecorder, recordProcess, tick, watchCall } from "./watch.ts";

/** The harness of one test file. */
export interface Harness {
  readonly recorder: ProcessRecorder;
  /** What changed in the built-in prototypes since the harness was made (undone). */
  polluted(): string[];
  /** Asserts `property` from the fixed seed, `runs` times (scaled): it returns what is wrong, if anything. */
  check<T>(
    arbitrary: fc.Arbitrary<T>,
    runs: number,
    property: (value: T) => Promise<string | undefined>,
  ): Promise<void>;
  /**
   * What is wrong with one `dispatch` or `dispatchAll`, or undefined: it must resolve within
   * `waitMs` to a value `problem` accepts, with no unhandled rejection, uncaught exception or
   * pollution meanwhile. `afterMs` waits for timers the call left behind, so that their failure is
   * this call's, not the next one's.
   */
  answers(
    invoke: () => unknown,
    waitMs: number,
    problem?: (value: unknown) => string | undefined,
    afterMs?: number,
  ): Promise<string | undefined>;
  /** Gives the process listeners back. */
  stop(): void;
}

/** Starts recording the process (taking over the test runner's listeners) and snapshots the prototypes. */
export function createHarness({ seed, scale }: { seed: number; scale: number }): Harness {
  const recorder = recordProcess({ exclusive: true });
  const probe = createPollutionProbe();
  return {
    recorder,
    polluted: () => probe.check(),
    check: (arbitrary, runs, property) =>
      fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          const problem = await property(value);
          if (problem !== undefined) throw new Error(problem);
        }),
        { seed, numRuns: Math.max(1, Math.round(runs * scale)) },
      ),
    async answers(invoke, waitMs, problem = (value) => outcomeProblem(value), afterMs = 0) {
      const unhandled = recorder.unhandled.length;
      const uncaught = recorder.uncaught.length;
      const watched = await watchCall(invoke, waitMs, problem);
      if (afterMs > 0) await new Promise((resolve) => setTimeout(resolve, afterMs));
      await tick();
      const polluted = probe.check();
      if (watched.verdict !== "answered") return watched.detail;
      if (recorder.unhandled.length > unhandled) return `unhandled rejection: ${recorder.unhandled.at(-1)}`;
      if (recorder.uncaught.length > uncaught) return `uncaught exception: ${recorder.uncaught.at(-1)}`;
      if (polluted.length > 0) return `prototype polluted: ${polluted.join(", ")}`;
      return undefined;
    },
    stop: () => recorder.stop(),
  };
}

/** What is wrong with an outcome that reports an internal error (the pipeline's catch-all), if it does. */
export function internalError(value: unknown): string | undefined {
  const message = String((value as { error?: { message?: unknown } } | undefined)?.error?.message ?? "");
  return /internal error/i.test(message)
    ? `answered with ${JSON.stringify(message.slice(0, 200))}`
    : undefined;
}

/** Whether a property's schema may hold nested values: objects, arrays, references, unions or anything. */
export function takesNesting(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  return !("type" in schema) || /"(object|array)"|"\$ref"/.test(JSON.stringify(schema));
}
