/**
 * The few host types the runtime uses. The runtime compiles with `types: []` so that no Node or DOM API
 * sneaks in; these interfaces match the WHATWG definitions and merge with `lib.dom` or `@types/node`
 * where those are present. Constructors and timers are reached through `host.ts`, not declared here,
 * because a second `var` declaration would clash with theirs.
 */

interface AbortSignal {
  readonly aborted: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: must match lib.dom and @types/node exactly to merge.
  readonly reason: any;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

interface AbortController {
  readonly signal: AbortSignal;
  // biome-ignore lint/suspicious/noExplicitAny: must match lib.dom and @types/node exactly to merge.
  abort(reason?: any): void;
}
