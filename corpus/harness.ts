/**
 * The measurements, per function: schema fidelity against the original definition, the ground-truth
 * calls through the generated dispatcher, and mutated calls that must be refused.
 */
import {
  type BfclFunction,
  type BfclSchema,
  type BfclTest,
  bfclType,
  type Category,
  canonicalJson,
} from "./bfcl.ts";
import { type CheckIssue, checkValue, jsonEqual, lenientValue, type ValuePath } from "./checker.ts";
import type { ConvertedFunction, CorpusFunction } from "./convert.ts";
import { expandCall } from "./expand.ts";
import { compareTool, type Fidelity } from "./fidelity.ts";
import { formatPath, parseIssuePath, startsWith } from "./paths.ts";
import { repairSchema } from "./repair.ts";

/** What the harness needs of a generated toolset. */
export interface LoadedToolset {
  get(name: string): { description: string; schemas: { "json-schema": Record<string, unknown> } } | undefined;
  dispatch(call: { name: string; arguments: string }): Promise<Outcome>;
}

/** The part of an outcome the harness reads. */
export type Outcome =
  | { ok: true }
  | { ok: false; error: { code: string; message: string; issues?: readonly { path: string }[] } };

/** The call log the converted tools write to. */
export type CallLog = { name: string; args: unknown[] }[];

/** A converted function that typecall generated, with the toolset it is in. */
export interface Generated {
  converted: ConvertedFunction;
  toolset: LoadedToolset;
}

/** How a ground-truth call relates to the original definition. */
export type Verdict = "fits" | "lenient" | "misfit";

/** One concrete ground-truth call and whether the dispatcher did what the original schema implies. */
export interface CallResult {
  testId: string;
  category: Category;
  toolName: string;
  call: Record<string, unknown>;
  verdict: Verdict;
  /** For a misfit: why it does not fit. */
  issues: CheckIssue[];
  agree: boolean;
  detail: string;
}

/** One mutated copy of a fitting call, which must be refused at the mutated path. */
export interface MutationResult {
  testId: string;
  category: Category;
  toolName: string;
  kind: "wrong type" | "missing required" | "unknown property";
  path: ValuePath;
  agree: boolean;
  detail: string;
}

/** Everything measured. */
export interface HarnessResult {
  fidelity: Map<string, Fidelity>;
  calls: CallResult[];
  mutations: MutationResult[];
  /** Ground-truth calls not run, with why (their function is not expressible, ...). */
  skipped: { testId: string; category: Category; toolName: string; reason: string }[];
}

/** The name of the property a mutation adds. */
export const UNKNOWN_PROPERTY = "corpus_unknown_property";

/** Runs every measurement. `generated` is keyed by tool name; functions missing from it are skipped. */
export async function runHarness(
  tests: readonly BfclTest[],
  catalog: ReadonlyMap<string, CorpusFunction>,
  generated: ReadonlyMap<string, Generated>,
  log: CallLog,
): Promise<HarnessResult> {
  const result: HarnessResult = { fidelity: new Map(), calls: [], mutations: [], skipped: [] };
  for (const fn of catalog.values()) {
    const entry = generated.get(fn.toolName);
    const tool = entry?.toolset.get(fn.toolName);
    if (!entry || !tool) continue;
    const schema = { description: tool.description, parameters: tool.schemas["json-schema"] };
    result.fidelity.set(fn.toolName, compareTool(fn.definition, schema, entry.converted.repairs));
  }
  const mutated = new Set<string>();
  for (const test of tests) {
    for (const truth of test.groundTruth) {
      const definition = test.functions.find((f) => f.name === truth.name);
      const fn = definition && catalog.get(canonicalJson(definition));
      const entry = fn && generated.get(fn.toolName);
      if (!definition || !fn || !entry) {
        const reason = definition ? "function not expressible" : "no function of that name in the test";
        result.skipped.push({
          testId: test.id,
          category: test.category,
          toolName: fn?.toolName ?? truth.name,
          reason,
        });
        continue;
      }
      const run = { test, fn, entry, definition, log };
      for (const call of expandCall(truth.params)) {
        const judged = await judgeCall(run, call);
        result.calls.push(judged);
        if (judged.verdict !== "fits") continue;
        for (const mutation of mutationsOf(definition.parameters, call)) {
          const key = `${fn.toolName}\u0000${canonicalJson(mutation.call)}`;
          if (mutated.has(key)) continue;
          mutated.add(key);
          result.mutations.push(await runMutation(run, mutation));
        }
      }
    }
  }
  return result;
}

interface Run {
  test: BfclTest;
  fn: CorpusFunction;
  entry: Generated;
  definition: BfclFunction;
  log: CallLog;
}

async function dispatch(
  run: Run,
  call: Record<string, unknown>,
): Promise<{ outcome: Outcome; received: CallLog }> {
  run.log.length = 0;
  const outcome = await run.entry.toolset.dispatch({
    name: run.fn.toolName,
    arguments: JSON.stringify(call),
  });
  return { outcome, received: [...run.log] };
}

