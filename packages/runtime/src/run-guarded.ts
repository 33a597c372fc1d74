/** Runs a tool under a time limit and the caller's abort signal, without ever rejecting. */
import { cancelDeadline, type Deadline, scheduleDeadline } from "./deadline.ts";
import { createAbortController } from "./host.ts";

/** How a guarded run ended. */
export type RunResult =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "error"; readonly thrown: unknown }
  | { readonly kind: "timeout" }
  | { readonly kind: "cancelled" };

/**
 * Calls `run`, giving it a lazily created signal that aborts when `timeoutMs` elapses (unless
 * infinite) or `outer` aborts, and reports how it ended to `done`, exactly once. A synchronous
 * result is reported at once, with no deadline and no controller. An asynchronous one is reported
 * at the first of: the tool settling, the time limit, the caller's abort; a tool that ignores its
 * signal is abandoned, its late result dropped. Taking a callback rather than returning a promise
 * saves the caller a promise per call on the hot path.
 */
export function runGuarded(
  run: (signal: () => AbortSignal) => unknown,
  timeoutMs: number,
  outer: AbortSignal | undefined,
  done: (result: RunResult) => void,
): void {
  if (outer?.aborted) {
    done({ kind: "cancelled" });
    return;
  }
  let controller: AbortController | undefined;
  let reason: unknown;
  let aborted = false;
  const abort = (why: unknown): void => {
    aborted = true;
    reason = why;
    controller?.abort(why);
  };
  const signal = (): AbortSignal => {
    if (controller === undefined) {
      controller = createAbortController();
      if (aborted) controller.abort(reason);
    }
    return controller.signal;
  };
  let result: unknown;
  try {
    result = run(signal);
  } catch (thrown) {
    done({ kind: "error", thrown });
    return;
  }
  if (!isThenable(result)) {
    done({ kind: "value", value: result });
    return;
  }
  let settled = false;
  let deadline: Deadline | undefined;
  let stopListening: (() => void) | undefined;
  const finish = (outcome: RunResult): void => {
    if (settled) return;
    settled = true;
    cancelDeadline(deadline);
    stopListening?.();
    done(outcome);
  };
  deadline = scheduleDeadline(timeoutMs, () => {
    abort(timeoutError(timeoutMs));
    finish({ kind: "timeout" });
  });
  if (outer) {
    const cancel = (): void => {
      abort(outer.reason);
      finish({ kind: "cancelled" });
    };
    // The tool's synchronous part may have aborted the signal already: then no event comes. Its
    // promise is still watched below, so that a late rejection is not left unhandled.
    if (outer.aborted) cancel();
    else stopListening = onAbortOf(outer, cancel);
  }
  try {
    result.then(
      (value) => finish({ kind: "value", value }),
      (thrown: unknown) => finish({ kind: "error", thrown }),
    );
  } catch (thrown) {
    // A thenable whose `then` throws: it failed as the tool's result.
    finish({ kind: "error", thrown });
  }
}

/** The calls waiting on each outer signal: one listener per signal, however many calls share it. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` when `signal` aborts; the returned function stops waiting. */
export function onAbortOf(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (callbacks === undefined) {
    const all = new Set<() => void>();
    waiting.set(signal, all);
    signal.addEventListener(
      "abort",
      () => {
        waiting.delete(signal);
        for (const each of all) each();
      },
      { once: true },
    );
    callbacks = all;
  }
  const own = callbacks;
  own.add(callback);
  return () => own.delete(callback);
}

/** Whether a value is a promise or promise-like (a tool may return either). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    // A `then` getter that throws, or a revoked Proxy: a plain (if odd) value.
    return false;
  }
}

/** The abort reason a timed-out tool sees, named like the platform's `AbortSignal.timeout()` reason. */
function timeoutError(timeoutMs: number): Error {
  const error = new Error(`The operation timed out after ${timeoutMs} ms.`);
  error.name = "TimeoutError";
  return error;
}
