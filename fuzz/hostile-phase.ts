/**
 * Phase 2 of the fuzzer: calls that wait on timers, run many at once: hostile tools (hostile
 * throws and rejections, odd results, tools that never settle), hostile per-call options, hostile
 * batches and batch options, batches that share one caller signal, and a burst of hung calls
 * that must all time out together. Only the synchronous part of each call is timed here.
 */
import fc from "fast-check";
import { adhocTool, adhocToolset } from "../packages/runtime/test/fixtures/adhoc.ts";
import { specimenOf } from "../packages/runtime/test/support/arbitraries.ts";
import {
  HOSTILE_BATCH_OPTIONS,
  HOSTILE_BATCHES,
  HOSTILE_CONTEXTS,
  HOSTILE_OPTIONS,
} from "../packages/runtime/test/support/hostile-calls.ts";
import { HOSTILE_TOKENS } from "../packages/runtime/test/support/hostile-tokens.ts";
import {
  createHostileToolset,
  ECHO,
  type HostileToolset,
} from "../packages/runtime/test/support/hostile-tools.ts";
import { batchProblem, outcomeProblem } from "../packages/runtime/test/support/outcome-shape.ts";
import { CONTEXT, type LooseToolset } from "../packages/runtime/test/support/subjects.ts";
import { type PollutionProbe, watchCall } from "../packages/runtime/test/support/watch.ts";
import { GRACE_MS } from "./random-calls.ts";
import { breach, type CallInfo, recordCall, type Tally } from "./tally.ts";

/** How many calls are in flight at once. */
const CONCURRENCY = 200;
const CHUNK = 500;

interface Case extends CallInfo {
  readonly calls: number;
  readonly waitMs: number;
  readonly invoke: () => unknown;
  readonly check: (value: unknown) => string | undefined;
}

/** How late the calls of the burst answered `timeout`, past their time limit. */
export interface Burst {
  readonly calls: number;
  readonly timedOut: number;
  readonly maxLateMs: number;
}

function caseArbitrary(hostile: HostileToolset, quickstart: LooseToolset): fc.Arbitrary<Case> {
  const limit = hostile.timeoutMs;
  const hooked = createHostileToolset(limit, { hooks: true });
  const one = (family: string, shape: string, invoke: () => unknown): Case => ({
    family,
    shape,
    bytes: 0,
    calls: 1,
    waitMs: limit + GRACE_MS,
    invoke,
    check: outcomeProblem,
  });
  const tool = fc.constantFrom(...hostile.names);
  const toolCall = fc
    .record({ name: tool, context: specimenOf(HOSTILE_CONTEXTS), hooks: fc.boolean() })
    .map(({ name, context, hooks }) =>
      one("hostile tool", `${name}, context ${context}${hooks ? ", hostile hooks" : ""}`, () =>
        (hooks ? hooked : hostile).toolset.dispatch({ name, arguments: "{}" }, context.make()),
      ),
    );
  const optionCall = fc
    .record({ name: fc.constantFrom(ECHO, "never settles"), options: specimenOf(HOSTILE_OPTIONS) })
    .map(({ name, options }) =>
      one("hostile options", `${name} with ${options}`, () =>
        hostile.toolset.dispatch({ name, arguments: "{}" }, {}, options.make()),
      ),
    );
  const batch = fc
    .record({
      on: fc.boolean(),
      batch: specimenOf(HOSTILE_BATCHES),
      options: specimenOf(HOSTILE_BATCH_OPTIONS),
    })
    .map(({ on, batch: b, options }) => ({
      ...one("hostile batch", `${b} with ${options}`, () =>
        (on ? quickstart : hostile.toolset).dispatchAll(b.make(), CONTEXT, options.make()),
      ),
      waitMs: 4 * limit + GRACE_MS,
      check: (value: unknown) => batchProblem(value),
    }));
  const toolBatch = fc
    .array(fc.constantFrom(ECHO, ...hostile.names), { minLength: 1, maxLength: 12 })
    .map((names) => ({
      ...one("batch of hostile tools", names.join(" | "), () =>
        hostile.toolset.dispatchAll(
          names.map((name, i) => ({ name, arguments: "{}", id: `c${i}` })),
          CONTEXT,
        ),
      ),
      calls: names.length,
      waitMs: limit * names.length + GRACE_MS,
      check: (value: unknown) => batchProblem(value, names.length),
    }));
  const shared = fc.integer({ min: 11, max: 40 }).map((count) => ({
    ...one("shared signal", `${count} hung calls sharing one AbortSignal`, () => {
      const signal = new AbortController().signal;
      const calls = Array.from({ length: count }, () => ({ name: "never settles", arguments: "{}" }));
      return hostile.toolset.dispatchAll(calls, {}, { signal, concurrency: count });
    }),
    calls: count,
    check: (value: unknown) => batchProblem(value, count),
  }));
  // Approval tokens changed, forged or of another secret, decided with hostile contexts: each is
  // refused (denied), and the tool behind them never runs.
  const approvals = approvalSubjects();
  const tokenCall = fc
    .record({
      token: specimenOf(HOSTILE_TOKENS),
      context: specimenOf(HOSTILE_CONTEXTS),
      decision: fc.constantFrom("approve", "deny"),
    })
    .map(({ token, context, decision }) =>
      one("hostile token", `${decision} ${token}, context ${context}`, async () => {
        const minted = {
          token: await approvals.mint(approvals.toolset),
          foreign: await approvals.mint(approvals.other),
        };
        const hostileToken = token.make()(minted) as string;
        return decision === "approve"
          ? approvals.toolset.approve(hostileToken, context.make() as never)
          : approvals.toolset.deny(hostileToken, context.make() as never);
      }),
    )
    .map((item) => ({
      ...item,
      check: (value: unknown) => outcomeProblem(value) ?? approvals.problem(value),
    }));
  return fc.oneof(
    { weight: 50, arbitrary: toolCall },
    { weight: 10, arbitrary: tokenCall },
    { weight: 15, arbitrary: optionCall },
    { weight: 10, arbitrary: batch },
    { weight: 20, arbitrary: toolBatch },
    { weight: 5, arbitrary: shared },
  );
}

