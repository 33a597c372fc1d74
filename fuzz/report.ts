/**
 * The fuzzer's summary: the contract counts, the slowest call, the slow calls, the growth table
 * and one closing verdict line. Plain text, stable column order, for humans and CI logs.
 */
import { doubling, type Growth, RULE, type SizeCost } from "./growth.ts";
import type { Burst } from "./hostile-phase.ts";
import { type Breach, breaches, CONTRACT, SLOW_MS, type Tally, type TimedCall } from "./tally.ts";

/** What one run did, for the report. */
export interface RunSummary {
  readonly seed: number;
  readonly subjects: readonly string[];
  readonly hostileTools: number;
  readonly phases: readonly string[];
  readonly tally: Tally;
  readonly burst: Burst;
  readonly growth: readonly Growth[];
  readonly capMs: number;
  /** Warnings raised by tools' own code, not the runtime's: shown, not counted. */
  readonly toolWarnings: readonly string[];
}

const MAX_LISTED = 15;

/** Milliseconds with the precision that matters at their size. */
export function ms(value: number): string {
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 100) return `${value.toFixed(2)} ms`;
  return `${Math.round(value).toLocaleString("en-US")} ms`;
}

function bytes(value: number): string {
  if (value < 1_000) return `${value} B`;
  if (value < 1_000_000) return `${(value / 1_000).toFixed(1)} KB`;
  return `${(value / 1_000_000).toFixed(2)} MB`;
}

const cost = (size: SizeCost) => `${size.state === "measured" ? "" : ">="}${ms(size.ms)}`;
const ratio = (value: number, bounded: boolean) =>
  `${bounded ? ">=" : ""}${value < 10 ? value.toFixed(1) : Math.round(value)}`;
const clip = (text: string, max = 200) => {
  const line = text.replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max)}…` : line;
};

function timed(call: TimedCall): string {
  return `${call.capped ? ">=" : ""}${ms(call.ms)}, ${call.family}: ${clip(call.shape, 140)} (${bytes(call.bytes)})`;
}

function contractLines(tally: Tally): string[] {
  const lines = ["Contract (every count must be 0):"];
  for (const kind of Object.keys(CONTRACT) as Breach[]) {
    const count = tally.counts[kind];
    const example = tally.examples[kind];
    const first = count > 0 && example !== undefined ? `   first: ${clip(example)}` : "";
    lines.push(`  ${CONTRACT[kind].padEnd(54)} ${String(count).padStart(7)}${first}`);
  }
  return lines;
}

function slowLines(tally: Tally): string[] {
  const lines = [`Slowest call: ${tally.slowest ? timed(tally.slowest) : "none"}`];
  const slow = [...tally.slow].sort((a, b) => b.ms - a.ms);
  lines.push(`Calls over ${SLOW_MS} ms on input under 1 MiB: ${slow.length}`);
  for (const call of slow.slice(0, MAX_LISTED)) lines.push(`  ${timed(call)}`);
  if (slow.length > MAX_LISTED) lines.push(`  … and ${slow.length - MAX_LISTED} more`);
  return lines;
}

function growthLines(growth: readonly Growth[], capMs: number): string[] {
  const lines = [
    `Growth: cost of one call (fastest of its runs) at 1x, 10x and 100x of n (per-call cap ${ms(capMs)}; >= marks a size that hit`,
    `the cap, or was skipped after a smaller one did, so its ratio is a lower bound). Rule: SUPERLINEAR when`,
    `cost(10x)/cost(1x) > ${RULE.ratio10} or cost(100x)/cost(1x) > ${RULE.ratio100} (linear growth gives 10 and 100).`,
    `  ${"family".padEnd(19)} ${"n at 1x".padStart(8)} ${"1x".padStart(11)} ${"10x".padStart(12)} ${"100x".padStart(12)} ${"10x/1x".padStart(8)} ${"100x/1x".padStart(9)}  verdict      answers at 1x / 10x / 100x`,
  ];
  for (const g of growth) {
    const [one, ten, hundred] = g.sizes as [SizeCost, SizeCost, SizeCost];
    const verdict = g.crash !== undefined ? "CRASHED" : g.superlinear ? "SUPERLINEAR" : "linear";
    const answers = g.sizes.map((size) =>
      size.issues > 0 ? `${size.answer} (${size.issues} issue${size.issues === 1 ? "" : "s"})` : size.answer,
    );
    lines.push(
      `  ${g.family.id.padEnd(19)} ${String(g.family.base).padStart(8)} ${cost(one).padStart(11)} ${cost(ten).padStart(12)} ${cost(hundred).padStart(12)} ${ratio(g.ratio10, ten.state !== "measured").padStart(8)} ${ratio(g.ratio100, hundred.state !== "measured").padStart(9)}  ${verdict.padEnd(12)} ${answers.join(" / ")}`,
    );
  }
  const ladders = growth.filter((g) => g.ladder.length > 0);
  if (ladders.length > 0)
    lines.push("Below a capped size, doubling n (growth per doubling: 2 is linear, 4 quadratic):");
  for (const g of ladders) {
    const steps = g.ladder.map((size) => `n=${size.n} ${cost(size)}`).join(", ");
    const step = doubling(g);
    const factor = step ? `; x${step.factor.toFixed(1)} per doubling at n=${step.from}->${step.to}` : "";
    lines.push(`  ${g.family.id}: ${steps}${factor}`);
  }
  lines.push("What grows (family: input, tool):");
  for (const g of growth)
    lines.push(
      `  ${g.family.id}: ${g.family.label}, n ${g.family.unit}; ${g.family.subject}.${g.family.tool}`,
    );
  return lines;
}

/** The report's lines, ending with the verdict; `failed` says whether the run must exit 1. */
export function report(summary: RunSummary): { lines: string[]; failed: boolean } {
  const { tally, growth, burst } = summary;
  const superlinear = growth.filter((g) => g.superlinear).map((g) => g.family.id);
  const crashed = growth.filter((g) => g.crash !== undefined).map((g) => `${g.family.id}: ${g.crash}`);
  const broken = breaches(tally);
  const problems = [
    ...broken,
    ...(superlinear.length > 0
      ? [`SUPERLINEAR families: ${superlinear.length} (${superlinear.join(", ")})`]
      : []),
    ...(crashed.length > 0
      ? [`families that crashed the timing worker: ${crashed.length} (${crashed.join("; ")})`]
      : []),
    ...(tally.slow.length > 0 ? [`calls over ${SLOW_MS} ms on input under 1 MiB: ${tally.slow.length}`] : []),
  ];
  const lines = [
    `typecall fuzz: ${tally.calls.toLocaleString("en-US")} calls, seed ${summary.seed} (replay with --seed ${summary.seed})`,
    `Toolsets: ${summary.subjects.join(", ")}, and ${summary.hostileTools} hostile tools`,
    ...summary.phases,
    `Burst: ${burst.calls} hung calls at once, ${burst.timedOut} answered timeout, at most ${ms(burst.maxLateMs)} after their limit`,
    "",
    ...contractLines(tally),
    ...(summary.toolWarnings.length > 0
      ? [
          `  (not counted: ${summary.toolWarnings.length} warnings raised by tools' own code, first: ${clip(summary.toolWarnings[0] ?? "")})`,
        ]
      : []),
    "",
    ...slowLines(tally),
    "",
    ...growthLines(growth, summary.capMs),
    "",
    problems.length === 0 ? "RESULT: PASS" : `RESULT: FAIL: ${problems.join("; ")}`,
  ];
  return { lines, failed: problems.length > 0 };
}
