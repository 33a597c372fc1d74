/**
 * Hostile inputs to `dispatch` and `dispatchAll` other than argument text: call objects, names,
 * ids, contexts, per-call options and batches, each a named factory (see `hostile-values.ts`).
 */
import {
  HOSTILE_VALUES,
  revokedProxy,
  type Specimen,
  specimen,
  throwingGetter,
  trapAll,
} from "./hostile-values.ts";

/**
 * Names that are not a usable string, or strings that stress the unknown-tool path. Long names stay
 * at 10,000 characters: how the cost grows with a name's length is the fuzzer's `tool-name` family.
 */
export const HOSTILE_NAMES: readonly Specimen[] = [
  ...HOSTILE_VALUES.filter((value) => !value.label.startsWith("string of")),
  specimen("number", () => 42),
  specimen("array of a tool name", () => ["getWeather"]),
  specimen("String object", () => new String("getWeather")),
  specimen("__proto__", () => "__proto__"),
  specimen("constructor", () => "constructor"),
  specimen("hasOwnProperty", () => "hasOwnProperty"),
  specimen("name with newlines and quotes", () => 'get"Weather\n\u0000`'),
  specimen("namespaced name", () => "functions.getWeather"),
  specimen("name of 10,000 characters", () => "getWeather".repeat(1_000)),
];

/** Ids that are not a usable string. */
export const HOSTILE_IDS: readonly Specimen[] = [
  ...HOSTILE_VALUES,
  specimen("number id", () => 7),
  specimen("id of 100,000 characters", () => "c".repeat(100_000)),
];

/** A call whose fields are getters on its class's prototype, not own properties. */
class CallInstance {
  readonly #parts: readonly [unknown, unknown, unknown];
  constructor(name: unknown, args: unknown, id: unknown) {
    this.#parts = [name, args, id];
  }
  get name(): unknown {
    return this.#parts[0];
  }
  get arguments(): unknown {
    return this.#parts[1];
  }
  get id(): unknown {
    return this.#parts[2];
  }
}

/** A name getter that returns the name, then an object without prototype, then the name, ... */
function unstableName(name: unknown, args: unknown): object {
  let reads = 0;
  return {
    get name() {
      reads++;
      return reads % 2 === 1 ? name : Object.create(null);
    },
    arguments: args,
  };
}

/**
 * Ways to build the call object around a name, arguments and an id (any of which may be hostile):
 * each specimen makes a builder `(name, args, id) => call`.
 */
export const CALL_SHAPES: readonly Specimen<(name: unknown, args: unknown, id: unknown) => unknown>[] = [
  specimen("plain object", () => (name, args, id) => ({ name, arguments: args, id })),
  specimen("plain object without id", () => (name, args) => ({ name, arguments: args })),
  specimen(
    "object without prototype",
    () => (name, args, id) => Object.assign(Object.create(null) as object, { name, arguments: args, id }),
  ),
  specimen(
    "class instance with prototype getters",
    () => (name, args, id) => new CallInstance(name, args, id),
  ),
  specimen("transparent Proxy", () => (name, args, id) => new Proxy({ name, arguments: args, id }, {})),
  specimen("Proxy whose traps all throw", () => () => trapAll()),
  specimen("revoked Proxy", () => () => revokedProxy()),
  specimen(
    "throwing name getter",
    () => (_name, args) => Object.assign(throwingGetter("name"), { arguments: args }),
  ),
  specimen(
    "throwing id getter",
    () => (name, args) => Object.assign(throwingGetter("id"), { name, arguments: args }),
  ),
  specimen("throwing arguments getter", () => (name) => Object.assign(throwingGetter("arguments"), { name })),
  specimen("name getter that changes type between reads", () => unstableName),
  specimen(
    "array with name and arguments",
    () => (name, args, id) => Object.assign([], { name, arguments: args, id }),
  ),
  specimen(
    "function with the name",
    () => (name, args) => Object.assign(() => 0, { arguments_: args, tool: name }),
  ),
  specimen("the name alone", () => (name) => name),
  specimen("undefined", () => () => undefined),
  specimen("null", () => () => null),
];

/** Contexts a JavaScript caller might pass by mistake, or on purpose. */
export const HOSTILE_CONTEXTS: readonly Specimen[] = [
  specimen("a valid context", () => ({ userId: "u1", roles: ["admin"] })),
  specimen("no context", () => undefined),
  specimen("context forging signal and call", () => ({
    userId: "u1",
    roles: [],
    signal: "forged",
    call: "forged",
  })),
  specimen("context with a throwing getter", () => throwingGetter("userId")),
  specimen("context Proxy whose traps all throw", () => trapAll()),
  specimen("revoked Proxy context", () => revokedProxy()),
  specimen("context without prototype", () => Object.create(null)),
  specimen("string context", () => "u1"),
  specimen("context whose scopes getter throws", () => throwingGetter("scopes")),
  specimen("context whose scopes are a Proxy whose traps all throw", () => ({
    userId: "u1",
    scopes: trapAll(),
  })),
  specimen("context whose scopes are a string", () => ({
    userId: "u1",
    scopes: "tickets:write payments:refund",
  })),
  specimen("context whose scopes hold look-alikes", () => ({
    userId: "u1",
    scopes: [{ toString: (): string => "tickets:write" }, new String("payments:refund")],
  })),
];

