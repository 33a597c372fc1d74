/**
 * The corpus summary: figures per category and overall, the functions typecall cannot express with
 * the reason, and the first mismatches in detail.
 */
import { CATEGORIES, type Category } from "./bfcl.ts";
import type { ConvertedFunction, CorpusFunction } from "./convert.ts";
import type { CallResult, HarnessResult } from "./harness.ts";
import { formatPath } from "./paths.ts";

/** A diagnostic as the report shows it. */
export interface Finding {
  code: string;
  message: string;
}

/** What the report is made from. */
export interface ReportInput {
  functions: readonly CorpusFunction[];
  converted: ReadonlyMap<string, ConvertedFunction>;
  /** Errors per tool name: functions typecall cannot express. */
  errors: ReadonlyMap<string, Finding[]>;
  /** Warnings per tool name (the function generated). */
  warnings: ReadonlyMap<string, Finding[]>;
  result: HarnessResult;
  /** How many mismatches of each kind to show in detail. */
  details: number;
}

/** One row of figures. */
export interface Figures {
  functions: number;
  notExpressible: number;
  fidelity: Ratio;
  groundTruth: Ratio;
  mutations: Ratio;
  verdicts: Record<CallResult["verdict"], number>;
}

/** `part` of `whole`; 100% when there is nothing to measure. */
export interface Ratio {
  part: number;
  whole: number;
}

const percent = (r: Ratio) => (r.whole === 0 ? "n/a" : `${((100 * r.part) / r.whole).toFixed(1)}%`);
const ratio = (r: Ratio) => `${percent(r)} (${r.part}/${r.whole})`;

/** The figures of the functions and calls of one category, or of all when `category` is undefined. */
export function figuresOf(input: ReportInput, category?: Category): Figures {
  const inScope = (c: Category) => category === undefined || c === category;
  const functions = input.functions.filter((f) => f.categories.some(inScope));
  const expressible = functions.filter((f) => input.result.fidelity.has(f.toolName));
  const calls = input.result.calls.filter((c) => inScope(c.category));
  const mutations = input.result.mutations.filter((m) => inScope(m.category));
  const verdicts = { fits: 0, lenient: 0, misfit: 0 };
  for (const call of calls) verdicts[call.verdict]++;
  return {
    functions: functions.length,
    notExpressible: functions.filter((f) => input.errors.has(f.toolName)).length,
    fidelity: {
      part: expressible.filter((f) => input.result.fidelity.get(f.toolName)?.mismatches.length === 0).length,
      whole: expressible.length,
    },
    groundTruth: { part: calls.filter((c) => c.agree).length, whole: calls.length },
    mutations: { part: mutations.filter((m) => m.agree).length, whole: mutations.length },
    verdicts,
  };
}

/** Whether every figure of the expressible functions is 100%. */
export function allPerfect(figures: Figures): boolean {
  return [figures.fidelity, figures.groundTruth, figures.mutations].every((r) => r.part === r.whole);
}

/** The printed report. */
export function formatReport(input: ReportInput): string[] {
  const lines: string[] = ["", "BFCL corpus through typecall", ""];
  const header = [
    "category",
    "converted",
    "not expr.",
    "schema fidelity",
    "ground truth",
    "mutations refused",
  ];
  const rows = [
    ...CATEGORIES.map((c) => [c, figuresOf(input, c)] as const),
    ["overall", figuresOf(input)] as const,
  ];
  lines.push(
    table([
      header,
      ...rows.map(([name, f]) => [
        name,
        `${f.functions}`,
        `${f.notExpressible}`,
        ratio(f.fidelity),
        ratio(f.groundTruth),
        ratio(f.mutations),
      ]),
    ]),
  );
  const overall = figuresOf(input);
  const v = overall.verdicts;
  lines.push(
    "",
    `Ground-truth calls: ${v.fits} fit the original schema, ${v.lenient} fit after the runtime's documented leniency, ${v.misfit} do not fit (must be refused); ${input.result.skipped.length} not run.`,
  );
  lines.push(...findingsSection("Not expressible (errors; left out of the figures)", input.errors));
  lines.push(...findingsSection("Generated with warnings", input.warnings));
  lines.push(...repairsSection(input));
  lines.push(...detailSections(input));
  return lines;
}

