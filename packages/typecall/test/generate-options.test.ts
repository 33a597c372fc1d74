/**
 * generate()'s naming and tsconfig options, and its per-module results (`modules`): what each tool is
 * sent as and each entry's own diagnostics, which `typecall inspect` prints.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { generate } from "../src/index.ts";

let dir: string;
const write = (file: string, text: string) => {
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), text);
  return join(dir, file);
};

const TOOLS = [
  "/** Weather. */\nexport function getWeather(city: string) {\n  return city;\n}\n",
  "/** Status. */\nexport function getHTTPStatus(url: string) {\n  return url;\n}\n",
  "/**\n * Renamed.\n * @name lookUp\n */\nexport function findThing(q: string) {\n  return q;\n}\n",
  "/** Snake. */\nexport function list_rooms() {\n  return [];\n}\n",
].join("");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "typecall-options-"));
});

describe("naming", () => {
  const names = (naming?: "camelCase" | "snake_case") =>
    generate({ entries: [write("tools.ts", TOOLS)], ...(naming && { naming }) }).toolsets[0]?.tools.map(
      (t) => t.name,
    );

  it("keeps export names by default, maps them to snake_case or camelCase, and keeps @name as written", () => {
    expect(names()).toEqual(["getWeather", "getHTTPStatus", "lookUp", "list_rooms"]);
    expect(names("snake_case")).toEqual(["get_weather", "get_http_status", "lookUp", "list_rooms"]);
    expect(names("camelCase")).toEqual(["getWeather", "getHTTPStatus", "lookUp", "listRooms"]);
  });

  it("dispatches under the mapped name, which the generated module holds", () => {
    const result = generate({ entries: [write("tools.ts", TOOLS)], naming: "snake_case" });
    expect(result.diagnostics).toEqual([]);
    const content = result.files[0]?.content ?? "";
    expect(content).toContain('name: "get_weather"');
    expect(content).not.toContain('name: "getWeather"');
  });

  it("reports two exports that one casing gives the same name (TC1006)", () => {
    const entry = write(
      "clash.ts",
      "/** A. */\nexport function getWeather() {}\n/** B. */\nexport function get_weather() {}\n",
    );
    const result = generate({ entries: [entry], naming: "snake_case" });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["TC1006", 'Tool name "get_weather" is used by both "getWeather" and "get_weather".'],
    ]);
  });

  it("throws a TypeError for a naming that does not exist", () => {
    expect(() => generate({ entries: [], naming: "kebab" as "camelCase" })).toThrow(
      'typecall: the naming must be camelCase or snake_case, got "kebab"',
    );
  });
});

describe("tsconfig", () => {
  it("analyses every entry with the configured tsconfig instead of the nearest one", () => {
    // The nearest tsconfig lets imports name .ts files; the configured one does not: the import says which won.
    write("src/tsconfig.json", JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true } }));
    const other = write("tsconfig.other.json", JSON.stringify({ compilerOptions: { strict: true } }));
    const entry = write("src/tools.ts", TOOLS);
    expect(generate({ entries: [entry] }).files[0]?.content).toContain('from "./tools.ts"');
    expect(generate({ entries: [entry], tsconfig: other }).files[0]?.content).toContain('from "./tools.js"');
  });

  it("throws a TypeError for a tsconfig that does not exist", () => {
    expect(() => generate({ entries: [], tsconfig: join(dir, "nope.json") })).toThrow(
      /^typecall: the tsconfig ".*nope\.json" does not exist$/,
    );
  });
});

describe("modules", () => {
  it("gives each entry's tools as sent, per dialect, and its own diagnostics, also without a file", () => {
    const good = write(
      "good.ts",
      "/** Stores. */\nexport function store(meta: unknown) {\n  return meta;\n}\n",
    );
    const bad = write("bad.ts", "/** Calls back. */\nexport function f(cb: () => void) {}\n");
    const result = generate({ entries: [good, bad], dialects: ["openai", "gemini"] });
    expect(result.modules.map((m) => m.entry)).toEqual([good, bad]);
    const [first, second] = result.modules;
    expect(first?.tools.map((t) => [t.schemas.map((s) => s.dialect), t.strict])).toEqual([
      [["json-schema", "openai", "gemini"], []],
    ]);
    expect(first?.tools[0]?.schemas[1]?.schema).toEqual(first?.tools[0]?.schemas[0]?.schema);
    expect(first?.diagnostics.map((d) => d.code).sort()).toEqual(["TC2006", "TC3003"]);
    expect(second?.tools).toEqual([]);
    expect(second?.diagnostics.map((d) => d.code)).toEqual(["TC2002"]);
    // Every diagnostic, sorted by file: bad.ts before good.ts.
    expect(result.diagnostics).toEqual([...(second?.diagnostics ?? []), ...(first?.diagnostics ?? [])]);
    expect(result.files.map((f) => f.entry)).toEqual([good]);
  });
});
