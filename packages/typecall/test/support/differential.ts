/**
 * The judge of a differential test: each value generated from a tool's IR is checked by ajv
 * against the tool's canonical JSON Schema and by the tool's compiled validator, and every value
 * they disagree on is kept, with the path that was changed.
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats";
import type { PropertyIR, TypeIR } from "../../src/index.ts";
import { type Probe, toolMutations } from "./ir-mutations.ts";
import { toolValues } from "./ir-values.ts";

/** What a generated module says about one tool: its canonical schema and its validator. */
export interface LoadedTool {
  schemas: { "json-schema": Record<string, unknown> };
  /** The top-level defaults dispatch fills in, when the tool has any (`ToolDefinition.defaults`). */
  defaults?: Readonly<Record<string, unknown>>;
  /** The tool's coercer, when its arguments have anything to coerce (`ToolDefinition.coerce`). */
  coerce?: (args: unknown) => unknown;
  validate(input: unknown): { success: boolean; errors?: unknown };
}

/** A tool to judge: its IR (what values are made from) and what the generated module made of it. */
export interface Subject {
  name: string;
  parameters: readonly PropertyIR[];
  definitions: Readonly<Record<string, TypeIR>>;
  tool: LoadedTool;
}

/** A value the schema and the validator judge differently. */
export interface Disagreement extends Probe {
  tool: string;
  ajv: boolean;
  validator: boolean;
  validatorErrors?: unknown;
  ajvErrors?: unknown;
}

/** The outcome of judging tools. */
export interface Judgement {
  judged: number;
  disagreements: Disagreement[];
  /** Valid samples that both sides refused: a fault of the generator, not of the compiler. */
  refusedSamples: Disagreement[];
  /** Schemas that break the JSON Schema 2020-12 meta-schema, with ajv's words (judged all the same). */
  invalidSchemas: string[];
  /** Rules the generator had no sample for, by tool and path (their valid samples are not asserted). */
  unsatisfied: string[];
}

/** A judge of tools: one ajv instance for all of them. */
export type Judge = (subjects: readonly Subject[]) => Judgement;

/** Creates a judge: ajv's 2020-12 validator with ajv-formats, own properties only, unknown formats ignored. */
export function createJudge(): Judge {
  // `ownProperties`: a JSON object has no `constructor` or `toString` key, whatever its prototype has.
  // The meta-schema is checked apart, so that a schema breaking it is reported and still judged.
  const options = { strict: false, ownProperties: true, logger: false, validateSchema: false } as const;
  const ajv = new Ajv2020({ ...options, code: { optimize: false } });
  addFormats(ajv);
  // JSON Schema formats ajv-formats lacks: an IRI is judged as a URI, the samples being ASCII.
  ajv.addFormat("iri", fullFormats.uri);
  ajv.addFormat("iri-reference", fullFormats["uri-reference"]);
  return (subjects) => {
    const total: Judgement = {
      judged: 0,
      disagreements: [],
      refusedSamples: [],
      invalidSchemas: [],
      unsatisfied: [],
    };
    for (const subject of subjects) {
      const schema = subject.tool.schemas["json-schema"];
      // ajv 8 reports a `__proto__` key as additional even where `properties` has it as its own key:
      // ajv cannot judge such a tool (test/generated-edge-types.test.ts checks it instead).
      if (hasProtoKey(schema)) continue;
      if (!ajv.validateSchema(schema))
        total.invalidSchemas.push(`${subject.name}: ${ajv.errorsText(ajv.errors)}`);
      const check = ajv.compile(schema);
      judgeTool(subject, (input) => ({ ajv: check(input), ajvErrors: check.errors }), total);
    }
    return total;
  };
}

