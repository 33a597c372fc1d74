/** Toolset options and their defaults, resolved in one place. */

import { bothRules } from "./access.ts";
import { kindOf } from "./json.ts";
import type { AnyOutcome } from "./outcome.ts";
import type { ToolDefinition } from "./types.ts";

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

/** Options of `createToolset` and `toolset.with()`. */
export interface ToolsetOptions {
  /** Default time limit per call in milliseconds (default 60_000; `Infinity` disables). */
  readonly timeoutMs?: number;
  /** Longest `content` in characters; longer text is cut with a note (default 100_000). */
  readonly maxContentLength?: number;
  /** Default concurrency of `dispatchAll` (default 8). */
  readonly concurrency?: number;
  /**
   * Deepest nesting of objects and arrays accepted in the arguments of a tool with recursive types
   * (default 64); deeper arguments are a `limit_exceeded` outcome. Other tools' schemas bound depth.
   */
  readonly maxDepth?: number;
  /** Longest argument text in characters (default 1_000_000); longer is a `limit_exceeded` outcome. */
  readonly maxArgumentsLength?: number;
  readonly hooks?: ToolsetHooks;
  /**
   * Who may see and call each tool, beyond its `@scope` tags: a rule of the tool and the caller's
   * context (a tenant, a feature flag). A tool it does not answer `true` for (or throws for) is
   * hidden from that caller, as a tool without its scopes is.
   */
  readonly allow?: AllowRule | undefined;
}

/** The `allow` option: whether the caller with context `ctx` may see and call `tool`. */
export type AllowRule = (tool: ToolDefinition<never>, ctx: object | undefined) => boolean;

/** The limits on what a call may send. */
export interface Limits {
  readonly maxDepth: number;
  readonly maxArgumentsLength: number;
}

/** {@link ToolsetOptions} with every default applied. */
export interface ResolvedToolsetOptions {
  readonly timeoutMs: number;
  readonly maxContentLength: number;
  readonly concurrency: number;
  readonly limits: Limits;
  readonly hooks: ToolsetHooks;
  readonly allow: AllowRule | undefined;
}

/** The defaults, in one place (the README lists them). */
export const DEFAULTS = {
  timeoutMs: 60_000,
  maxContentLength: 100_000,
  concurrency: 8,
  maxDepth: 64,
  maxArgumentsLength: 1_000_000,
} as const;

/**
 * Why `value` cannot be the numeric option `name` (it must be at least `min`), or undefined when it
 * can. One wording for the toolset's options, a call's and a batch's.
 */
export function numberProblem(name: string, value: unknown, min: number): string | undefined {
  if (typeof value === "number" && value >= min) return undefined;
  const wanted =
    name === "timeoutMs"
      ? "a positive number of milliseconds (Infinity for none)"
      : `a number of at least ${min}`;
  return `${name} must be ${wanted}, got ${shownValue(value)}`;
}

/** A value as an option's error message shows it: short strings quoted, numbers as written, else its kind. */
function shownValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 100));
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return kindOf(value);
}

function allowRule(rule: unknown): AllowRule | undefined {
  if (rule === undefined || typeof rule === "function") return rule as AllowRule | undefined;
  throw new RangeError(`allow must be a function (tool, ctx) => boolean, got ${shownValue(rule)}`);
}

/** The least time limit: any positive number of milliseconds. */
export const MIN_TIMEOUT_MS: number = Number.MIN_VALUE;

/**
 * Applies the defaults over `base` (the options already in force); throws a RangeError for a value
 * that would make every call fail or never end, at set-up time rather than per call.
 */
export function resolveToolsetOptions(
  options: ToolsetOptions = {},
  base?: ResolvedToolsetOptions,
): ResolvedToolsetOptions {
  const number = (name: keyof typeof DEFAULTS, min: number, fallback: number): number => {
    const value = options[name] ?? fallback;
    const problem = numberProblem(name, value, min);
    if (problem !== undefined) throw new RangeError(problem);
    return value;
  };
  const timeoutMs = number("timeoutMs", MIN_TIMEOUT_MS, base?.timeoutMs ?? DEFAULTS.timeoutMs);
  return {
    timeoutMs,
    maxContentLength: number("maxContentLength", 100, base?.maxContentLength ?? DEFAULTS.maxContentLength),
    concurrency: number("concurrency", 1, base?.concurrency ?? DEFAULTS.concurrency),
    limits: {
      maxDepth: number("maxDepth", 1, base?.limits.maxDepth ?? DEFAULTS.maxDepth),
      maxArgumentsLength: number(
        "maxArgumentsLength",
        2,
        base?.limits.maxArgumentsLength ?? DEFAULTS.maxArgumentsLength,
      ),
    },
    hooks: options.hooks ?? base?.hooks ?? {},
    // A rule given here adds to the one in force: `with({ allow })` never lifts a restriction.
    allow: bothRules(base?.allow, allowRule(options.allow)),
  };
}
