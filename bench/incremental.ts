/**
 * (i) incremental regeneration (issue 12): the engine's run after one edit, against its cold run
 * (a fresh engine over the same corpus, in the same warm process), on the corpus of (b) (200
 * functions in 20 files) and on one ten times larger (2,000 in 200):
 * - a leaf edit: one tool's description. Target: at most 0.03 of the cold run.
 * - a type that every tool of one file uses. Target: at most 0.05 (200) and 0.04 (2,000).
 * - a type used across all files (`shared.ts`, used by one tool of every module). Same targets.
 *   Every module's output changes. The bench also prints where the run's time goes (its phases):
 *   the program, analysing the functions that use the type, emitting, and writing the outputs.
 * - memory: the heap after 100 edits (after a full GC) against after the first, at 200 functions.
 *   Target: at most 1.10.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  createEngine,
  type Engine,
  type EngineRun,
  type RunPhases,
} from "../packages/typecall/src/engine/engine.ts";
import { sharedModule, writeCorpus } from "./corpus.ts";
import { median } from "./measure.ts";

export interface IncrementalFigures {
  readonly functions: number;
  readonly coldMs: number;
  readonly leafMs: number;
  readonly fileTypeMs: number;
  readonly sharedTypeMs: number;
  /** The median of each phase of the shared-type edit's runs. */
  readonly sharedPhases: RunPhases;
  /** Heap after the edits over heap after the first, both after a full GC. */
  readonly memory: number;
}

/** A full garbage collection, for the memory figure. */
function collect(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Times `work`, in milliseconds. */
function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/**
 * The figures for a corpus of `files` modules of 10 functions, under `dir`: the median of `rounds`
 * cold runs and of `edits` runs after each kind of edit (`edits` of 33 makes the 100 edits of the
 * memory figure).
 */
export function benchIncremental(
  dir: string,
  files: number,
  rounds: number,
  edits: number,
): IncrementalFigures {
  const entries = writeCorpus(join(dir, `incremental-${files}`), files, 10, true);
  const leaf = entries[0] as string;
  const shared = join(dir, `incremental-${files}`, "shared.ts");
  const original = readFileSync(leaf, "utf8");
  const check = (engine: Engine, changed: string[], tools: number): EngineRun => {
    const run = engine.run(changed);
    if (run.changedTools.length !== tools || run.diagnostics.some((d) => d.severity === "error"))
      throw new Error(
        `incremental bench: expected ${tools} changed tools, got ${run.changedTools.join(", ")}`,
      );
    return run;
  };
  // Cold: a fresh engine each round, after one to warm the process up.
  createEngine({ entries }).run();
  const cold = median(Array.from({ length: rounds }, () => time(() => createEngine({ entries }).run())));
  const engine = createEngine({ entries });
  engine.run();
  // The leaf module's text from its two edits so far: one tool's description, its shared type.
  let descriptions = 0;
  let labels = 0;
  const leafText = () => {
    let text = original;
    if (descriptions > 0)
      text = text.replace("does one useful thing.", `does one useful thing (edit ${descriptions}).`);
    if (labels > 0) text = text.replace("  /** A label. */", `  /** A label (edit ${labels}). */`);
    return text;
  };
  const leafEdit = () => {
    descriptions++;
    writeFileSync(leaf, leafText());
    return time(() => check(engine, [leaf], 1));
  };
  const fileTypeEdit = () => {
    labels++;
    writeFileSync(leaf, leafText());
    return time(() => check(engine, [leaf], 10));
  };
  let versions = 0;
  const sharedPhases: RunPhases[] = [];
  const sharedEdit = () => {
    versions++;
    writeFileSync(shared, sharedModule(versions % 3));
    let run: EngineRun | undefined;
    const ms = time(() => {
      run = check(engine, [shared], files);
    });
    const { written, phases } = run as EngineRun;
    if (written.length !== files) throw new Error(`incremental bench: expected ${files} outputs written`);
    sharedPhases.push(phases);
    return ms;
  };
  const leafMs: number[] = [];
  const fileTypeMs: number[] = [];
  const sharedMs: number[] = [];
  leafEdit();
  collect();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < edits; i++) {
    leafMs.push(leafEdit());
    fileTypeMs.push(fileTypeEdit());
    sharedMs.push(sharedEdit());
  }
  collect();
  const after = process.memoryUsage().heapUsed;
  writeFileSync(leaf, original);
  return {
    functions: files * 10,
    coldMs: cold,
    leafMs: median(leafMs),
    fileTypeMs: median(fileTypeMs),
    sharedTypeMs: median(sharedMs),
    sharedPhases: {
      program: median(sharedPhases.map((p) => p.program)),
      analysis: median(sharedPhases.map((p) => p.analysis)),
      emission: median(sharedPhases.map((p) => p.emission)),
      writing: median(sharedPhases.map((p) => p.writing)),
    },
    memory: after / before,
  };
}
