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

/** Calls `callback` after `ms` milliseconds; the returned function cancels the timer. */
export function startTimer(ms: number, callback: () => void): () => void {
  const handle = host.setTimeout(callback, ms);
  return () => host.clearTimeout(handle);
}
