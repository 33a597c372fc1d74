/**
 * The plugin's context without a bundler: it writes the entries' outputs at its first run, says
 * which files matter to a watcher, makes `?tools` modules in memory as JavaScript, and turns the
 * engine's diagnostics into the bundler's errors and warnings.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createPluginContext } from "../src/plugin/context.ts";
import { resolveEngineOptions, type TypecallPluginOptions } from "../src/plugin/options.ts";
import { resolveVirtual } from "../src/plugin/virtual.ts";

let dir: string;
const path = (name: string) => join(dir, name);
const write = (name: string, text: string) => writeFileSync(path(name), text);
const TOOL = `import type { Unit } from "./units.ts";\n\n/** Weather. */\nexport function weather(city: string, unit: Unit): string {\n  return city + unit;\n}\n`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "typecall-plugin-context-"));
  write("units.ts", `/** A unit. */\nexport type Unit = "c" | "f";\n`);
  write("tools.ts", TOOL);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("resolves entries and out against the root", () => {
  expect(resolveEngineOptions({ entries: ["tools.ts"], out: "gen", allowAny: true }, dir)).toEqual({
    entries: [path("tools.ts")],
    out: path("gen"),
    allowAny: true,
    strict: {},
    severity: {},
  });
});

it("names a wrong path as the plugin option it was given as, not as a flag", () => {
  expect(() => resolveEngineOptions({ entries: ["tools.ts"], tsconfig: "nope.json" }, dir)).toThrow(
    'typecall: the plugin option tsconfig "nope.json" does not exist',
  );
  expect(() => resolveEngineOptions({ entries: ["tools.ts", "units.ts"], out: "one.ts" }, dir)).toThrow(
    /^typecall: the plugin option out "one\.ts" names one file, but there are 2 entries/,
  );
});

it("checks its options as the config file's keys are checked, naming each wrong one", () => {
  const wrong = (options: unknown) => () => resolveEngineOptions(options as TypecallPluginOptions, dir);
  expect(wrong({ entries: ["tools.ts"], dialect: ["openai"] })).toThrow(
    /^typecall: the plugin's options: unknown key "dialect"; did you mean "dialects"\? The keys are entries, .*, config$/,
  );
  expect(wrong({ entries: ["tools.ts"], naming: "snake", allowAny: 1, config: 3 })).toThrow(
    [
      'typecall: the plugin\'s options: naming must be one of camelCase, snake_case, got "snake"',
      "the plugin's options: allowAny must be true or false, got 1",
      "the plugin's options: config must be a path or false, got 3",
    ].join("\n"),
  );
  expect(wrong("src/tools.ts")).toThrow(
    `typecall: the plugin's options are an object (typecall({ entries: ["src/tools.ts"] })), got "src/tools.ts"`,
  );
  // One entry may be given as a string, as in the config file.
  expect(resolveEngineOptions({ entries: "tools.ts" }, dir).entries).toEqual([path("tools.ts")]);
});

it("lays the options given over the config file's, whose paths start at its folder", () => {
  const config = {
    path: join(dir, "conf", "typecall.config.ts"),
    root: join(dir, "conf"),
    config: {
      entries: ["../*.ts"],
      out: "generated",
      dialects: ["openai" as const],
      strict: { openai: "always" as const, anthropic: "never" as const },
      naming: "snake_case" as const,
    },
  };
  expect(resolveEngineOptions({}, dir, config)).toEqual({
    entries: [path("tools.ts"), path("units.ts")],
    out: join(dir, "conf", "generated"),
    dialects: ["openai"],
    strict: { openai: "always", anthropic: "never" },
    severity: {},
    naming: "snake_case",
    allowAny: false,
  });
  expect(
    resolveEngineOptions({ entries: ["tools.ts"], strict: { openai: "auto" } }, dir, config),
  ).toMatchObject({
    entries: [path("tools.ts")],
    strict: { openai: "auto", anthropic: "never" },
  });
});

it("writes at the first run, and runs again after a change of a file the entry imports", () => {
  const context = createPluginContext({ entries: ["tools.ts"] }, dir);
  const first = context.run();
  expect(first).toMatchObject({ errors: [], warnings: [], changedEntries: [path("tools.ts")] });
  expect(existsSync(path("tools.typecall.ts"))).toBe(true);
  expect([...context.watchedFiles()].sort()).toEqual([path("tools.ts"), path("units.ts")]);
  expect(context.change(path("elsewhere.ts"))).toBe(false);
  write("units.ts", `/** A unit of heat. */\nexport type Unit = "c" | "f";\n`);
  expect(context.change(path("units.ts"))).toBe(true);
  expect(context.run().changedEntries).toEqual([path("tools.ts")]);
  expect(context.run().changedEntries).toEqual([]);
});

