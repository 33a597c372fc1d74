/**
 * Tools that fight back, built by hand with `createToolset` (as `fixtures/adhoc.ts` does): each
 * hostile value of `hostile-values.ts` thrown, rejected, returned and resolved, now and later;
 * tools that never settle; thenables that misbehave; and one well-behaved `echo` tool. Optionally
 * with hooks that misbehave too.
 */
import { createToolset, type ToolDefinition, type ToolsetHooks } from "@typecall/runtime";
import { adhocTool } from "../fixtures/adhoc.ts";
import { HOSTILE_VALUES, revokedProxy, type Specimen, specimen, trapAll } from "./hostile-values.ts";
import type { LooseToolset } from "./subjects.ts";

/** The name of the well-behaved tool: it returns its arguments. */
export const ECHO = "echo";

type Run = (args: Record<string, unknown>, ctx: { signal: AbortSignal }) => unknown;

/** How a tool delivers a hostile value. */
const MODES: readonly [string, (make: () => unknown) => Run][] = [
  [
    "throws",
    (make) => () => {
      throw make();
    },
  ],
  ["rejects with", (make) => () => Promise.reject(make())],
  ["rejects later with", (make) => () => later().then(() => Promise.reject(make()))],
  ["returns", (make) => () => make()],
  ["resolves to", (make) => async () => make()],
  ["resolves later to", (make) => () => later().then(make)],
];

/** Tools whose misbehaviour is about settling, not about a value, for a toolset limit of `timeoutMs`. */
const settling = (timeoutMs: number): readonly Specimen<Run>[] => [
  specimen("never settles", () => () => new Promise(() => {})),
  specimen("never settles, after reading its signal", () => (_args, ctx) => {
    void ctx.signal.aborted;
    return new Promise(() => {});
  }),
  specimen("returns a thenable that never calls back", () => () => thenable({ value() {} })),
  specimen(
    "returns a thenable whose then throws",
    () => () =>
      thenable({
        value() {
          throw new Error("then");
        },
      }),
  ),
  specimen(
    "returns a thenable whose then getter throws",
    () => () =>
      thenable({
        get() {
          throw new Error("then getter");
        },
      }),
  ),
  specimen(
    "returns a thenable that resolves twice and rejects",
    () => () =>
      thenable({
        value(resolve: (value: unknown) => void, reject: (reason: unknown) => void) {
          resolve(1);
          resolve(2);
          reject(Symbol("late"));
        },
      }),
  ),
  specimen(
    "returns a thenable that rejects with a Proxy",
    () => () =>
      thenable({
        value(_resolve: unknown, reject: (reason: unknown) => void) {
          reject(trapAll());
        },
      }),
  ),
  specimen("resolves after three times its time limit", () => () => delay(3 * timeoutMs).then(() => "late")),
  specimen(
    "rejects after its time limit with a symbol",
    () => () => delay(3 * timeoutMs).then(() => Promise.reject(Symbol("late"))),
  ),
];

/** A hostile toolset and what the guard needs to know about it. */
export interface HostileToolset {
  readonly toolset: LooseToolset;
  /** Every tool name but {@link ECHO}. */
  readonly names: readonly string[];
  /** The toolset's time limit: short, so that a tool that never settles is answered quickly. */
  readonly timeoutMs: number;
}

/**
 * Hooks that fight back: `onCall` throws a revoked Proxy, `onOutcome` returns a promise that
 * rejects with a symbol, or a thenable whose `then` getter throws. A hook cannot break a call.
 */
export const HOSTILE_HOOKS: ToolsetHooks = {
  onCall() {
    throw revokedProxy();
  },
  onOutcome(outcome) {
    return (outcome.ok ? Promise.reject(Symbol("hook")) : thenable({ get: () => trapAll() })) as never;
  },
};

/**
 * Builds the hostile toolset with time limit `timeoutMs` (20 ms by default), with
 * {@link HOSTILE_HOOKS} when `hooks` is set.
 */
export function createHostileToolset(
  timeoutMs = 20,
  { hooks = false }: { hooks?: boolean } = {},
): HostileToolset {
  const definitions: ToolDefinition[] = [adhocTool(ECHO, (args) => args)];
  for (const [mode, deliver] of MODES) {
    for (const value of HOSTILE_VALUES) {
      definitions.push(adhocTool(`${mode} ${value.label}`, deliver(value.make) as Run as never));
    }
  }
  for (const behaviour of settling(timeoutMs))
    definitions.push(adhocTool(behaviour.label, behaviour.make() as never));
  const options = hooks ? { timeoutMs, hooks: HOSTILE_HOOKS } : { timeoutMs };
  const toolset = createToolset(definitions, options) as unknown as LooseToolset;
  return { toolset, names: definitions.map((tool) => tool.name).filter((name) => name !== ECHO), timeoutMs };
}

/** An object with a `then` as described: a promise-like that a tool may return instead of a promise. */
function thenable(then: PropertyDescriptor): object {
  // biome-ignore lint/suspicious/noThenProperty: a misbehaving thenable is what this test tool returns.
  return Object.defineProperty({}, "then", { enumerable: true, ...then });
}

function later(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
