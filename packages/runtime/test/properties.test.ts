/**
 * The permanent guard of `dispatch`'s contract (issue 7, section 5), property-based: whatever the
 * call object, the argument text or value, the tool, the per-call options or the batch,
 * `dispatch` and `dispatchAll` return a promise that resolves, soon, to outcomes of the documented
 * shape; nothing rejects unhandled and no prototype is polluted. Over the generated toolset of
 * every codegen case and the quick start, and over hand-built hostile tools.
 *
 * Deterministic: fast-check runs from a fixed seed (override with TYPECALL_FC_SEED) and prints the
 * seed, the path and the shrunk counterexample of a failure. TYPECALL_FC_RUNS scales every numRuns.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";
import {
  argumentText,
  argumentValue,
  deepText,
  hostileArgument,
  NESTINGS,
  nestedText,
  noiseText,
  pollutingText,
  specimenOf,
  stressText,
} from "./support/arbitraries.ts";
import { createHarness, internalError, takesNesting } from "./support/harness.ts";
import {
  CALL_SHAPES,
  HOSTILE_BATCH_OPTIONS,
  HOSTILE_BATCHES,
  HOSTILE_CONTEXTS,
  HOSTILE_IDS,
  HOSTILE_NAMES,
  HOSTILE_OPTIONS,
  NOT_A_SIGNAL,
} from "./support/hostile-calls.ts";
import { createHostileToolset, ECHO } from "./support/hostile-tools.ts";
import { specimen } from "./support/hostile-values.ts";
import { batchProblem, outcomeProblem } from "./support/outcome-shape.ts";
import { CONTEXT, type LooseToolset, loadSubjects } from "./support/subjects.ts";
import { tick, watchCall } from "./support/watch.ts";

const SEED = Number(process.env.TYPECALL_FC_SEED ?? 7_000_007);
const SCALE = Number(process.env.TYPECALL_FC_RUNS ?? 1);
/** The per-call time limit given to generated tools (the basic case's `sleep` would wait 60 s). */
const LIMIT = { timeoutMs: 100 };
/** How long past its time limit a call may stay pending before it counts as stalled. */
const GRACE_MS = 250;

const subjects = await loadSubjects();
const hostile = createHostileToolset(20);
const hooked = createHostileToolset(20, { hooks: true });
const tools = subjects.flatMap((subject) =>
  subject.tools.map((tool) => ({
    label: `${subject.label}.${tool.name}`,
    toolset: subject.toolset,
    ...tool,
  })),
);
const toolByLabel = new Map(tools.map((tool) => [tool.label, tool]));
const anyTool = fc.constantFrom(...tools.map((tool) => tool.label));
const toolsetByLabel = new Map<string, LooseToolset>([
  ...subjects.map((subject) => [subject.label, subject.toolset] as const),
  ["hostile tools", hostile.toolset],
]);

const harness = createHarness({ seed: SEED, scale: SCALE });
const { recorder, check, answers } = harness;
afterAll(() => harness.stop());

const nameArbitrary = fc.oneof(
  fc
    .constantFrom(...tools.map((tool) => tool.name))
    .map((name) => specimen(JSON.stringify(name), () => name)),
  specimenOf(HOSTILE_NAMES),
);
const idArbitrary = fc.oneof(fc.constant(specimen("no id", () => undefined)), specimenOf(HOSTILE_IDS));

