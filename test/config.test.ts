/**
 * typecall.config.ts through the CLI, in-process (`runCli`) in a temporary folder whose
 * node_modules is the repository's, so that the config's `import { defineConfig } from "typecall"`
 * resolves as in an app; once through a real Node process. Then `typecall init`: what it writes
 * generates, and with the snippet it prints, type-checks.
 */
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../packages/typecall/src/index.ts";
import { typecheck } from "../packages/typecall/test/support/typecheck.ts";
import { type Printed, recordingIO } from "./cli-io.ts";

const ROOT = join(import.meta.dirname, "..");
let dir: string;
let out: Printed;
const run = (...argv: string[]) => runCli(argv, recordingIO(out, dir));
const write = (file: string, text: string) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
};
const read = (file: string) => readFileSync(join(dir, file), "utf8");
/** A config file importing defineConfig from the package, as an app writes it. */
const config = (body: string, file = "typecall.config.ts") =>
  write(file, `import { defineConfig } from "typecall";\n\nexport default defineConfig(${body});\n`);

const TOOLS =
  "/** Weather. */\nexport function getWeather(city: string) {\n  return city;\n}\n" +
  "/** Stores. */\nexport function store(meta: unknown) {\n  return meta;\n}\n";

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "typecall-config-"));
  out = { stdout: "", stderr: "" };
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  write("src/tools.ts", TOOLS);
});