function findingsSection(title: string, findings: ReadonlyMap<string, Finding[]>): string[] {
  const groups = new Map<string, string[]>();
  for (const [tool, list] of findings) {
    for (const finding of list) {
      const reason = `${finding.code} ${finding.message.replaceAll(`"${tool}"`, '"<tool>"')}`;
      groups.set(reason, [...(groups.get(reason) ?? []), tool]);
    }
  }
  const lines = ["", `${title}: ${findings.size} function(s)`];
  for (const [reason, tools] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`  ${reason} [${tools.length}]`, ...wrap(tools.join(", "), "      "));
  }
  return lines;
}

function repairsSection(input: ReportInput): string[] {
  const repaired = [...input.converted.values()].flatMap((f) => f.repairs.map((r) => ({ f, r })));
  const lines = [
    "",
    `Source defects the converter repaired: ${repaired.length} (differences they explain are not mismatches)`,
  ];
  for (const { f, r } of repaired) {
    const to = "to" in r ? `wrote ${JSON.stringify(r.to)}` : "dropped";
    lines.push(`  ${f.toolName} > ${formatPath(r.path)}: ${r.reason}; ${to}`);
  }
  return lines;
}

function detailSections(input: ReportInput): string[] {
  const n = input.details;
  const lines: string[] = [];
  const mismatches = [...input.result.fidelity].flatMap(([tool, f]) =>
    f.mismatches.map((m) => ({ tool, m })),
  );
  lines.push("", `Schema mismatches: ${mismatches.length}${mismatches.length > n ? ` (first ${n})` : ""}`);
  const byAspect = new Map<string, Set<string>>();
  for (const { tool, m } of mismatches)
    byAspect.set(m.aspect, (byAspect.get(m.aspect) ?? new Set()).add(tool));
  const aspects = [...byAspect].map(([aspect, tools]) => `${aspect} in ${tools.size} function(s)`);
  if (aspects.length > 0) lines.push(`  by aspect: ${aspects.join("; ")}`);
  for (const { tool, m } of mismatches.slice(0, n)) {
    lines.push(
      `  ${tool} > ${formatPath(m.path)}: ${m.aspect}: expected ${show(m.expected)}, got ${show(m.actual)}`,
    );
  }
  const disagreements = input.result.calls.filter((c) => !c.agree);
  lines.push(
    "",
    `Ground-truth disagreements: ${disagreements.length}${disagreements.length > n ? ` (first ${n})` : ""}`,
  );
  for (const c of disagreements.slice(0, n))
    lines.push(`  ${c.testId} ${c.toolName} (${c.verdict}) ${show(c.call)}: ${c.detail}`);
  const failed = input.result.mutations.filter((m) => !m.agree);
  lines.push(
    "",
    `Mutations not refused as expected: ${failed.length}${failed.length > n ? ` (first ${n})` : ""}`,
  );
  for (const m of failed.slice(0, n))
    lines.push(`  ${m.testId} ${m.toolName} ${m.kind} at ${formatPath(m.path)}: ${m.detail}`);
  const lenient = input.result.calls.filter((c) => c.verdict === "lenient");
  lines.push("", `Calls that fit only after the documented leniency (must succeed): ${lenient.length}`);
  for (const c of lenient)
    lines.push(`  ${c.testId} ${c.toolName} ${show(c.call)}${c.agree ? "" : "  DISAGREES"}`);
  const misfits = input.result.calls.filter((c) => c.verdict === "misfit");
  lines.push(
    "",
    `Ground-truth calls that do not fit the original schema (must be refused): ${misfits.length}`,
  );
  for (const c of misfits) {
    const why = c.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ");
    lines.push(`  ${c.testId} ${c.toolName} ${show(c.call)} -- ${why}${c.agree ? "" : "  DISAGREES"}`);
  }
  return lines;
}

function show(value: unknown): string {
  const text = value === undefined ? "(absent)" : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "),
    )
    .join("\n");
}

function wrap(text: string, indent: string, width = 110): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(" ")) {
    if (line.length + word.length > width && line.trim() !== "") {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${word} `;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines;
}
