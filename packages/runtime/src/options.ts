/** Toolset options and their defaults, resolved in one place. */
import type { AnyOutcome } from "./outcome.ts";

/** What a hook sees when a call starts. */
export interface CallEvent {
  readonly name: string;
  readonly id?: string;
  /** The arguments as received (text or value), before parsing. */
  readonly arguments: unknown;
  /** `Date.now()` when dispatch started. */
  readonly startedAt: number;
}

/** What a hook sees when a call ends. */
export interface OutcomeEvent extends CallEvent {
  readonly durationMs: number;
  /** Whether the argument text needed a lenient-parse repair (not valid JSON as sent). */
  readonly repaired: boolean;
}

/**
 * Observers of every call, for logging and tracing. They cannot change the outcome; an error a
 * hook throws (or a promise it rejects) is swallowed so that dispatch still never throws.
 */
export interface ToolsetHooks {
  /** Before anything else, even before the tool is looked up. */
  onCall?(event: CallEvent): void;
  /** With the outcome `dispatch` is about to resolve to. */
  onOutcome?(outcome: AnyOutcome, event: OutcomeEvent): void;
}

/** Options of `createToolset`. */
export interface ToolsetOptions {
  /** Default time limit per call in milliseconds (default 60_000; `Infinity` disables). */
  readonly timeoutMs?: number;
  /** Longest `content` in characters; longer text is cut with a note (default 100_000). */
  readonly maxContentLength?: number;
  /** Default concurrency of `dispatchAll` (default 8). */
  readonly concurrency?: number;
  readonly hooks?: ToolsetHooks;
}

/** {@link ToolsetOptions} with every default applied. */
export interface ResolvedToolsetOptions {
  readonly timeoutMs: number;
  readonly maxContentLength: number;
  readonly concurrency: number;
  readonly hooks: ToolsetHooks;
}

/** Applies the defaults; rejects values that would make every call fail. */
export function resolveToolsetOptions(options: ToolsetOptions = {}): ResolvedToolsetOptions {
  const resolved = {
    timeoutMs: options.timeoutMs ?? 60_000,
    maxContentLength: options.maxContentLength ?? 100_000,
    concurrency: options.concurrency ?? 8,
    hooks: options.hooks ?? {},
  };
  if (!(resolved.timeoutMs > 0))
    throw new RangeError(`timeoutMs must be positive, got ${resolved.timeoutMs}`);
  if (!(resolved.maxContentLength >= 100)) {
    throw new RangeError(`maxContentLength must be at least 100, got ${resolved.maxContentLength}`);
  }
  if (!(resolved.concurrency >= 1))
    throw new RangeError(`concurrency must be at least 1, got ${resolved.concurrency}`);
  return resolved;
}