describe("the config file", () => {
  it("loads where the typecall package cannot be found (run with npx): defineConfig is the compiler's", async () => {
    rmSync(join(dir, "node_modules"));
    config(`{ entries: ["src/tools.ts"], dialects: ["openai"], allowAny: true }`);
    expect(await run("generate")).toBe(0);
    expect(out.stdout).toBe("wrote src/tools.typecall.ts (2 tools)\n");
  });

  it("is picked up from the working directory: its entries, naming and other options", async () => {
    config(`{ entries: ["src/*.ts"], naming: "snake_case", dialects: ["openai"], allowAny: true }`);
    expect(await run("generate")).toBe(0);
    expect(out.stdout).toBe("wrote src/tools.typecall.ts (2 tools)\n");
    const module = read("src/tools.typecall.ts");
    expect(module).toContain('name: "get_weather"');
    expect(module).not.toContain('"gemini"');
    // allowAny: no TC2006; openai alone: TC3003 names only OpenAI.
    expect(out.stderr).not.toContain("TC2006");
    expect(out.stderr).toMatch(/warning TC3003: .* "store" is sent to OpenAI non-strict/);
    // The temporary module it was loaded from is gone.
    expect(readdirSync(dir).sort()).toEqual(["node_modules", "src", "typecall.config.ts"]);
    out.stdout = "";
    expect(await run("check")).toBe(0);
    expect(out.stdout).toBe("1 generated file(s) up to date.\n");
  });

  it("gives way to a flag, per code and dialect for severity and strict; entries given replace its own", async () => {
    config(
      `{ entries: ["src/tools.ts"], naming: "snake_case", dialects: ["openai"], severity: { TC2006: "off" }, strict: { openai: "always" } }`,
    );
    write("src/other.ts", "/** Other. */\nexport function otherTool() {}\n");
    expect(await run("generate", "--naming", "camelCase", "--dialects", "anthropic")).toBe(0);
    const module = read("src/tools.typecall.ts");
    expect(module).toContain('name: "getWeather"');
    expect(module).toContain('"anthropic"');
    expect(module).not.toContain('"openai"');
    // TC2006 stays off from the config; TC3003 is a warning for Anthropic, whose strict mode is auto.
    expect(out.stderr).not.toContain("TC2006");
    expect(out.stderr).toContain("warning TC3003");
    out = { stdout: "", stderr: "" };
    expect(await run("generate", "--dialects", "openai,anthropic", "--strict", "openai=never")).toBe(0);
    expect(read("src/tools.typecall.ts")).toContain('"openai"');
    // Only Anthropic's auto mode warns: OpenAI's is never, from the flag over the config's always.
    expect(out.stderr).toMatch(/warning TC3003: .* "store" is sent to Anthropic non-strict/);
    out = { stdout: "", stderr: "" };
    expect(await run("generate", "src/other.ts")).toBe(0);
    expect(out.stdout).toBe("wrote src/other.typecall.ts (1 tools)\n");
    expect(read("src/other.typecall.ts")).toContain('name: "other_tool"');
  });

  it("resolves its paths from its own folder, and --config names it", async () => {
    write("configs/tsconfig.app.json", JSON.stringify({ compilerOptions: { strict: true } }));
    write(
      "configs/build.config.mjs",
      'export default { entries: ["../src/tools.ts"], out: "../gen/", tsconfig: "tsconfig.app.json", allowAny: true };\n',
    );
    expect(await run("generate", "--config", "configs/build.config.mjs")).toBe(0);
    expect(out.stdout).toBe("wrote gen/tools.typecall.ts (2 tools)\n");
    // The configured tsconfig, not the defaults of a folder without one: imports name .js files.
    expect(read("gen/tools.typecall.ts")).toContain('from "../src/tools.js"');
    out = { stdout: "", stderr: "" };
    // A flag's path is relative to the working directory.
    expect(await run("generate", "--config", "configs/build.config.mjs", "--out", "flagged/")).toBe(0);
    expect(out.stdout).toBe("wrote flagged/tools.typecall.ts (2 tools)\n");
  });

  it("is not needed: without one, entries come from the command line as before", async () => {
    expect(await run("generate")).toBe(2);
    expect(out.stderr).toMatch(/^typecall: generate needs at least one entry module\nRun `typecall help`/);
    config(`{ naming: "snake_case" }`);
    out.stderr = "";
    expect(await run("generate")).toBe(2);
    expect(out.stderr).toMatch(
      /^typecall: generate needs at least one entry module \(none given here, none in typecall.config.ts\)\n/,
    );
  });

  it.each([
    [
      `{ dialects: ["openai", "claude"] }`,
      'dialects[1] must be one of json-schema, openai, openai-responses, anthropic, gemini, mcp, got "claude"',
    ],
    [
      `{ dialects: ["opnai"] }`,
      'dialects[0] must be one of json-schema, openai, openai-responses, anthropic, gemini, mcp, got "opnai"; did you mean "openai"?',
    ],
    [`{ dialects: "openai" }`, 'dialects must be a list of dialect names, got "openai"'],
    [
      `{ strict: { gemini: "always" } }`,
      'strict: "gemini" is not a dialect with a strict mode; those are openai, openai-responses, anthropic',
    ],
    [
      `{ strict: { opnai: "always" } }`,
      'strict: "opnai" is not a dialect with a strict mode; did you mean "openai"? Those are openai, openai-responses, anthropic',
    ],
    [
      `{ strict: { openai: "sometimes" } }`,
      'strict.openai must be one of auto, always, never, got "sometimes"',
    ],
    [`{ naming: "kebab-case" }`, 'naming must be one of camelCase, snake_case, got "kebab-case"'],
    [
      `{ naming: "snake-case" }`,
      'naming must be one of camelCase, snake_case, got "snake-case"; did you mean "snake_case"?',
    ],
    [
      `{ severity: { TC9999: "off" } }`,
      'severity: "TC9999" is not a diagnostic code (see docs/diagnostics.md)',
    ],
    [`{ severity: { TC3003: "loud" } }`, 'severity.TC3003 must be one of error, warning, off, got "loud"'],
    [`{ severity: ["TC3003"] }`, "severity must be an object, got a list"],
    [`{ allowAny: "yes" }`, 'allowAny must be true or false, got "yes"'],
    [`{ entries: 3 }`, "entries must be a list of paths or patterns, got 3"],
    [`{ entries: ["src/tools.ts", ""] }`, 'entries[1] must be a path (a non-empty string), got ""'],
    [`{ out: null }`, "out must be a path (a non-empty string), got null"],
    [
      `{ tsconfig: "tsconfig.app.json" }`,
      'tsconfig must name an existing file, got "tsconfig.app.json" (relative to the config\'s folder)',
    ],
  ])("exits 2 for %s, naming the key and the value expected", async (body, problem) => {
    config(body);
    expect(await run("generate", "src/tools.ts")).toBe(2);
    expect(out.stderr).toBe(`typecall: typecall.config.ts: ${problem}\n`);
    expect(existsSync(join(dir, "src/tools.typecall.ts"))).toBe(false);
  });

  it("exits 2 for unknown keys, each named, with a suggestion where one is close", async () => {
    config(`{ dialect: ["openai"], entries: ["src/tools.ts"], colour: "red" }`);
    expect(await run("check")).toBe(2);
    const keys = "entries, out, dialects, strict, naming, severity, tsconfig, allowAny";
    expect(out.stderr).toBe(
      `typecall: typecall.config.ts: unknown key "dialect"; did you mean "dialects"? The keys are ${keys}\n` +
        `typecall: typecall.config.ts: unknown key "colour"; the keys are ${keys}\n`,
    );
  });

  it("exits 2 for a config that is no configuration, cannot be compiled or throws, or a --config not there", async () => {
    const cases: [string, string, string][] = [
      [
        "typecall.config.ts",
        "export default 3;\n",
        "must export its configuration as default (export default defineConfig({ ... })), got 3",
      ],
      [
        "typecall.config.ts",
        "export const config = {};\n",
        "must export its configuration as default (export default defineConfig({ ... })), got undefined",
      ],
      ["typecall.config.ts", "export default {\n  entries: [,\n", "3:1: ']' expected."],
      ["typecall.config.mjs", 'throw new Error("no network here");\n', "cannot be loaded: no network here"],
    ];
    for (const [file, text, problem] of cases) {
      write(file, text);
      out.stderr = "";
      expect(await run("generate", "--config", file)).toBe(2);
      expect(out.stderr).toBe(`typecall: ${file}${problem.match(/^\d/) ? ":" : ": "}${problem}\n`);
    }
    out.stderr = "";
    expect(await run("generate", "--config", "configs/nope.ts")).toBe(2);
    expect(out.stderr).toBe("typecall: configs/nope.ts: no such file\n");
    // A path through a file is no file either (not an error of ours).
    write("plain.txt", "");
    out.stderr = "";
    expect(await run("inspect", "--config", "plain.txt/typecall.config.ts")).toBe(2);
    expect(out.stderr).toBe("typecall: plain.txt/typecall.config.ts: no such file\n");
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("names itself in the problems of its entries and its out", async () => {
    write("src/more.ts", "/** More. */\nexport function more() {}\n");
    config(`{ entries: ["src/nope.ts"] }`);
    expect(await run("generate")).toBe(2);
    expect(out.stderr).toBe("typecall: typecall.config.ts: entries: src/nope.ts does not exist\n");
    config(`{ entries: ["src/*.ts"], out: "one.ts" }`);
    out.stderr = "";
    expect(await run("generate")).toBe(2);
    expect(out.stderr).toBe(
      'typecall: typecall.config.ts: out "one.ts" names one file, but there are 2 entries: pass a folder, or one entry\n',
    );
  });

  it("loads in a real Node process, through the package's own resolution", async () => {
    config(`{ entries: ["src/tools.ts"], naming: "snake_case", allowAny: true }`);
    const bin = join(ROOT, "packages/typecall/src/cli/bin.ts");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--conditions=@typecall/source", "--import", "tsx", bin, "generate", "--dialects", "openai"],
      { cwd: dir },
    );
    expect(stdout).toBe("wrote src/tools.typecall.ts (2 tools)\n");
    expect(read("src/tools.typecall.ts")).toContain('name: "get_weather"');
  });
});

describe("typecall init", () => {
  beforeEach(() => {
    // A fresh project: init writes the tool module too.
    dir = mkdtempSync(join(tmpdir(), "typecall-init-"));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  });

  it("writes a config and a tool module that generate, and prints next steps whose snippet type-checks", async () => {
    expect(await run("init")).toBe(0);
    expect(out.stdout).toMatch(/^wrote typecall.config.ts\nwrote src\/tools.ts\n\nNext steps:\n/);
    expect(read("typecall.config.ts")).toContain('import { defineConfig } from "typecall";');
    out.stdout = "";
    expect(await run("generate")).toBe(0);
    expect(out).toEqual({ stdout: "wrote src/tools.typecall.ts (1 tools)\n", stderr: "" });
    // The printed snippet, as an app module beside the tools.
    out.stdout = "";
    await run("init");
    const snippet = out.stdout
      .split("\n")
      .slice(out.stdout.split("\n").findIndex((l) => l.includes('import OpenAI from "openai"')))
      .map((line) => line.slice(7))
      .join("\n");
    write("src/app.ts", `${snippet}\nexport { result };\n`);
    const files = ["typecall.config.ts", "src/tools.ts", "src/tools.typecall.ts", "src/app.ts"];
    expect(typecheck(files.map((f) => join(dir, f)))).toEqual([]);
  });

  it("never overwrites a file: it says which it kept, and a config of any extension counts", async () => {
    write("src/tools.ts", TOOLS);
    write("typecall.config.mjs", "export default {};\n");
    expect(await run("init")).toBe(0);
    expect(out.stdout).toMatch(
      /^kept typecall.config.mjs \(it exists; init never overwrites a file\)\nkept src\/tools.ts \(it exists; init never overwrites a file\)\n\nNext steps:/,
    );
    expect(read("src/tools.ts")).toBe(TOOLS);
    expect(existsSync(join(dir, "typecall.config.ts"))).toBe(false);
  });

  it("writes what is missing beside what exists", async () => {
    write("src/tools.ts", TOOLS);
    expect(await run("init")).toBe(0);
    expect(out.stdout).toMatch(/^wrote typecall.config.ts\nkept src\/tools.ts \(it exists/);
    expect(read("src/tools.ts")).toBe(TOOLS);
  });

  it("takes no entry and no option", async () => {
    expect(await run("init", "src/tools.ts")).toBe(2);
    expect(out.stderr).toMatch(/^typecall: init takes no entry\nRun `typecall help`/);
    out.stderr = "";
    expect(await run("init", "--out", "x")).toBe(2);
    expect(out.stderr).toMatch(/^typecall: init takes no --out\nRun `typecall help`/);
    expect(readdirSync(dir)).toEqual(["node_modules"]);
  });
});
