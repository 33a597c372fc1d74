/**
 * How the cost of each input family grows: its call is timed at sizes 1x, 10x and 100x in a worker
 * thread, under a per-call cap (the worker is terminated when a call passes it, so that an
 * exponential case costs the cap, not minutes). When a size hits the cap, a ladder of doubling
 * sizes below it shows the growth on sizes that finish.
 *
 * Rule: a family is SUPERLINEAR when its cost grows more than 3x faster than linear, that is when
 * cost(10x) / cost(1x) > 50 or cost(100x) / cost(1x) > 300 (linear gives 10 and 100, quadratic 100 and
 * 10,000; 50 rather than 30 at 10x, so that timing noise on sub-millisecond sizes cannot flip a verdict). A capped size counts as costing the cap,
 * so its ratio is a lower bound.
 */
import { Worker } from "node:worker_threads";
import type { Family } from "./families.ts";
import type { Measurement } from "./growth-worker.ts";

/**
 * The worker's entry: module hooks registered with `--import tsx` stay in the main thread, so the
 * worker registers tsx itself before importing its TypeScript module.
 */
const BOOTSTRAP = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))};
     register();
     await import(${JSON.stringify(new URL("./growth-worker.ts", import.meta.url).href)});`,
  )}`,
);

/** The thresholds of the SUPERLINEAR rule. */
export const RULE = { ratio10: 50, ratio100: 300 } as const;

/**
 * The time of one size: measured, capped (passed the cap), skipped (a smaller size was capped) or
 * crashed (the worker died: `answer` says why; a broken fuzzer or a runtime that kills its thread).
 */
export interface SizeCost {
  readonly n: number;
  readonly state: "measured" | "capped" | "skipped" | "crashed";
  /** The time (fastest run); the cap when capped or skipped. */
  readonly ms: number;
  readonly bytes: number;
  readonly answer: string;
  readonly issues: number;
}

/** A family's growth. Ratios are lower bounds when `bounded`. */
export interface Growth {
  readonly family: Family;
  /** At 1x, 10x and 100x. */
  readonly sizes: readonly SizeCost[];
  /** Doubling sizes between 1x and the first capped size, when one was capped. */
  readonly ladder: readonly SizeCost[];
  readonly ratio10: number;
  readonly ratio100: number;
  readonly bounded: boolean;
  readonly superlinear: boolean;
  /** Why the timing worker died, when it did: this family was not measured. */
  readonly crash: string | undefined;
}

/** Times family calls in a worker, replacing the worker whenever a call passes `capMs`. */
export interface Timer {
  time(family: Family, n: number): Promise<SizeCost>;
  close(): Promise<void>;
}

/** Starts the worker that {@link Timer.time} uses. */
export function createTimer(capMs: number): Timer {
  let worker: Promise<Worker> | undefined;
  let failure = "";
  const spawn = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const thread = new Worker(BOOTSTRAP);
      thread.once("message", () => resolve(thread));
      // A worker that fails to start is a broken fuzzer, not a finding.
      thread.once("error", reject);
      // A later error ends the worker: `time` sees it exit, and reports this message.
      thread.on("error", (error) => {
        failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      });
    });
  return {
    async time(family, n) {
      worker ??= spawn();
      const thread = await worker;
      const answer = await new Promise<Measurement | "capped" | "crashed">((resolve) => {
        // Beyond the call itself: warm-up and repeats, each under 250 ms (see growth-worker.ts).
        const timer = setTimeout(() => resolve("capped"), capMs + 1_500);
        const onExit = () => {
          clearTimeout(timer);
          resolve("crashed");
        };
        thread.once("exit", onExit);
        thread.once("message", (measurement: Measurement) => {
          clearTimeout(timer);
          thread.off("exit", onExit);
          resolve(measurement);
        });
        thread.postMessage({ family: family.id, n });
      });
      if (typeof answer === "object" && answer.ms <= capMs) return { state: "measured", ...answer };
      worker = undefined;
      await thread.terminate();
      const bytes = bytesOf(family, n);
      if (answer === "crashed")
        return { n, state: "crashed", ms: Number.NaN, bytes, answer: failure, issues: 0 };
      return { n, state: "capped", ms: capMs, bytes, answer: "-", issues: 0 };
    },
    async close() {
      if (worker) await (await worker).terminate();
    },
  };
}

/** Measures one family at 1x, 10x and 100x (and a ladder below a capped size). */
export async function measureGrowth(family: Family, timer: Timer, capMs: number): Promise<Growth> {
  const sizes: SizeCost[] = [];
  for (const multiple of [1, 10, 100]) {
    const n = family.base * multiple;
    const previous = sizes.at(-1);
    if (previous !== undefined && previous.state !== "measured") {
      sizes.push({ ...previous, n, state: "skipped", bytes: bytesOf(family, n) });
    } else {
      sizes.push(await timer.time(family, n));
    }
  }
  const capped = sizes.find((size) => size.state !== "measured");
  const ladder =
    capped === undefined ? [] : await climb(family, timer, capMs, capped.n, sizes[0] as SizeCost);
  const [one, ten, hundred] = sizes as [SizeCost, SizeCost, SizeCost];
  const floor = Math.max(one.ms, 1e-3);
  const ratio10 = ten.ms / floor;
  const ratio100 = hundred.ms / floor;
  return {
    family,
    sizes,
    ladder,
    ratio10,
    ratio100,
    bounded: capped !== undefined,
    superlinear: ratio10 > RULE.ratio10 || ratio100 > RULE.ratio100,
    crash: [...sizes, ...ladder].find((size) => size.state === "crashed")?.answer,
  };
}

/**
 * Doubling sizes from 2x up to (not including) `ceiling`. Stops once a call takes a quarter of the
 * cap, or when the last doubling's growth, repeated, would pass the cap: a capped call costs the
 * cap and a new worker, and tells no more than the growth already measured.
 */
async function climb(
  family: Family,
  timer: Timer,
  capMs: number,
  ceiling: number,
  first: SizeCost,
): Promise<SizeCost[]> {
  const ladder: SizeCost[] = [];
  let previous = first;
  for (let n = family.base * 2; n < ceiling; n *= 2) {
    const cost = await timer.time(family, n);
    ladder.push(cost);
    if (cost.state !== "measured" || cost.ms > capMs / 4) break;
    if ((cost.ms * cost.ms) / Math.max(previous.ms, 1e-3) > capMs) break;
    previous = cost;
  }
  return ladder;
}

/** The growth factor per doubling over the last two measured ladder steps (1x included), if any. */
export function doubling(growth: Growth): { from: number; to: number; factor: number } | undefined {
  const points = [growth.sizes[0] as SizeCost, ...growth.ladder].filter((size) => size.state === "measured");
  const [a, b] = points.slice(-2);
  if (a === undefined || b === undefined) return undefined;
  return { from: a.n, to: b.n, factor: b.ms / Math.max(a.ms, 1e-3) };
}

function bytesOf(family: Family, n: number): number {
  const call = family.build(n);
  return call.name.length + call.arguments.length;
}