/** Judges one tool's samples and their mutations into `total`. */
function judgeTool(
  subject: Subject,
  schemaVerdict: (input: unknown) => { ajv: boolean; ajvErrors?: unknown },
  total: Judgement,
): void {
  const scope = { definitions: subject.definitions, unsatisfied: [] as string[] };
  const samples = toolValues(subject.parameters, scope);
  if (samples.length === 0) scope.unsatisfied.push("no valid value at all: nothing judged");
  total.unsatisfied.push(...scope.unsatisfied.map((u) => `${subject.name} ${u}`));
  const [base] = samples;
  const probes = distinctProbes([
    ...samples.map(
      (value): Probe => ({ value, path: "$input", change: `valid, ${sampleWords(base, value)}` }),
    ),
    // A sample that leaves properties out is mutated everywhere; one that varies some values (a
    // union member, an enum value, a bound), only inside what it varies.
    ...samples.flatMap((value) => {
      const { missing, changed } = difference(base, value);
      const only = value === base || missing.length > 0 ? undefined : changed;
      return toolMutations(subject.parameters, subject.definitions, value, only);
    }),
  ]);
  for (const [i, probe] of probes.entries()) {
    const { ajv, ajvErrors } = schemaVerdict(probe.value);
    const result = subject.tool.validate(probe.value);
    total.judged++;
    const found: Disagreement = { ...probe, tool: subject.name, ajv, validator: result.success };
    if (ajv !== result.success) {
      total.disagreements.push({ ...found, validatorErrors: result.errors, ajvErrors });
    } else if (i < samples.length && !ajv && scope.unsatisfied.length === 0) {
      total.refusedSamples.push({ ...found, validatorErrors: result.errors, ajvErrors });
    }
  }
}

/** The top-level keys of `base` that `variant` lacks, and those it has with another value (or newly). */
function difference(base: unknown, variant: unknown): { missing: string[]; changed: string[] } {
  const before = (base ?? {}) as Record<string, unknown>;
  const after = (variant ?? {}) as Record<string, unknown>;
  return {
    missing: Object.keys(before).filter((k) => !Object.hasOwn(after, k)),
    changed: Object.keys(after).filter(
      (k) => !Object.hasOwn(before, k) || JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    ),
  };
}

/** How a valid sample differs from the first one, in words. */
function sampleWords(base: unknown, sample: unknown): string {
  if (sample === base) return "every property";
  const { missing, changed } = difference(base, sample);
  const parts = [...(missing.length > 0 ? [`without ${missing.join(", ")}`] : [])];
  if (changed.length > 0) parts.push(`another value of ${changed.join(", ")}`);
  return parts.join(", ") || "every property";
}

/** The probes without repeats of a value (the first, most specific description is kept). */
function distinctProbes(probes: readonly Probe[]): Probe[] {
  const seen = new Set<string>();
  return probes.filter((p) => {
    const text = JSON.stringify(p.value);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** The disagreements in a few lines each, at most `perTool` of each tool, then how many more it has. */
export function formatDisagreements(disagreements: readonly Disagreement[], perTool = 4): string[] {
  const byTool = new Map<string, Disagreement[]>();
  for (const d of disagreements) byTool.set(d.tool, [...(byTool.get(d.tool) ?? []), d]);
  return [...byTool].flatMap(([tool, list]) => [
    ...list.slice(0, perTool).map(formatDisagreement),
    ...(list.length > perTool ? [`${tool}: ${list.length - perTool} more like these`] : []),
  ]);
}

/** A disagreement in a few lines: tool, change and path, the value, both verdicts, the IR type there. */
export function formatDisagreement(d: Disagreement): string {
  const verdict = (ok: boolean) => (ok ? "accepts" : "rejects");
  return [
    `${d.tool}: ${d.change} at ${d.path}`,
    `  value:     ${clip(JSON.stringify(d.value))}`,
    `  ajv ${verdict(d.ajv)}, the validator ${verdict(d.validator)}`,
    ...(d.type ? [`  IR there:  ${clip(JSON.stringify(d.type))}`] : []),
    `  validator errors: ${clip(JSON.stringify(d.validatorErrors ?? null))}`,
    `  ajv errors:       ${clip(JSON.stringify(d.ajvErrors ?? null))}`,
  ].join("\n");
}

function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Whether a schema declares a property named `__proto__` anywhere. */
function hasProtoKey(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const properties = (schema as { properties?: object }).properties;
  if (properties && Object.hasOwn(properties, "__proto__")) return true;
  return Object.values(schema).some(hasProtoKey);
}