/**
 * Per-call options that are not a positive time limit and an AbortSignal. Only values that must
 * still end the call promptly: a valid long limit (`Infinity`) legitimately waits for its tool.
 */
export const HOSTILE_OPTIONS: readonly Specimen[] = [
  specimen("timeoutMs NaN", () => ({ timeoutMs: Number.NaN })),
  specimen('timeoutMs "50" (a string)', () => ({ timeoutMs: "50" })),
  specimen("timeoutMs 0", () => ({ timeoutMs: 0 })),
  specimen("timeoutMs -1", () => ({ timeoutMs: -1 })),
  specimen("timeoutMs -Infinity", () => ({ timeoutMs: Number.NEGATIVE_INFINITY })),
  specimen("timeoutMs an object", () => ({ timeoutMs: { valueOf: () => 10 } })),
  specimen("timeoutMs a bigint", () => ({ timeoutMs: 10n })),
  specimen("timeoutMs null", () => ({ timeoutMs: null })),
  specimen("signal not an AbortSignal", () => ({ signal: {} })),
  specimen("signal a look-alike", () => ({
    signal: { aborted: false, addEventListener() {}, removeEventListener() {} },
  })),
  specimen("signal a string", () => ({ signal: "abort" })),
  specimen("an already aborted signal", () => ({ signal: AbortSignal.abort(new Error("gone")) })),
  specimen("a signal aborted after 5 ms with a revoked Proxy as its reason", () => ({
    signal: abortLater(revokedProxy()),
  })),
  specimen("a signal aborted after 5 ms with a symbol as its reason", () => ({
    signal: abortLater(Symbol("why")),
  })),
  specimen("options with a throwing timeoutMs getter", () => throwingGetter("timeoutMs")),
  specimen("options with a throwing signal getter", () => throwingGetter("signal")),
  specimen("options Proxy whose traps all throw", () => trapAll()),
  specimen("revoked Proxy options", () => revokedProxy()),
  specimen("options a string", () => "fast"),
  specimen("options a number", () => 5),
];

/** A signal that aborts with `reason` 5 ms from now. */
function abortLater(reason: unknown): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(reason), 5);
  return controller.signal;
}

/** Options that are not a signal, for the "refused before the tool starts" property. */
export const NOT_A_SIGNAL: readonly Specimen[] = HOSTILE_OPTIONS.filter((option) =>
  option.label.startsWith("signal "),
);

/** What `dispatchAll` may receive instead of an array of calls, or arrays that fight back. */
export const HOSTILE_BATCHES: readonly Specimen[] = [
  specimen("null", () => null),
  specimen("undefined", () => undefined),
  specimen("a string", () => "calls"),
  specimen("a plain object", () => ({ length: 2 })),
  // Not 2 ** 32 - 1: a batch that long asks for four billion calls, and any runtime runs out of memory.
  specimen("an array-like of length 1,000", () => ({ length: 1_000, 0: { name: "x" } })),
  specimen("a revoked Proxy", () => revokedProxy([])),
  specimen("a Proxy array whose traps all throw", () => trapAll([])),
  specimen("an array whose element getter throws", () =>
    Object.defineProperty([{ name: "getWeather", arguments: "{}" }, 0], 1, {
      get() {
        throw new Error("element getter");
      },
    }),
  ),
  specimen("a sparse array", () =>
    Object.assign(new Array(3), { 1: { name: "getWeather", arguments: "{}" } }),
  ),
  specimen("an array of hostile values", () => HOSTILE_VALUES.map((value) => value.make())),
  specimen(
    "a Proxy array whose length getter throws",
    () =>
      new Proxy([], {
        get(target, key) {
          if (key === "length") throw new Error("length");
          return Reflect.get(target, key);
        },
      }),
  ),
];

/** Batch options that are not a positive concurrency (besides every hostile per-call option). */
export const HOSTILE_BATCH_OPTIONS: readonly Specimen[] = [
  ...HOSTILE_OPTIONS,
  specimen("concurrency 0", () => ({ concurrency: 0 })),
  specimen("concurrency NaN", () => ({ concurrency: Number.NaN })),
  specimen("concurrency -1", () => ({ concurrency: -1 })),
  specimen('concurrency "2"', () => ({ concurrency: "2" })),
  specimen("concurrency Infinity", () => ({ concurrency: Number.POSITIVE_INFINITY })),
  specimen("concurrency 0.5", () => ({ concurrency: 0.5 })),
];
