/** The toolset-wide limit on calls running at once (`maxConcurrentCalls`). */

import type { AnyOutcome } from "./outcome.ts";
import { onAbortOf } from "./run-guarded.ts";

/**
 * At most `size` tasks at once; the others wait their turn, in order, unless their caller gives up.
 * A call's time limit starts when it runs, not while it waits; a call that timed out frees its slot
 * although a tool that ignores its signal may still be running.
 */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  /**
   * Runs `task` when a slot is free. A caller whose `signal` aborts while waiting gets `gaveUp()`,
   * and its task never runs. Never rejects when `task` does not.
   */
  run(
    task: () => Promise<AnyOutcome>,
    signal: AbortSignal | undefined,
    gaveUp: () => AnyOutcome,
  ): Promise<AnyOutcome> {
    if (this.running < this.size) return this.start(task);
    if (signal?.aborted) return Promise.resolve(gaveUp());
    return new Promise((resolve) => {
      let stopWaiting: (() => void) | undefined;
      const turn = (): void => {
        stopWaiting?.();
        resolve(this.start(task));
      };
      this.waiting.push(turn);
      // One listener per signal, however many calls wait on it (as for running calls).
      if (signal !== undefined)
        stopWaiting = onAbortOf(signal, () => {
          const index = this.waiting.indexOf(turn);
          if (index >= 0) this.waiting.splice(index, 1);
          resolve(gaveUp());
        });
    });
  }

  private async start(task: () => Promise<AnyOutcome>): Promise<AnyOutcome> {
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
