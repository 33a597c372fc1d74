/**
 * Host APIs every JavaScript runtime the package targets provides (browsers, Node >= 20, Deno, Bun,
 * workers), reached through `globalThis` so the package needs no ambient `var` declarations.
 */

interface Host {
  readonly AbortController: new () => AbortController;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const host = globalThis as unknown as Host;

/** Creates an `AbortController` of the host. */
export function createAbortController(): AbortController {
  return new host.AbortController();
}

/** A running timer: it can be cancelled, and told whether it alone may keep the process alive. */
export interface Timer {
  stop(): void;
  /** Whether the host (Node, Bun, Deno) stays alive for this timer; browsers ignore it. */
  keepAlive(alive: boolean): void;
}

/** Calls `callback` after `ms` milliseconds. */
export function startTimer(ms: number, callback: () => void): Timer {
  const handle = host.setTimeout(callback, ms) as { ref?: () => void; unref?: () => void } | undefined;
  return {
    stop: () => host.clearTimeout(handle),
    keepAlive: (alive) => (alive ? handle?.ref?.() : handle?.unref?.()),
  };
}
