/** The toolset-wide limit on calls running at once (`maxConcurrentCalls`). */

import type { AnyOutcome } from "./outcome.ts";

/** At most `size` tasks at once; the others wait their turn, in order, unless their caller gives up. */
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
      const turn = (): void => {
        signal?.removeEventListener("abort", leave);
        resolve(this.start(task));
      };
      const leave = (): void => {
        const index = this.waiting.indexOf(turn);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(gaveUp());
      };
      this.waiting.push(turn);
      signal?.addEventListener("abort", leave, { once: true });
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
