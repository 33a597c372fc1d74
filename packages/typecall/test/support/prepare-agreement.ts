/**
 * The judge of the preparation agreement test: for each tool, values generated from its IR (valid
 * ones, their near misses, their mutations) are prepared twice, by the tool's generated coercer (as
 * dispatch applies it: the arguments' double-encoded text decoded first, the top level's defaults
 * filled in after) and by the IR-driven reference (`ir-prepare.ts`), and then dispatched through a
 * toolset whose tool hands back what it receives, so that dispatch's own shortcuts (its fast path
 * for arguments the validator accepts, `withTopDefaults`) are judged too. Every value on which they
 * part is kept.
 */
import { createToolset, type ToolDefinition, type ToolTypes } from "@typecall/runtime";
import { _object } from "@typecall/runtime/internal";
import type { TypeIR } from "../../src/index.ts";
import type { Subject } from "./differential.ts";
import { type Probe, toolMutations } from "./ir-mutations.ts";
import { FAMILIES, type Family, nearMisses, stringified } from "./ir-near-misses.ts";
import { canonicalText, isRecord, prepareArguments } from "./ir-prepare.ts";
import { formatSegment, toolValues } from "./ir-values.ts";

/** A value the runtime and the reference prepare differently. */
export interface Divergence {
  tool: string;
  /** Which part of the runtime parted: the tool's coercer itself, or dispatch after it agreed. */
  stage: "coerce" | "dispatch";
  change: string;
  path: string;
  type?: TypeIR;
  input: unknown;
  /** What the runtime made of it (for dispatch: the arguments the tool received, or the error code). */
  runtime: unknown;
  reference: unknown;
}

/** The outcome of judging tools. */
export interface Agreement {
  /** Values prepared by both sides. */
  compared: number;
  /** Of those, how many each change made (`valid`, a near-miss family, a mutation). */
  byChange: Map<string, number>;
  divergences: Divergence[];
}

/** What to judge with: the slips to make. */
export interface JudgeOptions {
  /** The near misses to make of each valid sample (by default, the slips the rules act on). */
  families?: readonly Family[];
  /** The valid samples themselves are judged too (the default). */
  samples?: boolean;
  /**
   * Also the mutations of `ir-mutations.ts` (another kind at every path, values past each rule) and
   * each sample with every number and boolean as text.
   */
  mutations?: boolean;
}

/** Judges every subject; see the module comment. */
export async function judgePreparation(
  subjects: readonly Subject[],
  options: JudgeOptions = {},
): Promise<Agreement> {
  const total: Agreement = { compared: 0, byChange: new Map(), divergences: [] };
  for (const subject of subjects) await judgeTool(subject, options, total);
  return total;
}

async function judgeTool(subject: Subject, options: JudgeOptions, total: Agreement): Promise<void> {
  const { parameters, definitions, tool, name } = subject;
  // The definition as the generated module made it (with what it tells dispatch of defaults and
  // nesting), its tool replaced by one that hands back what it receives, after applying the
  // defaults of its signature as the function would (dispatch leaves those to the function).
  const definition = tool as unknown as ToolDefinition;
  const inSignature = parameters.filter((p) => p.defaultInSignature);
  const run = (args: Record<string, unknown>) => withDefaults(args, inSignature);
  // The top level's defaults: dispatch's (the definition lists them), then the function's.
  const topDefaults = [
    ...Object.entries(tool.defaults ?? {}).map(([key, value]) => ({ name: key, default: value })),
    ...inSignature,
  ];
  const coerce = (input: unknown) => {
    const decoded = typeof input === "string" ? _object(input) : input;
    const coerced = tool.coerce === undefined ? decoded : tool.coerce(decoded);
    return isRecord(coerced) ? withDefaults(coerced, topDefaults) : coerced;
  };
  // The tool runs as soon as its arguments are prepared: no approval to wait for.
  const { approval: _approval, ...ready } = definition;
  const echo = createToolset<Record<string, ToolTypes>>([
    { ...ready, name, description: "", run: run as (args: never) => unknown },
  ]);
  for (const probe of probesOf(subject, options)) {
    const { value: input, ...where } = probe;
    const text = JSON.stringify(input);
    const reference = prepareArguments(input, parameters, definitions);
    const found = { tool: name, ...where, input, reference };
    total.compared++;
    total.byChange.set(probe.change, (total.byChange.get(probe.change) ?? 0) + 1);
    const runtime = prepared(() => coerce(input));
    if (JSON.stringify(input) !== text) {
      total.divergences.push({ ...found, stage: "coerce", runtime: "(mutated its input)" });
    } else if (canonicalText(runtime) !== canonicalText(reference)) {
      total.divergences.push({ ...found, stage: "coerce", runtime });
    } else {
      const outcome = await echo.dispatch({ name, arguments: text });
      const received = outcome.ok ? outcome.value : `(${outcome.error.code})`;
      const expected = tool.validate(reference).success ? reference : "(invalid_arguments)";
      if (canonicalText(received) !== canonicalText(expected))
        total.divergences.push({ ...found, stage: "dispatch", runtime: received, reference: expected });
    }
  }
}

