/**
 * What the fuzzer counts: every way a call broke the contract (with the first example of each),
 * the slowest call, and every call over the time budget on input under 1 MiB.
 */
import type { Watched } from "../packages/runtime/test/support/watch.ts";

/** The contract counts, in report order, with the words the report prints. */
export const CONTRACT = {
  threw: "synchronous throws",
  "not-a-promise": "non-promise returns",
  rejected: "rejections",
  unsettled: "unsettled calls (pending 1 s after their time limit)",
  malformed: "malformed outcomes",
  unhandled: "unhandled rejections",
  uncaught: "uncaught exceptions",
  polluted: "prototype pollution",
  warnings: "process warnings",
} as const;

/** One kind of contract failure. */
export type Breach = keyof typeof CONTRACT;

/** A call the report can name: its family, a description of its input, and its size. */
export interface CallInfo {
  readonly family: string;
  readonly shape: string;
  readonly bytes: number;
}

/** A call and its time. */
export interface TimedCall extends CallInfo {
  readonly ms: number;
  /** Set when the time is the per-call cap, not a measurement. */
  readonly capped?: boolean;
}

/** Calls slower than this on input under {@link SLOW_INPUT_BYTES} are flagged. */
export const SLOW_MS = 100;
export const SLOW_INPUT_BYTES = 2 ** 20;

/** The running counts of a fuzz run. */
export interface Tally {
  calls: number;
  readonly counts: Record<Breach, number>;
  readonly examples: Partial<Record<Breach, string>>;
  slowest: TimedCall | undefined;
  readonly slow: TimedCall[];
}

/** An empty tally. */
export function createTally(): Tally {
  const counts = Object.fromEntries(Object.keys(CONTRACT).map((key) => [key, 0])) as Record<Breach, number>;
  return { calls: 0, counts, examples: {}, slowest: undefined, slow: [] };
}

/** Counts `n` breaches of one kind, keeping the first example. */
export function breach(tally: Tally, kind: Breach, example: string, n = 1): void {
  if (n <= 0) return;
  tally.counts[kind] += n;
  tally.examples[kind] ??= example;
}

/** Records a watched call: its verdict, and its time when `ms` says what it cost. */
export function recordCall(tally: Tally, info: CallInfo, watched: Watched, calls = 1, ms?: number): void {
  tally.calls += calls;
  if (watched.verdict !== "answered") {
    breach(tally, watched.verdict, `${info.family}: ${info.shape} -> ${watched.detail}`);
  }
  if (ms !== undefined) recordTime(tally, { ...info, ms });
}

/** Records how long a call took: the slowest so far, and a slow call when over budget on a small input. */
export function recordTime(tally: Tally, call: TimedCall): void {
  if (tally.slowest === undefined || call.ms > tally.slowest.ms) tally.slowest = call;
  if (call.ms > SLOW_MS && call.bytes < SLOW_INPUT_BYTES) tally.slow.push(call);
}

/** `rejections: 3` for each kind of breach counted (empty when the contract held). */
export function breaches(tally: Tally): string[] {
  return (Object.keys(CONTRACT) as Breach[])
    .filter((kind) => tally.counts[kind] > 0)
    .map((kind) => `${CONTRACT[kind]}: ${tally.counts[kind]}`);
}