it("runs again when a tsconfig appears beside the entry, which then imports it as its options say", () => {
  const context = createPluginContext({ entries: ["tools.ts"] }, dir);
  context.run();
  expect(readFileSync(path("tools.typecall.ts"), "utf8")).toContain('from "./tools.ts"');
  write(
    "tsconfig.json",
    JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler" } }),
  );
  expect(context.change(path("tsconfig.json"))).toBe(true);
  expect(context.run().changedEntries).toEqual([path("tools.ts")]);
  expect(readFileSync(path("tools.typecall.ts"), "utf8")).toContain('from "./tools.js"');
});

it("makes a `?tools` module in memory, as JavaScript, and reports errors instead", () => {
  const context = createPluginContext({}, dir);
  const made = context.virtual(path("tools.ts"));
  if (!("code" in made)) throw new Error("expected code");
  expect(made.code).toContain('from "./tools.ts"');
  expect(made.code).not.toMatch(/\binterface ToolMap\b/);
  expect(existsSync(path("tools.typecall.ts"))).toBe(false);
  write(
    "tools.ts",
    `${TOOL}\n/** Calls back. */\nexport function later(done: () => void): void {\n  done();\n}\n`,
  );
  context.change(path("tools.ts"));
  const failed = context.virtual(path("tools.ts"));
  expect(failed).toMatchObject({ errors: [{ file: path("tools.ts"), line: 9 }], lastGood: made.code });
  expect("errors" in failed && failed.errors[0]?.text).toMatch(/tools\.ts:9:\d+ - error TC\d+/);
  // An entry that never made a module has no last good one.
  write("broken.ts", "/** Calls back. */\nexport function later(done: () => void): void {}\n");
  const never = context.virtual(path("broken.ts"));
  expect("errors" in never && never.lastGood).toBeUndefined();
});

it("reports warnings apart from errors", () => {
  write(
    "tools.ts",
    `/** Takes anything. */\nexport function take(value: any): string {\n  return String(value);\n}\n`,
  );
  const report = createPluginContext({ entries: ["tools.ts"] }, dir).run();
  expect(report.errors).toEqual([]);
  expect(report.warnings.map((w) => w.code)).toContain("TC2006");
});

it("resolves `?tools` ids from the importer's folder, and the entry's import from the virtual module", () => {
  expect(resolveVirtual("./tools.ts?tools", path("main.ts"), "/")).toBe(`${path("tools.ts")}?tools`);
  expect(resolveVirtual("./tools.ts", `${path("tools.ts")}?tools`, "/")).toBe(path("tools.ts"));
  expect(resolveVirtual("./tools.js", `${path("tools.ts")}?tools`, "/")).toBe(path("tools.ts"));
  expect(resolveVirtual("./other.ts", `${path("tools.ts")}?tools`, "/")).toBeUndefined();
  expect(resolveVirtual("./tools.ts", path("main.ts"), "/")).toBeUndefined();
  // As vite's dev server asks: from its root (what a browser requests), or `/@fs/` and a path.
  expect(resolveVirtual("/tools.ts?tools", undefined, dir)).toBe(`${path("tools.ts")}?tools`);
  expect(resolveVirtual("/tools.ts?tools", path("main.ts"), dir)).toBe(`${path("tools.ts")}?tools`);
  expect(resolveVirtual(`/@fs${path("tools.ts")}?tools`, undefined, "/elsewhere")).toBe(
    `${path("tools.ts")}?tools`,
  );
  expect(resolveVirtual(`${path("tools.ts")}?tools`, undefined, "/elsewhere")).toBe(
    `${path("tools.ts")}?tools`,
  );
});

it("each bundler's entry exports one plugin function, as its default", async () => {
  const entries = ["vite", "rollup", "rolldown", "esbuild", "webpack", "rspack"];
  const modules = await Promise.all(entries.map((name) => import(`../src/plugin/${name}.ts`)));
  expect(modules.map((m) => Object.keys(m).sort())).toEqual(entries.map(() => ["default"]));
  expect(modules.map((m) => typeof m.default)).toEqual(entries.map(() => "function"));
});

it("takes a module added where the config's pattern matches, and drops one that goes", () => {
  const config = { path: path("typecall.config.ts"), root: dir, config: { entries: ["tool*.ts"] } };
  const context = createPluginContext({}, dir, config);
  expect(context.run().changedEntries).toEqual([path("tools.ts")]);
  write("tools2.ts", "/** Waves. */\nexport function wave(times: number): number {\n  return times;\n}\n");
  expect(context.change(path("tools2.ts"))).toBe(true);
  expect(context.run().changedEntries).toEqual([path("tools2.ts")]);
  expect(existsSync(path("tools2.typecall.ts"))).toBe(true);
  // A module the pattern does not match is not taken.
  write("other.ts", "/** Other. */\nexport function other(): number {\n  return 1;\n}\n");
  expect(context.change(path("other.ts"))).toBe(false);
  rmSync(path("tools2.ts"));
  expect(context.change(path("tools2.ts"))).toBe(true);
  context.run();
  expect(existsSync(path("tools2.typecall.ts"))).toBe(false);
});