/** Judges a call against the original definition, runs it, and says whether the two agree. */
async function judgeCall(run: Run, call: Record<string, unknown>): Promise<CallResult> {
  const original: BfclSchema = { ...run.definition.parameters, type: "dict" };
  const repaired: BfclSchema = { ...repairSchema(run.definition.parameters).schema, type: "dict" };
  const strict = checkValue(call, original);
  const expected = lenientValue(call, repaired) as Record<string, unknown>;
  const remaining = strict.length === 0 ? [] : checkValue(expected, original);
  const verdict: Verdict = strict.length === 0 ? "fits" : remaining.length === 0 ? "lenient" : "misfit";
  const { outcome, received } = await dispatch(run, call);
  const base = { testId: run.test.id, category: run.test.category, toolName: run.fn.toolName, call, verdict };
  if (verdict === "misfit") {
    const refusal = refusedAt(
      outcome,
      received,
      remaining.map((i) => i.path),
    );
    return { ...base, issues: remaining, agree: refusal === "", detail: refusal };
  }
  if (!outcome.ok)
    return {
      ...base,
      issues: [],
      agree: false,
      detail: `refused: ${outcome.error.message} ${issueText(outcome)}`,
    };
  const problem = receivedProblem(received, run.fn.toolName, run.entry.converted, expected);
  return { ...base, issues: [], agree: problem === "", detail: problem };
}

/** "" when the tool received exactly the expected arguments, else what went wrong. */
function receivedProblem(
  received: CallLog,
  toolName: string,
  converted: ConvertedFunction,
  expected: Record<string, unknown>,
): string {
  if (received.length !== 1 || received[0]?.name !== toolName)
    return `tool calls recorded: ${JSON.stringify(received)}`;
  const args = received[0].args;
  const want = converted.style === "object" ? [expected] : converted.parameters.map((p) => expected[p]);
  const length = Math.max(args.length, want.length);
  for (let i = 0; i < length; i++) {
    if (!jsonEqual(args[i], want[i])) {
      return `received ${showArgs(args)}, expected ${showArgs(want)}`;
    }
  }
  return "";
}

/** "" when the outcome refuses the call with an issue at (or below) one of `paths`, else what happened. */
function refusedAt(outcome: Outcome, received: CallLog, paths: readonly ValuePath[]): string {
  if (outcome.ok) return `accepted; the tool received ${showArgs(received[0]?.args ?? [])}`;
  if (outcome.error.code !== "invalid_arguments")
    return `refused with ${outcome.error.code}: ${outcome.error.message}`;
  const issues = (outcome.error.issues ?? []).map((i) => parseIssuePath(i.path));
  const named = issues.some((issue) => paths.some((path) => startsWith(issue, path)));
  return named ? "" : `refused, but no issue at ${paths.map(formatPath).join(", ")}: ${issueText(outcome)}`;
}

/** Arguments as JSON, where an absent one reads `"<absent>"` rather than JSON's `null`. */
function showArgs(args: readonly unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (value === undefined ? "<absent>" : value));
}

function issueText(outcome: Outcome): string {
  return outcome.ok ? "" : JSON.stringify(outcome.error.issues ?? []);
}

interface Mutation {
  kind: MutationResult["kind"];
  path: ValuePath;
  call: Record<string, unknown>;
}

/**
 * The mutated copies of a fitting call: a property given a value of a wrong type no documented
 * coercion can rescue, a required property (without a default) removed, an unknown property added.
 */
export function mutationsOf(parameters: BfclSchema, call: Record<string, unknown>): Mutation[] {
  const schema: BfclSchema = { ...parameters, type: "dict" };
  const properties = Object.entries(parameters.properties ?? {});
  const mutations: Mutation[] = [];
  const refused = (mutant: Record<string, unknown>, name: string) =>
    checkValue(lenientValue(mutant, schema), schema).some((issue) => startsWith(issue.path, [name]));
  for (const [name, property] of properties) {
    const wrong = wrongValue(property);
    if (call[name] === undefined || wrong === undefined) continue;
    const mutant = { ...call, [name]: wrong.value };
    if (!refused(mutant, name)) continue;
    mutations.push({ kind: "wrong type", path: [name], call: mutant });
    break;
  }
  const required = properties.find(
    ([name, p]) => parameters.required?.includes(name) && !("default" in p) && call[name] !== undefined,
  );
  if (required) {
    const mutant = { ...call };
    delete mutant[required[0]];
    mutations.push({ kind: "missing required", path: [required[0]], call: mutant });
  }
  mutations.push({
    kind: "unknown property",
    path: [UNKNOWN_PROPERTY],
    call: { ...call, [UNKNOWN_PROPERTY]: 1 },
  });
  return mutations;
}

/** A value of a wrong type that no documented coercion turns into the right one. */
export function wrongValue(schema: BfclSchema): { value: unknown } | undefined {
  switch (bfclType(schema)) {
    case "string":
      return { value: {} };
    case "integer":
    case "float":
      return { value: [1] };
    case "boolean":
      return { value: "x" };
    case "array":
    case "tuple":
    case "dict":
      return { value: "x" };
    default:
      return undefined;
  }
}

async function runMutation(run: Run, mutation: Mutation): Promise<MutationResult> {
  const { outcome, received } = await dispatch(run, mutation.call);
  const problem = refusedAt(outcome, received, [mutation.path]);
  const base = { testId: run.test.id, category: run.test.category, toolName: run.fn.toolName };
  return { ...base, kind: mutation.kind, path: mutation.path, agree: problem === "", detail: problem };
}