/** The arguments with each of `defaults` they leave out filled in (a copy). */
function withDefaults(
  args: Record<string, unknown>,
  defaults: readonly { name: string; default?: unknown }[],
): Record<string, unknown> {
  const absent = defaults.filter((p) => !Object.hasOwn(args, p.name) || args[p.name] === undefined);
  if (absent.length === 0) return args;
  return { ...args, ...Object.fromEntries(absent.map((p) => [p.name, structuredClone(p.default)])) };
}

/** The runtime's preparation, or what it threw, in words. */
function prepared(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return `(threw ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Valid samples, the near misses of each, and (optionally) the mutations of the first; no repeats. */
function probesOf(subject: Subject, options: JudgeOptions): Probe[] {
  const { parameters, definitions } = subject;
  const samples = toolValues(parameters, { definitions, unsatisfied: [] });
  const at = (change: string) => (value: unknown) => ({ value, path: "$input", change });
  const probes: Probe[] = [
    ...(options.samples === false ? [] : samples.map(at("valid"))),
    ...samples.flatMap((value) => nearMisses(parameters, definitions, value, options.families ?? FAMILIES)),
  ];
  if (options.mutations && samples[0] !== undefined) {
    probes.push(...samples.map((value) => at("every number and boolean as text")(stringified(value))));
    probes.push(...toolMutations(parameters, definitions, samples[0]));
  }
  const seen = new Set<string>();
  return probes.filter((p) => {
    const text = JSON.stringify(p.value);
    if (text === undefined || seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/**
 * The divergences in a few lines each, grouped by stage and change: how many each group has, in how
 * many tools, and its first `perGroup` examples.
 */
export function formatDivergences(divergences: readonly Divergence[], perGroup = 3): string[] {
  const groups = new Map<string, Divergence[]>();
  for (const d of divergences) {
    const key = `${d.stage}: ${d.change}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups].flatMap(([key, list]) => [
    `${key}: ${list.length} values in ${new Set(list.map((d) => d.tool)).size} tools`,
    ...list.slice(0, perGroup).map(formatDivergence),
  ]);
}

/** One divergence: tool, change and path, where the results first differ, the input, the IR type there. */
export function formatDivergence(d: Divergence): string {
  const at = firstDifference(d.runtime, d.reference, "$input");
  const runtimeWords = d.stage === "dispatch" ? "dispatched" : "runtime:  ";
  return [
    `  ${d.tool}: ${d.change} at ${d.path}`,
    `    they differ at ${at.path}: ${runtimeWords} ${clip(JSON.stringify(at.runtime))}`,
    `      reference: ${clip(JSON.stringify(at.reference))}`,
    `    input:     ${clip(JSON.stringify(d.input))}`,
    ...(d.type && d.path !== "$input" ? [`    IR at ${d.path}: ${clip(JSON.stringify(d.type))}`] : []),
  ].join("\n");
}

/** The first path (depth first, in key order) where two JSON values differ, and the values there. */
function firstDifference(
  runtime: unknown,
  reference: unknown,
  path: string,
): { path: string; runtime: unknown; reference: unknown } {
  const here = { path, runtime, reference };
  if (canonicalText(runtime) === canonicalText(reference)) return here;
  if (Array.isArray(runtime) && Array.isArray(reference) && runtime.length === reference.length) {
    const i = runtime.findIndex((item, j) => canonicalText(item) !== canonicalText(reference[j]));
    return firstDifference(runtime[i], reference[i], `${path}${formatSegment(i)}`);
  }
  if (isRecord(runtime) && isRecord(reference)) {
    const keys = [...new Set([...Object.keys(runtime), ...Object.keys(reference)])];
    const key = keys.find((k) => canonicalText(runtime[k]) !== canonicalText(reference[k])) as string;
    if (Object.hasOwn(runtime, key) && Object.hasOwn(reference, key))
      return firstDifference(runtime[key], reference[key], `${path}${formatSegment(key)}`);
    // A key on one side only: the objects are what differ.
  }
  return here;
}

function clip(text: string | undefined, max = 300): string {
  if (text === undefined) return "undefined";
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
