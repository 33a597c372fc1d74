/**
 * The incremental engine over a small project on disk: after each edit it analyses again only the
 * entries whose files changed, says which tools changed, writes only outputs whose content
 * changed, and its outputs are always the ones a cold `generate` gives.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEngine, type Engine, type EngineRun } from "../src/engine/engine.ts";
import { generate } from "../src/generate.ts";

let dir: string;
const path = (name: string) => join(dir, name);
const write = (name: string, text: string) => writeFileSync(path(name), text);

const SHARED = `/** Where to go. */
export interface Place {
  /** The city. */
  city: string;
}
`;
const A = `import type { Place } from "./shared.ts";

/** Goes to a place. */
export function go(place: Place): string {
  return place.city;
}

/** Waves. */
export function wave(times: number): number {
  return times;
}
`;
const B = `/** Counts words. */
export function count(text: string): number {
  return text.length;
}
`;
const C = `import type { Place } from "./shared.ts";

/** Describes a place. */
export function describePlace(place: Place): string {
  return place.city;
}
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "typecall-engine-"));
  write("shared.ts", SHARED);
  write("a.ts", A);
  write("b.ts", B);
  write("c.ts", C);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entries = () => ["a.ts", "b.ts", "c.ts"].map(path);
const names = (run: EngineRun) => run.written.map((file) => file.path.split("/").at(-1));

/** The run's outputs equal a cold generate's, byte for byte, and those on disk too. */
function expectCold(run: EngineRun): void {
  const cold = generate({ entries: entries() });
  expect(run.files.map((f) => [f.path, f.content])).toEqual(cold.files.map((f) => [f.path, f.content]));
  for (const file of cold.files) expect(readFileSync(file.path, "utf8")).toBe(file.content);
  expect(run.diagnostics).toEqual(cold.diagnostics);
}

