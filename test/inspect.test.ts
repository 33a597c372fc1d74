/**
 * `typecall inspect` in-process: what it prints of each tool (name, description, schema,
 * strictness, diagnostics) as text, `--quiet` and `--json`; that its JSON agrees with what the
 * runtime gives the provider from the generated module; and that it writes nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { generate, type InspectDocument, runCli, writeFiles } from "../packages/typecall/src/index.ts";
import { type Printed, recordingIO } from "./cli-io.ts";

let dir: string;
let out: Printed;
const run = (...argv: string[]) => runCli(argv, recordingIO(out, dir));
const write = (file: string, text: string) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
};
const json = () => JSON.parse(out.stdout) as InspectDocument;

const TOOLS = `/**
 * Current weather for a city.
 * @param city City name
 */
export function getWeather(city: string, unit: "c" | "f" = "c") {
  return { city, unit };
}

/** Stores any value. */
export function store(meta: unknown) {
  return meta;
}
`;
const BROKEN =
  "/** Calls back. */\nexport function later(cb: () => void) {}\n/** Fine. */\nexport function fine() {}\n";

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "typecall-inspect-"));
  out = { stdout: "", stderr: "" };
  write("src/tools.ts", TOOLS);
});

describe("typecall inspect", () => {
  it("prints each tool as OpenAI gets it, with its warnings, progress on stderr, and writes nothing", async () => {
    expect(await run("inspect", "src/tools.ts")).toBe(0);
    expect(out.stderr).toMatch(/^analysing 1 module\.\.\.\nanalysed in \d+\.\d s\n$/);
    const [head, weather, store] = out.stdout.split("\n\n");
    expect(head).toBe("src/tools.ts: 2 tools, as sent to OpenAI (openai)");
    expect(weather).toBe(
      [
        "getWeather (strict)",
        "  Current weather for a city.",
        "  {",
        '    "type": "object",',
        '    "properties": {',
        '      "city": {',
        '        "type": "string",',
        '        "description": "City name"',
        "      },",
        '      "unit": {',
        '        "type": ["string", "null"],',
        '        "enum": ["c", "f", null],',
        '        "description": "Default: \\"c\\"."',
        "      }",
        "    },",
        '    "required": ["city", "unit"],',
        '    "additionalProperties": false',
        "  }",
        "  no warnings",
      ].join("\n"),
    );
    expect(store).toMatch(/^store \(non-strict\)\n {2}Stores any value\.\n {2}\{\n/);
    expect(store).toMatch(
      /\n {2}warning TC3003: "meta" of "store" holds a value of any type, .* \(src\/tools\.ts:10:23\)\n {4}hint: The tool is sent non-strict\./,
    );
    expect(store).toMatch(/\n {2}warning TC2006: .* \(src\/tools\.ts:10:29\)\n {4}hint: .*\n$/);
    expect(readdirSync(join(dir, "src"))).toEqual(["tools.ts"]);
  });

  it("--quiet prints names, strictness and diagnostic counts, tools refused for errors too", async () => {
    write("src/broken.ts", BROKEN);
    expect(await run("inspect", "src/tools.ts", "src/broken.ts", "--quiet")).toBe(1);
    expect(out).toEqual({
      stdout: [
        "src/tools.ts",
        "  getWeather  strict      0 warnings",
        "  store       non-strict  2 warnings",
        "src/broken.ts",
        "  fine   strict    0 warnings",
        "  later  not sent  1 error",
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("--tool shows one tool (by sent or export name), or the errors of one refused; a missing one exits 2", async () => {
    write("src/broken.ts", BROKEN);
    expect(await run("inspect", "src/tools.ts", "--tool", "store", "--quiet")).toBe(0);
    expect(out.stdout).toBe("src/tools.ts\n  store  non-strict  2 warnings\n");
    out.stdout = "";
    expect(
      await run("inspect", "src/tools.ts", "--tool", "getWeather", "--naming", "snake_case", "--quiet"),
    ).toBe(0);
    expect(out.stdout).toBe("src/tools.ts\n  get_weather  strict  0 warnings\n");
    out.stdout = "";
    expect(await run("inspect", "src/broken.ts", "--tool", "later")).toBe(1);
    expect(out.stdout).toMatch(
      /^src\/broken.ts: 0 tools, as sent to OpenAI \(openai\)\n\nlater: not sent, for its errors\n {2}error TC2002: /,
    );
    out = { stdout: "", stderr: "" };
    expect(await run("inspect", "src/tools.ts", "--tool", "getWether", "--json")).toBe(2);
    expect(out).toEqual({
      stdout: "",
      stderr:
        'typecall: --tool getWether: no tool of that name; did you mean "getWeather"? The tools are getWeather, store.\n',
    });
    out = { stdout: "", stderr: "" };
    expect(await run("inspect", "src/tools.ts", "--tool", "somethingElse", "--quiet")).toBe(2);
    expect(out.stderr).toBe(
      "typecall: --tool somethingElse: no tool of that name. The tools are getWeather, store.\n",
    );
  });

  it("--dialect picks the dialect: Anthropic's strictness, MCP without a strict mode, mapped names", async () => {
    write(
      "src/math.ts",
      "/**\n * Factorial.\n * @name math.factorial\n */\nexport function f(n: number) {\n  return n;\n}\n",
    );
    expect(await run("inspect", "src/tools.ts", "src/math.ts", "--dialect", "anthropic", "--quiet")).toBe(0);
    expect(out.stdout).toBe(
      "src/tools.ts\n  getWeather  strict      0 warnings\n  store       non-strict  2 warnings\n" +
        "src/math.ts\n  math_factorial  strict  1 warning\n",
    );
    out.stdout = "";
    expect(await run("inspect", "src/math.ts", "--dialect", "mcp", "--quiet")).toBe(0);
    expect(out.stdout).toBe("src/math.ts\n  math.factorial  -  1 warning\n");
    out.stdout = "";
    expect(await run("inspect", "src/math.ts", "--dialect", "mcp")).toBe(0);
    expect(out.stdout).toMatch(
      /^src\/math.ts: 1 tool, as sent to MCP \(mcp\)\n\nmath.factorial \(export f\)\n/,
    );
  });

  it("refuses a dialect that is not one, or not among those asked for; defaults to the first asked for", async () => {
    expect(await run("inspect", "src/tools.ts", "--dialect", "claude")).toBe(2);
    expect(out.stderr).toMatch(
      /^typecall: --dialect: "claude" is not a dialect; the dialects are json-schema, /,
    );
    out.stderr = "";
    expect(await run("inspect", "src/tools.ts", "--dialects", "gemini", "--dialect", "openai")).toBe(2);
    expect(out.stderr).toBe(
      "typecall: --dialect openai: the dialects asked for are json-schema, gemini; add it to --dialects (or the config's dialects) to inspect it\n",
    );
    out = { stdout: "", stderr: "" };
    expect(await run("inspect", "src/tools.ts", "--dialects", "gemini", "--json")).toBe(0);
    expect(json().dialect).toBe("gemini");
    expect(out.stderr).toBe("");
  });

  it("--json prints one document of a stable shape", async () => {
    write("src/broken.ts", BROKEN);
    expect(await run("inspect", "src/tools.ts", "src/broken.ts", "--json")).toBe(1);
    expect(out.stderr).toBe("");
    const document = json();
    expect(Object.keys(document)).toEqual(["version", "dialect", "modules", "errors", "warnings"]);
    expect(document).toMatchObject({ version: 1, dialect: "openai", errors: 1, warnings: 2 });
    const [tools, broken] = document.modules;
    expect(Object.keys(tools ?? {})).toEqual(["entry", "tools", "diagnostics"]);
    expect(tools?.entry).toBe("src/tools.ts");
    const [weather, store] = tools?.tools ?? [];
    expect(Object.keys(weather ?? {})).toEqual([
      "name",
      "exportName",
      "description",
      "strict",
      "schema",
      "diagnostics",
    ]);
    expect(weather).toMatchObject({ name: "getWeather", strict: true, diagnostics: [] });
    expect(store?.strict).toBe(false);
    expect(store?.diagnostics.map((d) => d.code)).toEqual(["TC3003", "TC2006"]);
    expect(store?.diagnostics[1]).toEqual({
      code: "TC2006",
      severity: "warning",
      message: '"unknown" accepts any JSON value: the model gets no schema to follow.',
      hint: "Give the value a concrete type, or pass --allow-any (`allowAny: true`) to accept free JSON without this warning.",
      path: ["store", "meta"],
      location: { file: "src/tools.ts", line: 10, column: 29 },
    });
    expect(broken?.tools.map((t) => t.name)).toEqual(["fine"]);
    expect(broken?.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ["TC2002", "error", ["later", "cb"]],
    ]);
  });

  it("takes the config's entries and options", async () => {
    symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(dir, "node_modules"), "dir");
    write(
      "typecall.config.ts",
      'import { defineConfig } from "typecall";\n\nexport default defineConfig({ entries: ["src/*.ts"], dialects: ["anthropic"], naming: "snake_case", allowAny: true });\n',
    );
    expect(await run("inspect", "--quiet")).toBe(0);
    expect(out.stdout).toBe(
      "src/tools.ts\n  get_weather  strict      0 warnings\n  store        non-strict  1 warning\n",
    );
  });

  it("agrees with what the runtime sends from the generated module, in every dialect but Gemini's", async () => {
    // Gemini's runtime re-spells the same JSON Schema in OpenAPI's terms where it can.
    symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(dir, "node_modules"), "dir");
    const entry = join(dir, "src/tools.ts");
    writeFiles(generate({ entries: [entry] }).files);
    const { toolset } = await import(pathToFileURL(join(dir, "src/tools.typecall.ts")).href);
    for (const dialect of ["json-schema", "openai", "openai-responses", "anthropic", "mcp"] as const) {
      out.stdout = "";
      await run("inspect", "src/tools.ts", "--dialect", dialect, "--json");
      const shown = json().modules[0]?.tools.map((t) => ({
        name: t.name,
        description: t.description,
        schema: t.schema,
        ...(t.strict !== null && { strict: t.strict }),
        ...(t.outputSchema !== undefined && { outputSchema: t.outputSchema }),
      }));
      const sent = toolset.schemas(dialect).map((t: Record<string, unknown>) => ({
        name: t.name,
        description: t.description,
        schema: t.parameters ?? t.inputSchema,
        ...(t.strict !== undefined && { strict: t.strict }),
        ...(t.outputSchema !== undefined && { outputSchema: t.outputSchema }),
      }));
      if (dialect === "mcp") expect(sent.some((t: { outputSchema?: unknown }) => t.outputSchema)).toBe(true);
      expect(shown, dialect).toEqual(sent);
    }
    expect(existsSync(entry)).toBe(true);
  });
});
