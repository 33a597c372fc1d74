/**
 * typecall benchmarks. One command: `pnpm bench`. Each figure is a ratio against a baseline measured
 * in the same run, so that a shared, noisy machine still gives comparable numbers.
 *
 * (a) dispatch: a small valid call through the generated toolset, against the floor (JSON.parse +
 *     direct call + JSON.stringify) written as an app would write its own handler: an async
 *     function from the call to the content. Target: at most 1.15. A second line compares with
 *     the same steps inlined in the benchmark loop, which saves the one promise any function
 *     returning the content needs; it is printed for honesty, not as the target.
 * (b) generate: `generate()` for 200 functions in 20 files, against creating the TypeScript program
 *     and type checker for the same files. Target: at most 1.5.
 * (c) cold CLI: `typecall generate` of the same corpus as a whole process, against `tsc --noEmit` of
 *     the same files and options, CPU time of each child (see cold-cli.ts). Target: at most 1.0.
 *     A second line compares with tsc given the V8 flags the CLI sets for itself; it is printed for
 *     honesty, not as the target.
 *
 * `pnpm bench` builds `@typecall/runtime` and `typecall` (bench (c) runs the built CLI), generates the
 * fixture's dispatcher, and runs without the source export condition, so (a) measures the published
 * JavaScript in a process that, like an app, has not loaded the compiler. `--quick` takes fewer samples.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchColdCli } from "./cold-cli.ts";
import { writeCorpus } from "./corpus.ts";
import { compare } from "./measure.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");

async function benchDispatch() {
  // `pnpm bench` generated the fixture beforehand: this process loads no compiler until (b), like an app.
  const { toolset } = await import("./fixtures/tools.typecall.ts");
  const tools = await import("./fixtures/tools.ts");
  const call = { name: "weatherNow", arguments: '{"city":"Paris","unit":"f"}' };
  const batch = quick ? 2_000 : 20_000;
  const options = { rounds: quick ? 5 : 31, warmup: quick ? 2 : 10 };
  const subject = async () => {
    for (let i = 0; i < batch; i++) {
      const outcome = await toolset.dispatch(call);
      if (!outcome.ok) throw new Error(outcome.content);
    }
  };
  // The floor as an app would write it by hand: a function from the model's call to the content.
  const handle = async (c: typeof call) => {
    const args = JSON.parse(c.arguments) as { city: string; unit?: "c" | "f" };
    return JSON.stringify(await tools.weatherNow(args.city, args.unit));
  };
  const floor = async () => {
    for (let i = 0; i < batch; i++) await handle(call);
  };
  // The strictest floor: the same three steps inlined in the loop, with no function boundary at all.
  const inline = async () => {
    for (let i = 0; i < batch; i++) {
      const args = JSON.parse(call.arguments) as { city: string; unit?: "c" | "f" };
      JSON.stringify(await tools.weatherNow(args.city, args.unit));
    }
  };
  return { handler: await compare(subject, floor, options), inline: await compare(subject, inline, options) };
}

async function benchGenerate() {
  const { createAnalysisProgram, findTsconfig } = await import("../packages/typecall/src/analyze/index.ts");
  const { generate } = await import("../packages/typecall/src/index.ts");
  const entries = writeCorpus(join(HERE, ".out", "corpus"), 20, 10);
  const program = () => createAnalysisProgram(findTsconfig(entries[0] as string), entries);
  const subject = () => {
    const result = generate({ entries });
    if (result.files.length !== 20 || result.diagnostics.length > 0)
      throw new Error("corpus did not generate");
  };
  return compare(subject, program, { rounds: quick ? 3 : 15, warmup: quick ? 1 : 3 });
}

function line(label: string, r: { subject: number; baseline: number; ratio: number }, target: number) {
  const verdict = r.ratio <= target ? "ok" : "OVER TARGET";
  return `${label.padEnd(52)} ${r.subject.toFixed(2).padStart(9)} ms vs ${r.baseline.toFixed(2).padStart(9)} ms  ratio ${r.ratio.toFixed(3)}  (target <= ${target}: ${verdict})`;
}

const dispatch = await benchDispatch();
console.log(line("(a) dispatch 20k calls vs parse+call+stringify handler", dispatch.handler, 1.15));
console.log(line("    same, vs the three steps inlined in the loop", dispatch.inline, 1.15));
const gen = await benchGenerate();
console.log(line("(b) generate 200 tools/20 files vs program+checker", gen, 1.5));
const cold = benchColdCli({ runs: quick ? 5 : 9 });
console.log(line("(c) cold CLI generate vs tsc --noEmit (CPU, 20 files)", cold.vsTsc, 1.0));
console.log(line("    same, vs tsc given the CLI's V8 flags", cold.vsTscSameFlags, 1.0));