describe("the engine", () => {
  let engine: Engine;
  beforeEach(() => {
    engine = createEngine({ entries: entries() });
  });

  it("generates everything once, then nothing until a file changes", () => {
    const first = engine.run();
    expect(first.analysed).toBe(3);
    expect(names(first)).toEqual(["a.typecall.ts", "b.typecall.ts", "c.typecall.ts"]);
    expect(first.changedTools).toEqual(["a.ts: go", "a.ts: wave", "b.ts: count", "c.ts: describePlace"]);
    expectCold(first);
    // Every phase took its part of the run, and no more than the whole.
    const { program, analysis, emission, writing } = first.phases;
    for (const phase of [program, analysis, emission, writing]) expect(phase).toBeGreaterThan(0);
    expect(program + analysis + emission + writing).toBeLessThanOrEqual(first.durationMs);
    const mtime = statSync(path("a.typecall.ts")).mtimeMs;
    const again = engine.run();
    expect([again.analysed, again.written.length, again.changedTools.length]).toEqual([0, 0, 0]);
    expect(statSync(path("a.typecall.ts")).mtimeMs).toBe(mtime);
    expect([...engine.watchedFiles].sort()).toEqual(["a.ts", "b.ts", "c.ts", "shared.ts"].map(path).sort());
  });

  it("a leaf edit analyses and writes its own module alone", () => {
    engine.run();
    write("b.ts", B.replace("Counts words.", "Counts the words of a text."));
    const run = engine.run([path("b.ts")]);
    expect(run.analysed).toBe(1);
    expect(names(run)).toEqual(["b.typecall.ts"]);
    expect(run.changedTools).toEqual(["b.ts: count"]);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain("Counts the words of a text.");
    expectCold(run);
  });

  it("finds an edit without being told (by the files' stamps)", () => {
    engine.run();
    write("b.ts", B.replace("Counts words.", "Counts all words."));
    const run = engine.run();
    expect(run.analysed).toBe(1);
    expect(run.changedTools).toEqual(["b.ts: count"]);
  });

  it("an edit to a shared type regenerates every tool that uses it, and nothing else", () => {
    engine.run();
    write(
      "shared.ts",
      SHARED.replace("  city: string;", "  city: string;\n  /** The country. */\n  country?: string;"),
    );
    const run = engine.run([path("shared.ts")]);
    expect(run.analysed).toBe(2);
    // Of a.ts, only `go` uses the type: `wave` is not analysed again.
    expect(run.functionsAnalysed).toBe(2);
    expect(run.changedTools).toEqual(["a.ts: go", "c.ts: describePlace"]);
    expect(names(run)).toEqual(["a.typecall.ts", "c.typecall.ts"]);
    expectCold(run);
  });

  it("follows a type to a tool through the entry's own declarations and through other modules", () => {
    // `go` reaches shared.ts through a local alias; `wave` through a constant's module, which
    // imports shared.ts in turn; `rest` reaches neither.
    write(
      "limits.ts",
      'import type { Place } from "./shared.ts";\nexport const home: Place = { city: "Oslo" };\n',
    );
    write(
      "a.ts",
      [
        'import type { Place } from "./shared.ts";',
        'import { home } from "./limits.ts";',
        "type Where = { place: Place };",
        "/** Goes. */",
        "export function go(where: Where): string {",
        "  return where.place.city;",
        "}",
        "/** Waves. */",
        "export function wave(times: number): typeof home {",
        "  return home;",
        "}",
        "/** Rests. */",
        "export function rest(minutes: number): number {",
        "  return minutes;",
        "}",
        "",
      ].join("\n"),
    );
    engine.run();
    write("shared.ts", SHARED.replace("  city: string;", "  city: string;\n  zip?: string;"));
    const run = engine.run([path("shared.ts")]);
    // go and wave of a.ts, describePlace of c.ts: not rest, nor b.ts.
    expect(run.functionsAnalysed).toBe(3);
    expect(run.changedTools).toEqual(["a.ts: go", "a.ts: wave", "c.ts: describePlace"]);
    expectCold(run);
  });

  it("an entry that re-exports takes a function added to a module it re-exports", () => {
    write("lib.ts", "export const version = 1;\n");
    write("more.ts", "/** One. */\nexport function one(n: number): number {\n  return n;\n}\n");
    write("b.ts", `export * from "./lib.ts";\nexport * from "./more.ts";\n${B}`);
    engine.run();
    write(
      "lib.ts",
      "export const version = 1;\n/** Two. */\nexport function two(n: number): number {\n  return n;\n}\n",
    );
    const run = engine.run([path("lib.ts")]);
    expect(run.changedTools).toEqual(["b.ts: two"]);
    expectCold(run);
  });

  it("an edit to a module augmentation analyses every entry whole: it reaches types unimported", () => {
    write(
      "more.ts",
      'import "./shared.ts";\ndeclare module "./shared.ts" {\n  interface Place {\n    /** The street. */\n    street?: string;\n  }\n}\nexport {};\n',
    );
    write("a.ts", `import "./more.ts";\n${A}`);
    engine.run();
    write("more.ts", readFileSync(path("more.ts"), "utf8").replace("The street.", "The street name."));
    const run = engine.run([path("more.ts")]);
    // c.ts does not import more.ts, and its tool changes too.
    expect([run.analysed, run.functionsAnalysed]).toEqual([3, 4]);
    expect(run.changedTools).toEqual(["a.ts: go", "c.ts: describePlace"]);
    expectCold(run);
  });

  it("an edit to the tsconfig makes the project again, and its entries are generated in it", () => {
    const config = (ts: boolean) =>
      JSON.stringify({
        compilerOptions: { module: "esnext", moduleResolution: "bundler", allowImportingTsExtensions: ts },
      });
    write("tsconfig.json", config(true));
    engine.run();
    expect(engine.watchedFiles.has(path("tsconfig.json"))).toBe(true);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('from "./b.ts"');
    write("tsconfig.json", config(false));
    const run = engine.run([path("tsconfig.json")]);
    expect(run.analysed).toBe(3);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('from "./b.js"');
    // The tools are what they were: only their module's import of the entry changed.
    expect(run.changedTools).toEqual([]);
    expectCold(run);
  });

  it("a tsconfig that appears nearer the entries becomes theirs, and when it goes, the one above again", () => {
    // Without a tsconfig, the defaults import .ts files; this one does not.
    const jsImports = JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler" } });
    engine.run();
    expect(engine.missingFiles.has(path("tsconfig.json"))).toBe(true);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('from "./b.ts"');
    write("tsconfig.json", jsImports);
    const appeared = engine.run([path("tsconfig.json")]);
    expect(appeared.analysed).toBe(3);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('from "./b.js"');
    expect(engine.watchedFiles.has(path("tsconfig.json"))).toBe(true);
    expectCold(appeared);
    rmSync(path("tsconfig.json"));
    const gone = engine.run([path("tsconfig.json")]);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('from "./b.ts"');
    expect(engine.missingFiles.has(path("tsconfig.json"))).toBe(true);
    expectCold(gone);
  });

  it("a configured tsconfig that goes is read once as gone, not at every run", () => {
    write(
      "tsconfig.json",
      JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler" } }),
    );
    const configured = createEngine({ entries: entries(), tsconfig: path("tsconfig.json") });
    configured.run();
    rmSync(path("tsconfig.json"));
    expect(configured.run([path("tsconfig.json")]).analysed).toBe(3);
    expect(configured.run([]).analysed).toBe(0);
    expect(configured.run().analysed).toBe(0);
  });

  it("a new export appears, and a deleted export disappears", () => {
    engine.run();
    write("b.ts", `${B}\n/** Shouts. */\nexport function shout(text: string): string {\n  return text;\n}\n`);
    const added = engine.run([path("b.ts")]);
    expect(added.changedTools).toEqual(["b.ts: shout"]);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toContain('name: "shout"');
    expectCold(added);
    write("a.ts", A.slice(0, A.indexOf("/** Waves. */")));
    const removed = engine.run([path("a.ts")]);
    expect(removed.changedTools).toEqual(["a.ts: wave (removed)"]);
    expect(readFileSync(path("a.typecall.ts"), "utf8")).not.toContain('name: "wave"');
    expectCold(removed);
  });

  it("a file that fails keeps its last good output, marked stale, and recovers", () => {
    engine.run();
    const good = readFileSync(path("b.typecall.ts"), "utf8");
    write("b.ts", B.replace("text: string", "text: () => void"));
    const failing = engine.run([path("b.ts")]);
    expect(failing.diagnostics.some((d) => d.severity === "error" && d.location?.file === path("b.ts"))).toBe(
      true,
    );
    expect(failing.stale).toEqual([path("b.typecall.ts")]);
    expect(failing.written).toEqual([]);
    expect(readFileSync(path("b.typecall.ts"), "utf8")).toBe(good);
    // The other modules are still generated.
    expect(failing.files.map((f) => f.path.split("/").at(-1))).toEqual(["a.typecall.ts", "c.typecall.ts"]);
    write("b.ts", B.replace("Counts words.", "Counts words again."));
    const fixed = engine.run([path("b.ts")]);
    expect(fixed.stale).toEqual([]);
    expect(names(fixed)).toEqual(["b.typecall.ts"]);
    expectCold(fixed);
  });

  it("an entry whose every export goes has its output removed", () => {
    engine.run();
    write("b.ts", "export const notATool = 1;\n");
    const run = engine.run([path("b.ts")]);
    expect(run.changedTools).toEqual(["b.ts: count (removed)"]);
    expect(run.removed).toEqual([path("b.typecall.ts")]);
    expect(() => statSync(path("b.typecall.ts"))).toThrow();
  });

  it("an entry that is deleted fails, and keeps its last output until it is back", () => {
    engine.run();
    rmSync(path("c.ts"));
    const gone = engine.run([path("c.ts")]);
    expect(gone.diagnostics.map((d) => d.code)).toContain("TC1001");
    expect(gone.stale).toEqual([path("c.typecall.ts")]);
    write("c.ts", C);
    const back = engine.run([path("c.ts")]);
    expect(back.stale).toEqual([]);
    expectCold(back);
  });
});
