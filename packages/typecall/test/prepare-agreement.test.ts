/**
 * Dispatch prepares arguments (coercion, `null` as absent, defaults) with the coercer the compiler
 * writes for each tool from its IR. This test holds the generated coercers, and dispatch with
 * them, to a reference written from the IR by the README's rules alone (`support/ir-prepare.ts`),
 * over every codegen case, every BFCL corpus function and the edge shapes of
 * `prepare-agreement/input.ts`: valid values, and near misses the rules act on or must leave alone
 * (`support/ir-near-misses.ts`). Any value on which they part fails, with both results.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { _copy, _integer, _optional } from "@typecall/runtime/internal";
import { describe, expect, it } from "vitest";
import { generate, type PropertyIR, type ToolsetIR, writeFiles } from "../src/index.ts";
import { caseOptions } from "./support/case-options.ts";
import { loadCorpusTools, toolsetSubjects } from "./support/corpus-tools.ts";
import type { Subject } from "./support/differential.ts";
import { SPELLINGS } from "./support/ir-near-misses.ts";
import { fitsType } from "./support/ir-prepare.ts";
import { type Agreement, formatDivergences, judgePreparation } from "./support/prepare-agreement.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, "cases");
/** Where generated files the repository does not keep are written (git-ignored). */
const SCRATCH = join(HERE, ".differential");

/** No divergence, and at least `minimum` values compared. */
function expectAgreement(agreement: Agreement, minimum: number): void {
  expect(formatDivergences(agreement.divergences)).toEqual([]);
  expect(agreement.compared).toBeGreaterThan(minimum);
}

async function caseSubjects(name: string): Promise<Subject[]> {
  const entry = join(CASES, name, "input.ts");
  const out = join(CASES, name, "__output__");
  const { toolsets } = generate({ ...caseOptions(join(CASES, name)), entries: [entry], out });
  return toolsetSubjects(join(out, "input.typecall.ts"), found(toolsets, entry));
}

async function edgeSubjects(): Promise<Subject[]> {
  const entry = join(HERE, "prepare-agreement", "input.ts");
  const out = join(SCRATCH, "prepare-edge");
  // What OpenAI strict mode cannot express (records, tuples, any) does not concern the canonical schema.
  const { files, toolsets, diagnostics } = generate({
    entries: [entry],
    out,
    allowAny: true,
    severity: { TC3003: "off" },
  });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  writeFiles(files);
  const [file] = files;
  if (!file) throw new Error(`nothing generated for ${entry}`);
  return toolsetSubjects(file.path, found(toolsets, entry));
}

function found(toolsets: readonly ToolsetIR[], entry: string): ToolsetIR {
  const toolset = toolsets.find((t) => t.entry === entry);
  if (!toolset) throw new Error(`no toolset for ${entry}`);
  return toolset;
}

describe("the preparation harness", () => {
  const parameters: PropertyIR[] = [
    { name: "email", type: { kind: "string" }, optional: false },
    { name: "count", type: { kind: "number", integer: true }, optional: true, default: 1 },
  ];
  const schema = {
    type: "object",
    properties: { email: { type: "string" }, count: { type: "integer", default: 1 } },
    required: ["email"],
    additionalProperties: false,
  };
  // What the generated module tells dispatch: the top-level defaults, and its coercer (written as
  // the compiler writes one).
  const defaults = { count: 1 };
  const coerce = (input: unknown) => {
    const out = _copy(input);
    if (out === undefined) return input;
    _optional(out, "count", _integer);
    return out;
  };
  // Structural, as the reference judges: enough for dispatch to take its fast path or refuse.
  const validate = (input: unknown) =>
    fitsType(input, { kind: "object", properties: parameters }, {})
      ? { success: true }
      : { success: false, errors: [{ path: "$", expected: "the probe's arguments", value: input }] };
  const probe = { schemas: { "json-schema": schema }, defaults, coerce, validate };
  const changes = async (tool: Subject["tool"]) => {
    const subject: Subject = { name: "probe", parameters, definitions: {}, tool };
    const { divergences } = await judgePreparation([subject]);
    return [...new Set(divergences.map((d) => `${d.stage}: ${d.change} at ${d.path}`))];
  };

  it("reports a definition that forgot a default the IR has", async () => {
    const { defaults: _, ...forgetful } = probe;
    expect(await changes(forgetful)).toContain("coerce: a defaulted property left out at $input");
  });

  it("reports a coercer that leaves a number as text", async () => {
    const lazy = (input: unknown) => _copy(input) ?? input;
    expect(await changes({ ...probe, coerce: lazy })).toContain(
      "coerce: a number as a string at $input.count",
    );
  });

  it("reports a coercer that turns a number into a free string", async () => {
    const lax = (input: unknown) => {
      const coerced = coerce(input) as Record<string, unknown>;
      return typeof coerced.email === "number" ? { ...coerced, email: String(coerced.email) } : coerced;
    };
    expect(await changes({ ...probe, coerce: lax })).toContain(
      "coerce: a number where a free string is at $input.email",
    );
  });

  it("reports a coercer that mutates its input", async () => {
    const careless = (input: unknown) => {
      if (typeof input === "object" && input !== null && "count" in input) delete input.count;
      return coerce(input);
    };
    expect(await changes({ ...probe, coerce: careless })).toContain("coerce: valid at $input");
  });

  it("reports nothing when both agree", async () => {
    expect(await changes(probe)).toEqual([]);
  });
});

describe.each(readdirSync(CASES).sort())("case %s", (name) => {
  it("coerces arguments as the IR says", async () => {
    expectAgreement(await judgePreparation(await caseSubjects(name), { mutations: true }), 100);
  });
});

describe("edge shapes", () => {
  it("coerces arguments as the IR says", async () => {
    expectAgreement(await judgePreparation(await edgeSubjects(), { mutations: true }), 1000);
  });

  it("reads literals in strings as the README says: exactly, as JSON writes them", async () => {
    const spellings = { families: SPELLINGS, samples: false };
    expectAgreement(await judgePreparation(await edgeSubjects(), spellings), 100);
  });
});

describe("BFCL corpus", () => {
  it("coerces arguments as the IR says, for every function", async () => {
    const { subjects } = await loadCorpusTools(join(SCRATCH, "prepare-corpus"));
    expect(subjects.length).toBeGreaterThan(1100);
    expectAgreement(await judgePreparation(subjects, { mutations: true }), 50_000);
  });
});
