import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { codes, formatDiagnostic, generate, runCli } from "../src/index.ts";
import { caseOptions } from "./support/case-options.ts";
import { replaceRoot } from "./support/typecheck.ts";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "diagnostics");
const folders = readdirSync(DIR)
  .filter((f) => f !== "__output__")
  .sort();
const coded = folders.filter((f) => /^TC\d{4}-/.test(f));

/**
 * A folder may hold `options.json`: extra generate options (severity overrides) for its case, and
 * `alsoEntries`, more entry modules of the folder generated in the same run.
 */
function diagnose(folder: string) {
  const { alsoEntries = [], ...options } = caseOptions(join(DIR, folder));
  const entries = [join(DIR, folder, "input.ts"), ...alsoEntries.map((e) => join(DIR, folder, e))];
  const result = generate({ entries, ...options });
  const text = result.diagnostics
    .map((d) => formatDiagnostic(d, { readFile: (f) => readFileSync(f, "utf8"), displayPath: replaceRoot }))
    .join("\n");
  return { result, text };
}

describe.each(coded)("%s", (folder) => {
  const code = folder.slice(0, 6);

  it("reports only its code, prints like tsc, and writes no module when it is an error", async () => {
    const { result, text } = diagnose(folder);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(result.diagnostics.map((d) => d.code))).toEqual(new Set([code]));
    for (const d of result.diagnostics) {
      expect(d.hint.length).toBeGreaterThan(10);
      expect(d.location?.line).toBeGreaterThan(0);
    }
    if (codes[code as keyof typeof codes].severity === "error") expect(result.files).toEqual([]);
    await expect(`${text}`).toMatchFileSnapshot(join(DIR, "__output__", `${folder}.txt`));
  });
});

describe("catalogue", () => {
  it("has a negative case for every code except the entry codes (tested below) and TC9xxx (our own bugs)", () => {
    const covered = new Set(coded.map((f) => f.slice(0, 6)));
    const missing = Object.keys(codes).filter(
      (c) => c !== "TC1001" && c !== "TC1010" && !c.startsWith("TC9") && !covered.has(c),
    );
    expect(missing).toEqual([]);
  });

  it("reports a directory, a JavaScript file and a declaration file as TC1010, each saying what it is", () => {
    const dir = mkdtempSync(join(tmpdir(), "typecall-entries-"));
    mkdirSync(join(dir, "tools"));
    writeFileSync(join(dir, "tools.js"), "export function f() {}\n");
    writeFileSync(join(dir, "tools.d.ts"), "export declare function f(): void;\n");
    const messages = ["tools", "tools.js", "tools.d.ts"].map((entry) => {
      const { diagnostics, files } = generate({ entries: [join(dir, entry)] });
      expect(files).toEqual([]);
      expect(diagnostics.map((d) => d.code)).toEqual(["TC1010"]);
      return diagnostics[0]?.message.replaceAll(dir, "<dir>");
    });
    expect(messages).toEqual([
      '"<dir>/tools" is a directory: pass the tool modules in it, e.g. <dir>/tools/*.ts.',
      '"<dir>/tools.js" is not a TypeScript module: typecall reads the types of .ts, .mts, .cts and .tsx files.',
      '"<dir>/tools.d.ts" is not a TypeScript module: typecall reads the types of .ts, .mts, .cts and .tsx files.',
    ]);
  });

  it("reports a missing entry as TC1001 without throwing", () => {
    const { diagnostics, files } = generate({ entries: [join(DIR, "does-not-exist.ts")] });
    expect(diagnostics.map((d) => d.code)).toEqual(["TC1001"]);
    expect(files).toEqual([]);
  });
});

