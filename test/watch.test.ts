/**
 * `typecall watch` on a project on disk, driven through the real file system's events: a leaf
 * edit, a shared-type edit, a new export, a deleted export, and a file that fails and recovers,
 * each answered with one line, and the outputs kept in step.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runCli } from "../packages/typecall/src/index.ts";
import { type Printed, recordingIO } from "./cli-io.ts";

let dir: string;
let out: Printed;
let stop: AbortController;
let running: Promise<number>;

const path = (name: string) => join(dir, name);
const write = (name: string, text: string) => writeFileSync(path(name), text);
const SHARED = "/** A place. */\nexport interface Place {\n  /** The city. */\n  city: string;\n}\n";
const A = `import type { Place } from "./shared.ts";\n\n/** Goes. */\nexport function go(place: Place): string {\n  return place.city;\n}\n`;
const B = "/** Counts. */\nexport function count(text: string): number {\n  return text.length;\n}\n";

/** Starts `typecall watch` on `entries` in the test's folder, until `stop` aborts. */
function start(...entries: string[]): void {
  stop = new AbortController();
  running = runCli(["watch", ...entries], recordingIO(out, dir, stop.signal));
}

/** Waits until stdout or stderr holds `count` lines matching `pattern`. */
async function lines(pattern: RegExp, count = 1, stream: "stdout" | "stderr" = "stdout"): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = out[stream].split("\n").filter((line) => pattern.test(line));
    if (found.length >= count) return found;
    if (Date.now() > deadline)
      throw new Error(`no ${count} line(s) matching ${pattern} in:\n${out.stdout}\n${out.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "typecall-watch-"));
  out = { stdout: "", stderr: "" };
  write("shared.ts", SHARED);
  write("a.ts", A);
  write("b.ts", B);
  start("a.ts", "b.ts");
  await lines(/^typecall: generated 2 module\(s\), 2 tool\(s\), in \d+ ms; watching 3 file\(s\)$/);
});

afterEach(async () => {
  stop.abort();
  expect(await running).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

it("regenerates on a leaf edit, a shared-type edit, a new and a deleted export", async () => {
  const edited = B.replace("Counts.", "Counts letters.");
  write("b.ts", edited);
  expect(await lines(/tool\(s\) changed/)).toEqual([
    expect.stringMatching(/^typecall: 1 tool\(s\) changed \(b\.ts: count\) -> b\.typecall\.ts, in \d+ ms$/),
  ]);
  expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain("Counts letters.");
  write("shared.ts", SHARED.replace("The city.", "The city, in English."));
  const [, shared] = await lines(/tool\(s\) changed/, 2);
  expect(shared).toMatch(/\(a\.ts: go\) -> a\.typecall\.ts/);
  write(
    "b.ts",
    `${edited}\n/** Shouts. */\nexport function shout(text: string): string {\n  return text;\n}\n`,
  );
  const [, , added] = await lines(/tool\(s\) changed/, 3);
  expect(added).toMatch(/ 1 tool\(s\) changed \(b\.ts: shout\)/);
  write("b.ts", edited);
  const [, , , removed] = await lines(/tool\(s\) changed/, 4);
  expect(removed).toMatch(/ 1 tool\(s\) changed \(b\.ts: shout \(removed\)\)/);
  expect(readFileSync(path("b.typecall.ts"), "utf8")).not.toContain("shout");
});

it("takes a tsconfig that appears beside the entries as theirs", async () => {
  expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('from "./b.ts"');
  write(
    "tsconfig.json",
    JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler" } }),
  );
  expect(await lines(/no tool changed ->/)).toEqual([
    expect.stringMatching(/^typecall: no tool changed -> a\.typecall\.ts, b\.typecall\.ts, in \d+ ms$/),
  ]);
  expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('from "./b.js"');
});

it("prints a module's warnings when they or its output change, not at every edit of another", async () => {
  const warns = () => out.stderr.match(/warning TC2006/g)?.length ?? 0;
  write("b.ts", B.replace("text: string", "text: any"));
  await lines(/\(b\.ts: count\) -> b\.typecall\.ts/);
  expect(warns()).toBe(1);
  write("a.ts", A.replace("Goes.", "Goes there."));
  await lines(/\(a\.ts: go\) -> a\.typecall\.ts/);
  expect(warns()).toBe(1);
  // An edit of the module itself shows its warning again, with its new output.
  write("b.ts", B.replace("text: string", "text: any").replace("Counts.", "Counts, loosely."));
  await lines(/\(b\.ts: count\) -> b\.typecall\.ts/, 2);
  expect(warns()).toBe(2);
});

it("reports a file that starts failing, keeps its output, and recovers", async () => {
  const good = readFileSync(path("b.typecall.ts"), "utf8");
  write("b.ts", B.replace("text: string", "text: () => void"));
  await lines(/kept b\.typecall\.ts as it was: its entry has errors \(stale\)/, 1, "stderr");
  expect(out.stderr).toMatch(/b\.ts:2:\d+ - error TC\d{4}/);
  expect(readFileSync(path("b.typecall.ts"), "utf8")).toBe(good);
  // A failing tool is not reported removed.
  expect(out.stdout).not.toMatch(/removed/);
  write("b.ts", B.replace("Counts.", "Counts again."));
  await lines(/^typecall: 1 tool\(s\) changed \(b\.ts: count\) -> b\.typecall\.ts, in \d+ ms$/);
  await lines(/^typecall: b\.typecall\.ts is up to date again$/);
  expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain("Counts again.");
});

it("picks up a module added where a pattern matches, and lets one that goes", async () => {
  stop.abort();
  await running;
  out = { stdout: "", stderr: "" };
  start("*.ts");
  await lines(/^typecall: generated 2 module\(s\)/);
  write("c.ts", "/** Waves. */\nexport function wave(times: number): number {\n  return times;\n}\n");
  await lines(/\(c\.ts: wave\) -> c\.typecall\.ts/);
  expect(readFileSync(path("c.typecall.ts"), "utf8")).toContain('name: "wave"');
  rmSync(path("c.ts"));
  await lines(/^removed c\.typecall\.ts: its entry is gone or has no tool any more$/);
  expect(existsSync(path("c.typecall.ts"))).toBe(false);
});
