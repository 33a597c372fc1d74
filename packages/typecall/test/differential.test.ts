/**
 * The canonical schema against the compiled validator, as a differential test: for every tool of
 * every codegen case and of the BFCL corpus, values generated from the IR (valid ones, then
 * mutations of them at every path) must get the same verdict from ajv, reading the tool's
 * `json-schema`, and from the tool's generated `validate`.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate, type PropertyIR, writeFiles } from "../src/index.ts";
import { caseOptions } from "./support/case-options.ts";
import { loadCorpusTools, toolsetSubjects } from "./support/corpus-tools.ts";
import { createJudge, formatDisagreements, type Judgement, type LoadedTool } from "./support/differential.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, "cases");
/** Where generated files the repository does not keep are written (git-ignored). */
const SCRATCH = join(HERE, ".differential");
const judge = createJudge();

/** No disagreement, no valid sample refused by both sides, no invalid schema, at least `minimum` values judged. */
function expectAgreement(judgement: Judgement, minimum: number): void {
  expect({
    disagreements: formatDisagreements(judgement.disagreements),
    refusedSamples: formatDisagreements(judgement.refusedSamples),
    invalidSchemas: judgement.invalidSchemas,
  }).toEqual({ disagreements: [], refusedSamples: [], invalidSchemas: [] });
  expect(judgement.judged).toBeGreaterThan(minimum);
}

describe("the differential harness", () => {
  const parameters: PropertyIR[] = [
    { name: "count", type: { kind: "number", integer: true, minimum: 1 }, optional: false },
  ];
  const schema = {
    type: "object",
    properties: { count: { type: "integer", minimum: 1 } },
    required: ["count"],
    additionalProperties: false,
  };
  const strictValidate = (input: unknown) => {
    const record = input as Record<string, unknown>;
    const ok =
      typeof input === "object" &&
      input !== null &&
      !Array.isArray(input) &&
      Object.keys(record).every((k) => k === "count") &&
      Number.isInteger(record.count) &&
      (record.count as number) >= 1;
    return { success: ok };
  };
  const changes = (tool: LoadedTool) =>
    judge([{ name: "probe", parameters, definitions: {}, tool }]).disagreements.map(
      (d) => `${d.change} at ${d.path}`,
    );

  it("reports a validator looser than its schema", () => {
    const lax = {
      schemas: { "json-schema": schema },
      validate: (input: unknown) => ({ success: input !== null }),
    };
    expect(changes(lax)).toContain("just below the minimum at $input.count");
  });

  it("reports a schema looser than its validator", () => {
    const { required: _, ...forgetful } = schema;
    const tool = { schemas: { "json-schema": forgetful }, validate: strictValidate };
    expect(changes(tool)).toEqual(['property "count" removed (required) at $input']);
  });

  it("reports nothing when both agree", () => {
    expect(changes({ schemas: { "json-schema": schema }, validate: strictValidate })).toEqual([]);
  });
});

describe.each(readdirSync(CASES).sort())("case %s", (name) => {
  it("gets the same verdicts from ajv on the json-schema and from the compiled validator", async () => {
    const entry = join(CASES, name, "input.ts");
    const out = join(CASES, name, "__output__");
    const { toolsets } = generate({ ...caseOptions(join(CASES, name)), entries: [entry], out });
    const toolset = toolsets.find((t) => t.entry === entry);
    if (!toolset) throw new Error(`no toolset for ${entry}`);
    const subjects = await toolsetSubjects(join(out, "input.typecall.ts"), toolset);
    expectAgreement(judge(subjects), 50);
  });
});

describe("BFCL corpus", () => {
  it("gets the same verdicts from ajv and from the compiled validator for every function", async () => {
    const { subjects } = await loadCorpusTools(join(SCRATCH, "corpus"));
    expect(subjects.length).toBeGreaterThan(1100);
    expectAgreement(judge(subjects), 10_000);
  });
});

describe("edge shapes", () => {
  it("gets the same verdicts from ajv and from the compiled validator", async () => {
    const entry = join(HERE, "differential", "input.ts");
    const out = join(SCRATCH, "edge");
    // What OpenAI strict mode cannot express does not concern the canonical schema (TC3003).
    const { files, toolsets, diagnostics } = generate({ entries: [entry], out, severity: { TC3003: "off" } });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    writeFiles(files);
    const [file] = files;
    const [toolset] = toolsets;
    if (!file || !toolset) throw new Error(`nothing generated for ${entry}`);
    expectAgreement(judge(await toolsetSubjects(file.path, toolset)), 100);
  });
});
