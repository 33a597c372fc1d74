/**
 * Bench (c): a cold `typecall generate` of the bench corpus (200 functions in 20 files) against a cold
 * `tsc --noEmit` of the same files with the same compiler options, each a whole Node process as a
 * user runs it, in alternating rounds. The figure is CPU time (user + system, all threads) of each
 * child process, reported by the preloaded `cpu-report.cjs` from `process.cpuUsage()` at exit: wall
 * time on a shared machine measures the neighbours as much as the command.
 *
 * Cold means cold: no cache survives between runs (typecall's outputs are deleted before each run,
 * so every run writes all 20 files). The operating system's file cache is warm for both alike.
 * typecall runs from its build (`bin/typecall.js` -> the bundle `dist/cli.js`), never through tsx.
 *
 * The CLI sets V8 flags for itself (`CLI_V8_FLAGS`: no TurboFan); tsc runs as it ships. tsc given
 * the same flags is measured in the same rounds, so that the report shows what the flags make of
 * the figure.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CLI_V8_FLAGS } from "../packages/typecall/src/cli/v8-flags.ts";
import { writeCorpus } from "./corpus.ts";
import { type Comparison, compareEach } from "./measure.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
const CLI = join(ROOT, "packages", "typecall", "bin", "typecall.js");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const PRELOAD = join(HERE, "cpu-report.cjs");
const FILES = 20;
const PER_FILE = 10;

/** The corpus' compiler options: what both tsc (through `-p`) and typecall (the nearest tsconfig.json) read. */
const COMPILER_OPTIONS = {
  target: "es2022",
  lib: ["es2023"],
  module: "esnext",
  moduleResolution: "bundler",
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

/**
 * CPU of a cold `typecall generate` against a cold `tsc --noEmit` (`vsTsc`), and against tsc given
 * the CLI's V8 flags (`vsTscSameFlags`), medians of `runs` rounds of the three.
 */
export async function benchColdCli({
  runs,
}: {
  runs: number;
}): Promise<{ vsTsc: Comparison; vsTscSameFlags: Comparison }> {
  assertBuilt();
  const dir = join(HERE, ".out", "cold-cli");
  const entries = writeCorpus(dir, FILES, PER_FILE);
  const tsconfig = join(dir, "tsconfig.json");
  // `files`, not a pattern: tsc must not also check the generated modules typecall writes beside them.
  const config = { compilerOptions: COMPILER_OPTIONS, files: entries.map((e) => basename(e)) };
  writeFileSync(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
  const outputs = entries.map((e) => e.replace(/\.ts$/, ".typecall.ts"));
  let expected: string[] | undefined;
  const typecall = () => {
    for (const output of outputs) rmSync(output, { force: true });
    const cpu = runChild([CLI, "generate", ...entries], "typecall generate");
    const contents = outputs.map((o) => (existsSync(o) ? readFileSync(o, "utf8") : ""));
    expected ??= checkedOutputs(contents);
    if (contents.some((c, i) => c !== expected?.[i]))
      throw new Error("typecall generate's output changed between runs");
    return cpu;
  };
  const tscArgs = [TSC, "--noEmit", "-p", tsconfig];
  const tsc = () => runChild(tscArgs, "tsc --noEmit");
  const tscSameFlags = () => runChild([...CLI_V8_FLAGS.split(" "), ...tscArgs], "tsc --noEmit");
  // A CPU time measured in the child, as a round; one unmeasured round brings the files into the
  // operating system's cache for all.
  const round = (command: () => number) => async () => command();
  const figures = await compareEach(
    { typecall: round(typecall), tscSameFlags: round(tscSameFlags) },
    round(tsc),
    { rounds: runs, warmup: 1 },
  );
  const { subject, baseline } = figures.typecall;
  const sameFlags = figures.tscSameFlags.subject;
  return {
    vsTsc: { subject, baseline, ratio: subject / baseline },
    vsTscSameFlags: { subject, baseline: sameFlags, ratio: subject / sameFlags },
  };
}

/** Runs `node <args>` with the CPU reporter preloaded; throws unless it exits 0; its CPU time in ms. */
function runChild(args: string[], label: string): number {
  // The children get no NODE_OPTIONS: a `--import tsx` there would load tsx into both.
  const { NODE_OPTIONS: _, ...env } = process.env;
  const child = spawnSync(process.execPath, ["--require", PRELOAD, ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0)
    throw new Error(`${label} exited ${child.status ?? child.signal}:\n${child.stdout}${child.stderr}`);
  const micros = Number(String(child.output[3] ?? "").trim());
  if (!Number.isFinite(micros) || micros <= 0) throw new Error(`${label} reported no CPU time`);
  return micros / 1000;
}

/** The first run's outputs, once every module is known to hold its 10 tools. */
function checkedOutputs(contents: string[]): string[] {
  contents.forEach((content, f) => {
    for (let i = 0; i < PER_FILE; i++)
      if (!content.includes(`"tool${f}x${i}": {`))
        throw new Error(`typecall generate did not write tool${f}x${i} into module${f}.typecall.ts`);
  });
  return contents;
}

/** The bench measures the build: refuse a missing or stale one rather than measure old code. */
function assertBuilt(): void {
  const src = join(ROOT, "packages", "typecall", "src");
  const built = join(ROOT, "packages", "typecall", "dist", "cli.js");
  if (!existsSync(built)) throw new Error("typecall is not built: run `pnpm build` first");
  const builtAt = statSync(built).mtimeMs;
  const stale = readdirSync(src, { recursive: true, encoding: "utf8" }).find(
    (file) => file.endsWith(".ts") && statSync(join(src, file)).mtimeMs > builtAt,
  );
  if (stale) throw new Error(`typecall's build is older than src/${stale}: run \`pnpm build\` first`);
}
