/**
 * Phase 1 of the fuzzer: random calls to the generated toolsets, one at a time so that each call's
 * time is its own. Cases are sampled from the property tests' arbitraries with a fixed seed, in
 * chunks, so that a run of any length uses little memory and replays exactly.
 */
import fc from "fast-check";
import {
  argumentText,
  deepText,
  hostileArgument,
  noiseText,
  pollutingText,
  specimenOf,
  stressText,
} from "../packages/runtime/test/support/arbitraries.ts";
import {
  CALL_SHAPES,
  HOSTILE_CONTEXTS,
  HOSTILE_IDS,
  HOSTILE_NAMES,
} from "../packages/runtime/test/support/hostile-calls.ts";
import { specimen } from "../packages/runtime/test/support/hostile-values.ts";
import { batchProblem, outcomeProblem } from "../packages/runtime/test/support/outcome-shape.ts";
import { CONTEXT, type LooseToolset, type Subject } from "../packages/runtime/test/support/subjects.ts";
import { type PollutionProbe, watchCall } from "../packages/runtime/test/support/watch.ts";
import { breach, type CallInfo, recordCall, type Tally } from "./tally.ts";

/** The per-call time limit of this phase: short, since the basic case's `sleep` tool would otherwise wait. */
const LIMIT = { timeoutMs: 10 };
/** A call still pending this long after its time limit counts as unsettled. */
export const GRACE_MS = 1_000;
const CHUNK = 500;

/** One sampled call: what to run and how to describe it. */
interface Case extends CallInfo {
  readonly toolset: LooseToolset;
  /** How many calls it makes (a batch makes several). */
  readonly calls: number;
  readonly invoke: (toolset: LooseToolset) => unknown;
}

interface Tool {
  readonly toolset: LooseToolset;
  readonly subject: string;
  readonly name: string;
  readonly schema: Record<string, unknown>;
  readonly keys: readonly string[];
}

const label = (text: string) =>
  text.length > 60 ? `${JSON.stringify(text.slice(0, 60))}…` : JSON.stringify(text);

/** A call with argument text `text` to `tool`, as family `family`. */
function textCase(family: string, tool: Tool, text: string): Case {
  const shape = `${tool.subject}.${tool.name} ${label(text)} (${text.length} chars)`;
  const invoke = (toolset: LooseToolset) =>
    toolset.dispatch({ name: tool.name, arguments: text }, CONTEXT, LIMIT);
  return { family, shape, bytes: text.length, toolset: tool.toolset, calls: 1, invoke };
}

function textCases(tool: fc.Arbitrary<Tool>): fc.Arbitrary<Case> {
  const key = (t: Tool) => t.keys[0] ?? "a";
  return fc.oneof(
    {
      weight: 40,
      arbitrary: tool.chain((t) => argumentText(t.schema).map((text) => textCase("model text", t, text))),
    },
    { weight: 12, arbitrary: tool.chain((t) => noiseText().map((text) => textCase("noise text", t, text))) },
    {
      weight: 6,
      arbitrary: tool.chain((t) => stressText(key(t), 0.1).map((text) => textCase("stress text", t, text))),
    },
    {
      weight: 4,
      arbitrary: tool.chain((t) => deepText(t.keys, 3_000).map((text) => textCase("deep text", t, text))),
    },
    {
      weight: 4,
      arbitrary: tool.chain((t) => pollutingText(key(t)).map((text) => textCase("polluting text", t, text))),
    },
  );
}

function hostileValueCase(tool: fc.Arbitrary<Tool>): fc.Arbitrary<Case> {
  return fc.tuple(tool, hostileArgument(), fc.boolean()).map(([t, value, inside]) => ({
    family: "hostile value",
    shape: `${t.subject}.${t.name} ${inside ? `{ ${t.keys[0] ?? "x"}: ${value} }` : String(value)}`,
    bytes: 0,
    toolset: t.toolset,
    calls: 1,
    invoke: (toolset: LooseToolset) =>
      toolset.dispatch(
        { name: t.name, arguments: inside ? { [t.keys[0] ?? "x"]: value.make() } : value.make() },
        CONTEXT,
        LIMIT,
      ),
  }));
}

