/**
 * typecall benchmarks. One command: `pnpm bench`. Each figure is a ratio against a baseline measured
 * in the same run, so that a shared, noisy machine still gives comparable numbers.
 *
 * (a) dispatch: a small valid call through the generated toolset, against the floor an app cannot
 *     go under (JSON.parse + direct call + JSON.stringify). Target: at most 1.15.
 * (b) generate: `generate()` for 200 functions in 20 files, against creating the TypeScript program
 *     and type checker for the same files. Target: at most 1.5.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAnalysisProgram, findTsconfig } from "../packages/typecall/src/analyze/index.ts";
import { generate, writeFiles } from "../packages/typecall/src/index.ts";
import { writeCorpus } from "./corpus.ts";
import { compare } from "./measure.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");

async function benchDispatch() {
  const entry = join(HERE, "fixtures", "tools.ts");
  writeFiles(generate({ entries: [entry] }).files);
  const { toolset } = await import("./fixtures/tools.typecall.ts");
  const tools = await import("./fixtures/tools.ts");
  const json = '{"city":"Paris","unit":"f"}';
  const batch = quick ? 2_000 : 20_000;
  const subject = async () => {
    for (let i = 0; i < batch; i++) {
      const outcome = await toolset.dispatch({ name: "getWeather", arguments: json });
      if (!outcome.ok) throw new Error(outcome.content);
    }
  };
  const floor = async () => {
    for (let i = 0; i < batch; i++) {
      const args = JSON.parse(json) as { city: string; unit?: "c" | "f" };
      JSON.stringify(await tools.getWeather(args.city, args.unit));
    }
  };
  return compare(subject, floor, { rounds: quick ? 5 : 31, warmup: quick ? 2 : 10 });
}

async function benchGenerate() {
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
console.log(line("(a) dispatch 20k small calls vs parse+call+stringify", dispatch, 1.15));
const gen = await benchGenerate();
console.log(line("(b) generate 200 tools/20 files vs program+checker", gen, 1.5));
