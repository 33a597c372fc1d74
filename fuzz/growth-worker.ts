/**
 * The worker thread that times one family call at one size. A call that blocks the event loop for
 * minutes cannot be stopped from its own thread, so the fuzzer runs these here and terminates the
 * worker when a call passes its cap (see `growth.ts`).
 */
import { parentPort } from "node:worker_threads";
import {
  CONTEXT,
  type LooseToolset,
  loadSubjects,
  subjectLabel,
} from "../packages/runtime/test/support/subjects.ts";
import { FAMILIES, type Family } from "./families.ts";
import { fuzzSubjectPaths } from "./subjects.ts";

/** What the main thread asks for. */
export interface MeasureRequest {
  readonly family: string;
  readonly n: number;
}

/** What the worker answers: the time of the call at that size (the fastest of its runs), and what it answered. */
export interface Measurement {
  readonly family: string;
  readonly n: number;
  readonly bytes: number;
  readonly ms: number;
  readonly runs: number;
  /** `ok`, an error code, or how the call broke the contract (`threw`, `rejected`). */
  readonly answer: string;
  readonly issues: number;
}

/** Repeat a fast call until this much time is spent. */
const SAMPLE_BUDGET_MS = 60;
const MAX_RUNS = 100;
/** A call this long is run once: repeating it would only make the run slower. */
const LONG_MS = 250;

// Each module is imported when a family first needs it: a worker replaced after a capped call
// starts faster when it loads one toolset, not all of them.
const paths = new Map(fuzzSubjectPaths().map((path) => [subjectLabel(path), path]));
const loaded = new Map<string, LooseToolset>();
const warmed = new Set<string>();

async function toolsetOf(label: string): Promise<LooseToolset> {
  let toolset = loaded.get(label);
  if (toolset === undefined) {
    const [subject] = await loadSubjects([paths.get(label) as string]);
    toolset = subject?.toolset as LooseToolset;
    loaded.set(label, toolset);
  }
  return toolset;
}

async function timeOnce(
  toolset: LooseToolset,
  call: object,
): Promise<{ ms: number; answer: string; issues: number }> {
  const start = performance.now();
  try {
    const outcome = (await toolset.dispatch(call, CONTEXT, { timeoutMs: 1_000 })) as {
      ok: boolean;
      error?: { code: string; issues?: unknown[] };
    };
    const ms = performance.now() - start;
    return {
      ms,
      answer: outcome.ok ? "ok" : String(outcome.error?.code),
      issues: outcome.error?.issues?.length ?? 0,
    };
  } catch {
    // The contract counts of the other phases report throws and rejections; here only time matters.
    return { ms: performance.now() - start, answer: "threw or rejected", issues: 0 };
  }
}

async function measure(family: Family, n: number): Promise<Measurement> {
  const toolset = await toolsetOf(family.subject);
  if (!warmed.has(family.id)) {
    // The first calls of a family compile its code paths: keep that out of the 1x figure.
    for (let i = 0; i < 10; i++) await timeOnce(toolset, family.build(family.base));
    warmed.add(family.id);
  }
  const call = family.build(n);
  const times: number[] = [];
  const start = performance.now();
  let last = await timeOnce(toolset, call);
  times.push(last.ms);
  // At least three runs unless one is long, more while the budget lasts; the fastest is the cost,
  // since whatever else runs on the machine (GC, other processes) only ever adds time.
  while (
    (times.length < 3 && last.ms < LONG_MS) ||
    (performance.now() - start < SAMPLE_BUDGET_MS && times.length < MAX_RUNS)
  ) {
    last = await timeOnce(toolset, call);
    times.push(last.ms);
  }
  const ms = Math.min(...times);
  const bytes = call.name.length + call.arguments.length;
  return { family: family.id, n, bytes, ms, runs: times.length, answer: last.answer, issues: last.issues };
}

parentPort?.on("message", async (request: MeasureRequest) => {
  const family = FAMILIES.find((candidate) => candidate.id === request.family) as Family;
  parentPort?.postMessage(await measure(family, request.n));
});
parentPort?.postMessage("ready");
