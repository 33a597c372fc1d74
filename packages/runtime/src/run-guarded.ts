/** Runs a tool under a time limit and the caller's abort signal, without ever rejecting. */
import { createAbortController, startTimer } from "./host.ts";

// Timers overflow above 2^31 - 1 ms and would fire at once; a longer limit is no limit.
const MAX_TIMER_MS = 2_147_483_647;

/** How a guarded run ended. */
export type RunResult =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "error"; readonly thrown: unknown }
  | { readonly kind: "timeout" }
  | { readonly kind: "cancelled" };

/**
 * Calls `run` with a signal that aborts when `timeoutMs` elapses (unless infinite) or `outer`
 * aborts. The result settles at that moment: a tool that ignores its signal is abandoned, not
 * awaited, and its late result or rejection is dropped.
 */
export function runGuarded(
  run: (signal: AbortSignal) => unknown,
  timeoutMs: number,
  outer: AbortSignal | undefined,
): Promise<RunResult> {
  const controller = createAbortController();
  return new Promise<RunResult>((resolve) => {
    let settled = false;
    const finish = (result: RunResult): void => {
      if (settled) return;
      settled = true;
      stopTimer();
      outer?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const onAbort = (): void => {
      controller.abort(outer?.reason);
      finish({ kind: "cancelled" });
    };
    const stopTimer =
      timeoutMs <= MAX_TIMER_MS
        ? startTimer(timeoutMs, () => {
            controller.abort(timeoutError(timeoutMs));
            finish({ kind: "timeout" });
          })
        : () => {};
    if (outer?.aborted) return onAbort();
    outer?.addEventListener("abort", onAbort, { once: true });
    try {
      Promise.resolve(run(controller.signal)).then(
        (value) => finish({ kind: "value", value }),
        (thrown: unknown) => finish({ kind: "error", thrown }),
      );
    } catch (thrown) {
      finish({ kind: "error", thrown });
    }
  });
}

/** The abort reason a timed-out tool sees, named like the platform's `AbortSignal.timeout()` reason. */
function timeoutError(timeoutMs: number): Error {
  const error = new Error(`The operation timed out after ${timeoutMs} ms.`);
  error.name = "TimeoutError";
  return error;
}