/** A toolset with a tool that needs approval, another with a different secret, and a watch on the tool. */
function approvalSubjects() {
  let runs = 0;
  const secret = "the fuzzer's approval secret, 32 characters or more";
  const tools = [adhocTool("refund", () => ++runs, { approval: true, sensitive: [["card"]] })];
  const toolset = adhocToolset(tools, { approvalSecret: secret });
  const other = adhocToolset(tools, { approvalSecret: `${secret}, another` });
  return {
    toolset,
    other,
    async mint(from: typeof toolset): Promise<string> {
      const outcome = await from.dispatch({ name: "refund", arguments: { card: "4111111111111111" } });
      if (outcome.ok || outcome.approval === undefined)
        throw new Error("the fuzzer's refund did not wait for approval");
      return outcome.approval.token;
    },
    problem(value: unknown): string | undefined {
      if (runs > 0) return `a refused token ran the tool (${runs} times)`;
      const code = (value as { error?: { code?: unknown } }).error?.code;
      return code === "denied" ? undefined : `a hostile token was answered ${String(code)}, not denied`;
    },
  };
}

/** Runs about `count` hostile calls, {@link CONCURRENCY} at a time, into `tally`. */
export async function runHostileCalls(
  hostile: HostileToolset,
  quickstart: LooseToolset,
  count: number,
  seed: number,
  tally: Tally,
  probe: PollutionProbe,
): Promise<void> {
  const arbitrary = caseArbitrary(hostile, quickstart);
  let made = 0;
  for (let chunk = 0; made < count; chunk++) {
    const items = fc.sample(arbitrary, { seed: seed + 1_000_003 + chunk, numRuns: CHUNK });
    const taken: Case[] = [];
    for (const item of items) {
      if (made >= count) break;
      taken.push(item);
      made += item.calls;
    }
    await inPool(taken, async (item) => {
      const watched = await watchCall(item.invoke, item.waitMs, item.check);
      recordCall(tally, item, watched, item.calls, watched.syncMs);
      for (const change of probe.check({ deep: false }))
        breach(tally, "polluted", `${item.family}: ${item.shape} -> ${change}`);
    });
  }
}

/** Starts `count` calls to a tool that never settles at once; all must answer `timeout` in time. */
export async function runBurst(hostile: HostileToolset, count: number, tally: Tally): Promise<Burst> {
  const limit = hostile.timeoutMs;
  const info = { family: "burst", shape: `${count} hung calls at once`, bytes: 0 };
  const watched = await Promise.all(
    Array.from({ length: count }, () =>
      watchCall(
        () => hostile.toolset.dispatch({ name: "never settles", arguments: "{}" }),
        limit + GRACE_MS,
        outcomeProblem,
      ),
    ),
  );
  let timedOut = 0;
  let maxLateMs = 0;
  for (const call of watched) {
    recordCall(tally, info, call);
    if ((call.value as { error?: { code?: string } } | undefined)?.error?.code !== "timeout") continue;
    timedOut++;
    maxLateMs = Math.max(maxLateMs, call.totalMs - limit);
  }
  return { calls: count, timedOut, maxLateMs };
}

async function inPool<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