describe("a module with a callback, a symbol and a generic parameter", () => {
  it("fails with exactly three diagnostics, each with file:line:col and a hint", () => {
    const { result, text } = diagnose("three-unsupported");
    expect(
      result.diagnostics.map((d) => [d.code, d.path.join(" > "), d.location?.line, d.location?.column]),
    ).toEqual([
      ["TC2002", "process > onProgress", 4, 40],
      ["TC2003", "process > key", 4, 72],
      ["TC2004", "process > item", 4, 86],
    ]);
    expect(result.files).toEqual([]);
    expect(text).toContain("three-unsupported/input.ts:4:40 - error TC2002");
    expect(text.match(/ {2}hint: /g)).toHaveLength(3);
  });

  it("makes the CLI exit 1 and print all three with a summary", async () => {
    let stderr = "";
    const code = await runCli(["generate", join(DIR, "three-unsupported", "input.ts")], {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
      cwd: DIR,
    });
    expect(code).toBe(1);
    expect(stderr.match(/error TC200\d/g)).toEqual(["error TC2002", "error TC2003", "error TC2004"]);
    expect(stderr).toContain("Found 3 errors in 1 file.");
  });
});

describe("docs/diagnostics.md", () => {
  const page = readFileSync(join(DIR, "../../../../docs/diagnostics.md"), "utf8");

  it("documents every catalogued code under its title, and no other code", () => {
    const headings = [...page.matchAll(/^## (TC\d{4}): (.+)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
    const catalogue = Object.entries(codes).map(([code, info]) => `${code}: ${info.title}`);
    expect(headings).toEqual(catalogue);
  });

  it("shows an example of every code a user's code can trigger", () => {
    for (const code of Object.keys(codes).filter((c) => c !== "TC1001" && !c.startsWith("TC9"))) {
      const section = page.split(/^## /m).find((s) => s.startsWith(`${code}:`)) ?? "";
      expect(section, code).toMatch(/```(ts|sh)\n[\s\S]+?\n```/);
    }
  });

  it("states each code's severity as the catalogue does", () => {
    for (const [code, info] of Object.entries(codes)) {
      const section = page.split(/^## /m).find((s) => s.startsWith(`${code}:`)) ?? "";
      expect(section, code).toContain(`Severity: ${info.severity}.`);
    }
  });
});

describe("a module mixing ten supported constructs with three unsupported ones", () => {
  it("produces exactly three diagnostics, one per unsupported parameter, and no output", () => {
    const { result } = diagnose("mixed-ten-and-three");
    expect(result.diagnostics.map((d) => [d.code, d.path.join(" > ")])).toEqual([
      ["TC2001", "unsupported > seen"],
      ["TC2002", "unsupported > onDone"],
      ["TC2003", "unsupported > anything"],
    ]);
    expect(result.files).toEqual([]);
  });
});

describe("the tags of one tool", () => {
  it("are all read, and each wrong one reported in the same run", () => {
    const dir = mkdtempSync(join(tmpdir(), "typecall-tags-"));
    const entry = join(dir, "tools.ts");
    writeFileSync(
      entry,
      [
        "/**",
        " * Pays.",
        " * @Scope payments",
        " * @approve",
        " * @timeout soon",
        " * @maxContentLength 10k",
        " */",
        "export function pay(amount: number): number {",
        "  return amount;",
        "}",
        "",
      ].join("\n"),
    );
    const { diagnostics, files } = generate({ entries: [entry] });
    expect(files).toEqual([]);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["TC1011", "TC1013", "TC1014", "TC1018"]);
  });

  it("reports every wrong name of a @sensitive tag in one run", () => {
    const dir = mkdtempSync(join(tmpdir(), "typecall-tags-"));
    const entry = join(dir, "tools.ts");
    writeFileSync(
      entry,
      [
        "interface Card {",
        "  number: string;",
        "  cvc: string;",
        "}",
        "/**",
        " * Pays.",
        " * @sensitive crad.number card.cvv pin",
        " */",
        "export function pay(card: Card, pin: string): string {",
        "  return pin + card.number;",
        "}",
        "",
      ].join("\n"),
    );
    const messages = generate({ entries: [entry] }).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      expect.stringContaining('"pay" has no parameter "crad"; did you mean "card"?'),
      expect.stringContaining('"card" has no property "cvv"; did you mean "cvc"?'),
    ]);
  });
});
