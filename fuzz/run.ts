/**
 * `pnpm fuzz`: a bounded fuzz run of `dispatch` (issue 7, section 5), over the generated toolset of
 * every codegen case, the quick start, the fuzzer's union tools (`fuzz/tools/unions.ts`) and
 * hand-built hostile tools. Three phases:
 *
 * 1. random calls, one at a time: model-like argument texts, noise, large and deep texts, polluting
 *    keys, hostile values and hostile call objects, and batches of them;
 * 2. calls that wait on timers, many at once: hostile tools, per-call options and batches, shared
 *    signals, and a burst of hung calls;
 * 3. the growth of each input family at 1x, 10x and 100x, in a worker under a per-call cap.
 *
 * Every call is watched: a synchronous throw, a rejection, a call pending 1 s past its time limit,
 * a malformed outcome, an unhandled rejection, an uncaught exception, a polluted prototype or a
 * process warning is counted, never fatal. Exits 1 when any count is non-zero, a family is
 * SUPERLINEAR, or a call on input under 1 MiB took over 100 ms.
 *
 * Options: --calls N (default 100,000), --quick (10,000 calls, 1 s cap: for CI), --seed N,
 * --cap-ms N (per-call cap of phase 3; default 3,000, 1,000 with --quick).
 */
import { createHostileToolset } from "../packages/runtime/test/support/hostile-tools.ts";
import { type LooseToolset, loadSubjects } from "../packages/runtime/test/support/subjects.ts";
import { createPollutionProbe, recordProcess } from "../packages/runtime/test/support/watch.ts";
import { FAMILIES } from "./families.ts";
import { createTimer, type Growth, measureGrowth } from "./growth.ts";
import { runBurst, runHostileCalls } from "./hostile-phase.ts";
import { GRACE_MS, runRandomCalls } from "./random-calls.ts";
import { report } from "./report.ts";
import { fuzzSubjectPaths } from "./subjects.ts";
import { breach, createTally, recordTime, type Tally } from "./tally.ts";

interface Options {
  readonly calls: number;
  readonly seed: number;
  readonly capMs: number;
  readonly burst: number;
}

const USAGE = "usage: pnpm fuzz [--quick] [--calls N] [--seed N] [--cap-ms N]";

/** Reads the command line; prints the usage and exits 2 on anything else. */
function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes("--quick");
  const number = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number(argv[at + 1]);
    if (!Number.isInteger(value) || value < 0) fail(`${flag} takes a whole number`);
    return value;
  };
  const known = new Set(["--quick", "--calls", "--seed", "--cap-ms"]);
  const unknown = argv.find(
    (arg, i) => arg.startsWith("--") && !known.has(arg) && !known.has(argv[i - 1] ?? ""),
  );
  if (unknown !== undefined) fail(`unknown option ${unknown}`);
  return {
    calls: number("--calls", quick ? 10_000 : 100_000),
    seed: number("--seed", 7_000_007),
    capMs: number("--cap-ms", quick ? 1_000 : 3_000),
    burst: quick ? 500 : 2_000,
  };
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const seconds = (start: number) => `${((performance.now() - start) / 1_000).toFixed(1)} s`;

/** Phase 3: every family's growth; each timed size also counts for the slowest and slow calls. */
async function runGrowth(capMs: number, tally: Tally): Promise<Growth[]> {
  const timer = createTimer(capMs);
  const growth: Growth[] = [];
  try {
    for (const family of FAMILIES) {
      const measured = await measureGrowth(family, timer, capMs);
      growth.push(measured);
      for (const size of [...measured.sizes, ...measured.ladder]) {
        if (size.state === "skipped" || size.state === "crashed") continue;
        const shape = `${family.label}, n=${size.n.toLocaleString("en-US")}; ${family.subject}.${family.tool}`;
        recordTime(tally, {
          family: family.id,
          shape,
          bytes: size.bytes,
          ms: size.ms,
          capped: size.state === "capped",
        });
      }
    }
  } finally {
    await timer.close();
  }
  return growth;
}

const options = parseOptions(process.argv.slice(2));
const recorder = recordProcess({ exclusive: true });
const probe = createPollutionProbe();
const subjects = await loadSubjects(fuzzSubjectPaths());
const hostile = createHostileToolset(20);
const quickstart = subjects.find((subject) => subject.label === "quickstart")?.toolset as LooseToolset;
const tally = createTally();
const phases: string[] = [];
const hostileCount = Math.max(options.burst, Math.round(options.calls * 0.15));

let start = performance.now();
await runRandomCalls(subjects, options.calls - hostileCount, options.seed, tally, probe);
phases.push(
  `Phase 1, random calls to the generated toolsets, one at a time: ${tally.calls.toLocaleString("en-US")} calls in ${seconds(start)}`,
);
start = performance.now();
const before = tally.calls;
await runHostileCalls(hostile, quickstart, hostileCount - options.burst, options.seed, tally, probe);
const burst = await runBurst(hostile, options.burst, tally);
phases.push(
  `Phase 2, hostile tools, options and batches, 200 at a time: ${(tally.calls - before).toLocaleString("en-US")} calls in ${seconds(start)}`,
);
start = performance.now();
const growth = await runGrowth(options.capMs, tally);
phases.push(`Phase 3, growth of ${growth.length} input families in a worker: ${seconds(start)}`);

// Rejections and timers a call left behind get their chance to surface before the count.
await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
breach(tally, "unhandled", recorder.unhandled[0] ?? "", recorder.unhandled.length);
breach(tally, "uncaught", recorder.uncaught[0] ?? "", recorder.uncaught.length);
breach(tally, "warnings", recorder.warnings[0] ?? "", recorder.warnings.length);
for (const change of probe.check()) breach(tally, "polluted", `at the end: ${change}`);
recorder.stop();

const { lines, failed } = report({
  seed: options.seed,
  subjects: subjects.map((subject) => subject.label),
  hostileTools: hostile.names.length,
  phases,
  tally,
  burst,
  growth,
  capMs: options.capMs,
  toolWarnings: recorder.toolWarnings,
});
console.log(lines.join("\n"));
// Hung tools' promises and the runtime's timers must not keep the process alive: the verdict is in.
process.exit(failed ? 1 : 0);
