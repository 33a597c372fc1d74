/**
 * Watching calls from outside, so that a broken dispatcher is counted rather than hanging or
 * crashing the watcher: a watchdog per call, a recorder of unhandled rejections and process
 * warnings, and a probe of the built-in prototypes.
 */
import { describe } from "./outcome-shape.ts";

/** How a watched call ended. */
export type Verdict = "answered" | "threw" | "not-a-promise" | "rejected" | "unsettled" | "malformed";

/** What {@link watchCall} saw. */
export interface Watched {
  readonly verdict: Verdict;
  /** What went wrong, for every verdict but `answered`. */
  readonly detail?: string;
  /** What the promise resolved to. */
  readonly value?: unknown;
  /** Time spent inside the call before it returned (the event loop was blocked that long). */
  readonly syncMs: number;
  /** Time until the promise settled (the watchdog's limit when it did not). */
  readonly totalMs: number;
}

/**
 * Calls `invoke` (a `dispatch` or `dispatchAll`) and waits at most `waitMs` for its promise.
 * `check` says what is wrong with the resolved value, if anything.
 */
export async function watchCall(
  invoke: () => unknown,
  waitMs: number,
  check: (value: unknown) => string | undefined,
): Promise<Watched> {
  const start = performance.now();
  let returned: unknown;
  try {
    returned = invoke();
  } catch (error) {
    const ms = performance.now() - start;
    return { verdict: "threw", detail: `threw synchronously: ${describe(error)}`, syncMs: ms, totalMs: ms };
  }
  const syncMs = performance.now() - start;
  if (!(returned instanceof Promise))
    return { verdict: "not-a-promise", detail: `returned ${describe(returned)}`, syncMs, totalMs: syncMs };
  const settled = await settleWithin(returned, waitMs);
  const totalMs = performance.now() - start;
  if (settled.state === "pending")
    return { verdict: "unsettled", detail: `still pending after ${waitMs} ms`, syncMs, totalMs };
  if (settled.state === "rejected")
    return { verdict: "rejected", detail: `rejected: ${describe(settled.reason)}`, syncMs, totalMs };
  const problem = check(settled.value);
  if (problem !== undefined)
    return { verdict: "malformed", detail: problem, value: settled.value, syncMs, totalMs };
  return { verdict: "answered", value: settled.value, syncMs, totalMs };
}

type Settled =
  | { readonly state: "resolved"; readonly value: unknown }
  | { readonly state: "rejected"; readonly reason: unknown }
  | { readonly state: "pending" };

/** How `promise` settled within `ms`, or `pending`. The watchdog timer is cleared either way. */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<Settled> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ state: "pending" }), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ state: "resolved", value });
      },
      (reason: unknown) => {
        clearTimeout(timer);
        resolve({ state: "rejected", reason });
      },
    );
  });
}

/** Lets queued rejections be reported: Node emits `unhandledRejection` after the microtask queue drains. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What the process reported while a {@link ProcessRecorder} listened. */
export interface ProcessRecorder {
  readonly unhandled: string[];
  /** Exceptions thrown where nothing could catch them (a timer callback, an event listener). */
  readonly uncaught: string[];
  /** Warnings raised from the runtime's code (or from nowhere a stack names). */
  readonly warnings: string[];
  /** Warnings raised by a tool's own code (a `setTimeout` of a model-chosen length): not the runtime's. */
  readonly toolWarnings: string[];
  /** Stops listening and gives back any listeners taken over. */
  stop(): void;
}

const EVENTS = ["unhandledRejection", "uncaughtException", "warning"] as const;

/**
 * Listens for unhandled rejections, uncaught exceptions and process warnings; an uncaught exception
 * is recorded instead of ending the process. With `exclusive`, the listeners already there (a test
 * runner's, Node's printer of warnings) are detached until `stop`, so that each event is reported
 * once, here.
 */
export function recordProcess({ exclusive = false }: { exclusive?: boolean } = {}): ProcessRecorder {
  // One cast for the three events: @types/node types `process.listeners` one event name at a time.
  const listenersOf = (event: string) =>
    process.listeners(event as "warning") as ((...args: never[]) => void)[];
  const taken = EVENTS.map((event) => [event, exclusive ? listenersOf(event) : []] as const);
  for (const [event, listeners] of taken)
    for (const listener of listeners) process.off(event, listener as never);
  const recorder = {
    unhandled: [] as string[],
    uncaught: [] as string[],
    warnings: [] as string[],
    toolWarnings: [] as string[],
  };
  const listeners = {
    unhandledRejection: (reason: unknown) => void recorder.unhandled.push(describe(reason)),
    uncaughtException: (error: unknown) => void recorder.uncaught.push(describe(error)),
    warning: (warning: Error) =>
      void (raisedByTool(warning) ? recorder.toolWarnings : recorder.warnings).push(
        `${warning.name}: ${warning.message}`,
      ),
  };
  for (const event of EVENTS) process.on(event as "warning", listeners[event] as () => void);
  return {
    ...recorder,
    stop() {
      for (const event of EVENTS) process.off(event as "warning", listeners[event] as () => void);
      for (const [event, list] of taken) for (const listener of list) process.on(event, listener as never);
    },
  };
}

/** Whether the first frame of a warning's stack outside Node itself is outside the runtime. */
function raisedByTool(warning: Error): boolean {
  // The message may span lines: frames are the lines that start with "at".
  const frames = (warning.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const first = frames.find((frame) => !frame.includes("node:"));
  return first !== undefined && !/packages[\\/]runtime[\\/]/.test(first);
}

/** Checks the built-in prototypes for keys added, removed or replaced since it was made. */
export interface PollutionProbe {
  /**
   * What changed since the snapshot (`Object.prototype.polluted added`), undone before returning.
   * Keys are compared on every check; with `deep`, the properties' values and accessors too.
   */
  check(options?: { deep?: boolean }): string[];
}

const WATCHED: readonly [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
];

/** Snapshots the built-in prototypes' own properties now. */
export function createPollutionProbe(): PollutionProbe {
  const snapshots = WATCHED.map(([label, target]) => {
    const keys = Reflect.ownKeys(target);
    return {
      label,
      target,
      keys,
      known: new Set(keys),
      descriptors: Object.getOwnPropertyDescriptors(target),
    };
  });
  return {
    check({ deep = true } = {}) {
      const changes: string[] = [];
      for (const { label, target, keys, known, descriptors } of snapshots) {
        const now = Reflect.ownKeys(target);
        const restore = (key: string | symbol) =>
          Object.defineProperty(target, key, descriptors[key as string] as PropertyDescriptor);
        if (now.length !== keys.length || now.some((key) => !known.has(key))) {
          const present = new Set(now);
          for (const key of now.filter((key) => !known.has(key))) {
            changes.push(`${label}.${String(key)} added`);
            Reflect.deleteProperty(target, key);
          }
          for (const key of keys.filter((key) => !present.has(key))) {
            changes.push(`${label}.${String(key)} removed`);
            restore(key);
          }
        }
        if (!deep) continue;
        for (const key of keys) {
          if (sameDescriptor(Object.getOwnPropertyDescriptor(target, key), descriptors[key as string]))
            continue;
          changes.push(`${label}.${String(key)} replaced`);
          restore(key);
        }
      }
      return changes;
    },
  };
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  return a?.value === b?.value && a?.get === b?.get && a?.set === b?.set;
}