describe("dispatch answers every call with an outcome (issue 7)", () => {
  it("answers hostile call objects: names, ids, arguments and contexts of any kind", async () => {
    const arbitrary = fc.record({
      toolset: fc.constantFrom(...subjects.map((subject) => subject.label)),
      shape: specimenOf(CALL_SHAPES),
      name: nameArbitrary,
      id: idArbitrary,
      args: fc.oneof(
        noiseText().map((text) => specimen(JSON.stringify(text), () => text)),
        hostileArgument(),
      ),
      context: specimenOf(HOSTILE_CONTEXTS),
    });
    await check(arbitrary, 300, ({ toolset, shape, name, id, args, context }) => {
      const call = shape.make()(name.make(), args.make(), id.make());
      return answers(
        () => toolsetByLabel.get(toolset)?.dispatch(call, context.make(), LIMIT),
        LIMIT.timeoutMs + GRACE_MS,
      );
    });
  });

  const textArbitrary = anyTool.chain((label) => {
    const { schema } = toolByLabel.get(label) as { schema: Record<string, unknown> };
    const key = Object.keys((schema.properties ?? {}) as object)[0] ?? "a";
    const text = fc.oneof(
      { arbitrary: argumentText(schema), weight: 4 },
      { arbitrary: noiseText(), weight: 2 },
      { arbitrary: stressText(key), weight: 1 },
      { arbitrary: deepText(Object.keys((schema.properties ?? {}) as object)), weight: 1 },
      { arbitrary: pollutingText(key), weight: 1 },
    );
    return fc.record({ tool: fc.constant(label), text });
  });

  it("answers any argument text: model slips, cuts, noise, deep nesting, many keys, polluting keys", async () => {
    await check(textArbitrary, 400, ({ tool, text }) => {
      const { toolset, name } = toolByLabel.get(tool) as (typeof tools)[number];
      return answers(
        () => toolset.dispatch({ name, arguments: text }, CONTEXT, LIMIT),
        LIMIT.timeoutMs + GRACE_MS,
      );
    });
  });

  it("never answers an argument text with an internal error (the pipeline's catch-all)", async () => {
    await check(textArbitrary, 300, async ({ tool, text }) => {
      const { toolset, name } = toolByLabel.get(tool) as (typeof tools)[number];
      // A call that does not answer at all is the previous property's failure; this one reads answers.
      const invoke = () => toolset.dispatch({ name, arguments: text }, CONTEXT, LIMIT);
      const watched = await watchCall(invoke, LIMIT.timeoutMs + GRACE_MS, internalError);
      return watched.verdict === "malformed" ? watched.detail : undefined;
    });
  });

  it("answers arguments nested 12,000 deep, in every property of every tool, without an internal error", async () => {
    // Exhaustive rather than random: one deep shape under one property is enough to fail, and
    // sampling would miss most pairs. 12,000 is beyond the 10,000 that overflowed the stack.
    // Every shape goes under a property whose schema takes objects or arrays; one under the others.
    const failures: string[] = [];
    for (const { toolset, name, schema } of tools) {
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      for (const key of [...Object.keys(properties), "extra"]) {
        const shapes = takesNesting(properties[key]) ? NESTINGS : NESTINGS.slice(0, 1);
        for (const [shape, nest] of shapes) {
          const problem = (value: unknown) => outcomeProblem(value) ?? internalError(value);
          const invoke = () =>
            toolset.dispatch({ name, arguments: nestedText(key, nest(12_000)) }, CONTEXT, LIMIT);
          const found = await answers(invoke, LIMIT.timeoutMs + GRACE_MS, problem);
          if (found !== undefined) failures.push(`${name}.${key} as ${shape}: ${found}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers argument values that are not JSON: proxies, getters, cycles, bigints, no prototype", async () => {
    const arbitrary = anyTool.chain((label) => {
      const { schema } = toolByLabel.get(label) as { schema: Record<string, unknown> };
      return fc.record({
        tool: fc.constant(label),
        base: argumentValue(schema),
        hostile: hostileArgument(),
        where: fc.constantFrom("as the arguments", "in a property", "beside the properties"),
      });
    });
    await check(arbitrary, 300, ({ tool, base, hostile: value, where }) => {
      const { toolset, name } = toolByLabel.get(tool) as (typeof tools)[number];
      const key = Object.keys(base ?? {})[0] ?? "x";
      const args =
        where === "as the arguments"
          ? value.make()
          : where === "in a property"
            ? { ...(base as object), [key]: value.make() }
            : { ...(base as object), extra: value.make() };
      return answers(
        () => toolset.dispatch({ name, arguments: args }, CONTEXT, LIMIT),
        LIMIT.timeoutMs + GRACE_MS,
      );
    });
  });

  it("answers calls to hostile tools (hostile throws and rejections, odd results, never settling), with or without hostile hooks", async () => {
    const arbitrary = fc.record({
      tool: fc.constantFrom(...hostile.names),
      context: specimenOf(HOSTILE_CONTEXTS),
      hooks: fc.constantFrom("no hooks", "hostile hooks"),
    });
    await check(arbitrary, 250, ({ tool, context, hooks }) =>
      answers(
        () =>
          (hooks === "no hooks" ? hostile : hooked).toolset.dispatch(
            { name: tool, arguments: "{}" },
            context.make(),
          ),
        hostile.timeoutMs + GRACE_MS,
      ),
    );
  });

  it("ends every call promptly whatever its per-call options, even one to a tool that never settles", async () => {
    const arbitrary = fc.record({
      tool: fc.constantFrom(ECHO, "never settles", "resolves after three times its time limit"),
      options: specimenOf(HOSTILE_OPTIONS),
    });
    await check(arbitrary, 60, ({ tool, options }) =>
      answers(
        () => hostile.toolset.dispatch({ name: tool, arguments: "{}" }, {}, options.make()),
        hostile.timeoutMs + GRACE_MS,
        (value) => outcomeProblem(value),
        2 * hostile.timeoutMs,
      ),
    );
  });

  it("refuses a signal that is not an AbortSignal before the tool starts", async () => {
    let started = 0;
    const toolset = adhocToolset([adhocTool("counted", () => started++)]) as unknown as LooseToolset;
    await check(specimenOf(NOT_A_SIGNAL), 20, async (options) => {
      const before = started;
      const problem = await answers(
        () => toolset.dispatch({ name: "counted", arguments: "{}" }, {}, options.make()),
        1000,
      );
      if (problem !== undefined) return problem;
      return started > before ? "the tool ran" : undefined;
    });
  });
});

describe("dispatchAll answers every call, in order (issue 7)", () => {
  it("answers a batch of calls to hostile and healthy tools with one outcome per call, in call order", async () => {
    const arbitrary = fc.array(fc.constantFrom(ECHO, ...hostile.names), { minLength: 1, maxLength: 12 });
    await check(arbitrary, 120, (names) => {
      const calls = names.map((name, i) => ({ name, arguments: `{"i":${i}}`, id: `c${i}` }));
      const inOrder = (value: unknown): string | undefined => {
        const problem = batchProblem(value, calls.length);
        if (problem !== undefined) return problem;
        const outcomes = value as { id?: string; name: string; ok: boolean }[];
        const wrong = outcomes.findIndex((outcome, i) => outcome.id !== `c${i}` || outcome.name !== names[i]);
        if (wrong >= 0) return `outcome ${wrong} answers ${outcomes[wrong]?.name}#${outcomes[wrong]?.id}`;
        const echo = outcomes.findIndex((outcome, i) => names[i] === ECHO && !outcome.ok);
        return echo >= 0 ? `the healthy call ${echo} failed` : undefined;
      };
      const waitMs = hostile.timeoutMs * calls.length + GRACE_MS;
      return answers(() => hostile.toolset.dispatchAll(calls, CONTEXT), waitMs, inOrder);
    });
  });

  it("answers hostile batches and batch options with an array of outcomes", async () => {
    const arbitrary = fc.record({
      toolset: fc.constantFrom("quickstart", "hostile tools"),
      batch: specimenOf(HOSTILE_BATCHES),
      options: fc.oneof(
        fc.constant(specimen("no options", () => undefined)),
        specimenOf(HOSTILE_BATCH_OPTIONS),
      ),
    });
    await check(arbitrary, 150, ({ toolset, batch, options }) =>
      answers(
        () => toolsetByLabel.get(toolset)?.dispatchAll(batch.make(), CONTEXT, options.make() ?? LIMIT),
        LIMIT.timeoutMs * 4 + GRACE_MS,
        (value) => batchProblem(value),
      ),
    );
  });

  it("shares one caller signal between many calls without a listener-leak warning", async () => {
    await check(fc.integer({ min: 11, max: 40 }), 5, async (count) => {
      const controller = new AbortController();
      const calls = Array.from({ length: count }, () => ({ name: "never settles", arguments: "{}" }));
      const options = { signal: controller.signal, concurrency: count };
      const warnings = recorder.warnings.length;
      const problem = await answers(
        () => hostile.toolset.dispatchAll(calls, {}, options),
        hostile.timeoutMs + GRACE_MS,
        (value) => batchProblem(value, count),
      );
      await tick();
      const leak = recorder.warnings.slice(warnings).find((warning) => warning.startsWith("MaxListeners"));
      return problem ?? leak;
    });
  });
});

describe("the process stays clean (issue 7)", () => {
  // Each list is shown once per distinct message (numbers as N), so a warning repeated every
  // millisecond by a runaway timer reads as one line.
  const distinct = (messages: readonly string[]) => [
    ...new Set(messages.map((message) => message.split("\n")[0]?.replace(/\d+(\.\d+)?(e[+-]?\d+)?/g, "N"))),
  ];

  it("raised no unhandled rejection during the whole run", async () => {
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
    expect(distinct(recorder.unhandled)).toEqual([]);
  });

  it("threw no uncaught exception (from a timer or a listener the runtime left behind)", () => {
    expect(distinct(recorder.uncaught)).toEqual([]);
  });

  it("emitted no process warning (listener leaks, timer overflows)", () => {
    expect(distinct(recorder.warnings)).toEqual([]);
  });

  it("left Object.prototype and the other built-in prototypes untouched", () => {
    expect(harness.polluted()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