function hostileCallCase(tool: fc.Arbitrary<Tool>): fc.Arbitrary<Case> {
  const name = fc.oneof(
    tool.map((t) => specimen(JSON.stringify(t.name), () => t.name)),
    specimenOf(HOSTILE_NAMES),
  );
  const id = fc.oneof(fc.constant(specimen("no id", () => undefined)), specimenOf(HOSTILE_IDS));
  const args = fc.oneof(
    noiseText().map((text) => specimen(label(text), () => text)),
    hostileArgument(),
  );
  return fc
    .record({
      t: tool,
      shape: specimenOf(CALL_SHAPES),
      name,
      id,
      args,
      context: specimenOf(HOSTILE_CONTEXTS),
    })
    .map(({ t, shape, name: n, id: i, args: a, context }) => ({
      family: "hostile call",
      shape: `${t.subject}: ${shape} name=${n} id=${i} arguments=${a} context=${context}`,
      bytes: 0,
      toolset: t.toolset,
      calls: 1,
      invoke: (toolset: LooseToolset) =>
        toolset.dispatch(shape.make()(n.make(), a.make(), i.make()), context.make(), LIMIT),
    }));
}

function batchCase(tool: fc.Arbitrary<Tool>): fc.Arbitrary<Case> {
  return tool.chain((t) =>
    fc.array(argumentText(t.schema), { minLength: 1, maxLength: 6 }).map((texts) => ({
      family: "batch",
      shape: `${t.subject}.${t.name} x${texts.length}`,
      bytes: texts.join("").length,
      toolset: t.toolset,
      calls: texts.length,
      invoke: (toolset: LooseToolset) =>
        toolset.dispatchAll(
          texts.map((text, i) => ({ name: t.name, arguments: text, id: `b${i}` })),
          CONTEXT,
          LIMIT,
        ),
    })),
  );
}

/** The arbitrary of one phase-1 case over `subjects`. */
function caseArbitrary(subjects: readonly Subject[]): fc.Arbitrary<Case> {
  const tools: Tool[] = subjects.flatMap((subject) =>
    subject.tools.map((tool) => ({
      toolset: subject.toolset,
      subject: subject.label,
      name: tool.name,
      schema: tool.schema,
      keys: Object.keys((tool.schema.properties ?? {}) as object),
    })),
  );
  const tool = fc.constantFrom(...tools);
  return fc.oneof(
    { weight: 66, arbitrary: textCases(tool) },
    { weight: 10, arbitrary: hostileValueCase(tool) },
    { weight: 16, arbitrary: hostileCallCase(tool) },
    { weight: 8, arbitrary: batchCase(tool) },
  );
}

/** Runs `count` random calls (batches count each of their calls) into `tally`. */
export async function runRandomCalls(
  subjects: readonly Subject[],
  count: number,
  seed: number,
  tally: Tally,
  probe: PollutionProbe,
): Promise<void> {
  const arbitrary = caseArbitrary(subjects);
  let made = 0;
  for (let chunk = 0; made < count; chunk++) {
    for (const item of fc.sample(arbitrary, { seed: seed + chunk, numRuns: CHUNK })) {
      if (made >= count) break;
      await runCase(item, tally, probe);
      made += item.calls;
    }
    // Each call compares the prototypes' keys; each chunk also compares their values.
    for (const change of probe.check()) breach(tally, "polluted", `chunk ${chunk}: ${change}`);
  }
}

async function runCase(item: Case, tally: Tally, probe: PollutionProbe): Promise<void> {
  const check =
    item.calls === 1 && item.family !== "batch"
      ? outcomeProblem
      : (value: unknown) => batchProblem(value, item.calls);
  const watched = await watchCall(
    () => item.invoke(item.toolset),
    LIMIT.timeoutMs * item.calls + GRACE_MS,
    check,
  );
  const timedOut = (watched.value as { error?: { code?: string } } | undefined)?.error?.code === "timeout";
  // A timed-out call costs its time limit by design; its time says nothing about the runtime.
  recordCall(tally, item, watched, item.calls, timedOut ? undefined : watched.totalMs);
  for (const change of probe.check({ deep: false }))
    breach(tally, "polluted", `${item.family}: ${item.shape} -> ${change}`);
}
