/** Toolset options and their defaults, resolved in one place. */

import { bothRules } from "./access.ts";
import type { ApprovalStore } from "./approval.ts";
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
  /**
   * The secret that signs approval tokens (`@approval`), at least 32 characters: every instance
   * with the same secret can resume a token. Without it, a tool that needs approval is refused.
   */
  readonly approvalSecret?: string | undefined;
  /** How long an approval token can be used, in milliseconds (default 900_000, 15 minutes). */
  readonly approvalExpiryMs?: number;
  /** Where used approval tokens are remembered (default: in this process's memory). */
  readonly approvalStore?: ApprovalStore;
  /** Who asks, as a token records it (a user id): shown with the approval. Default: nobody is recorded. */
  readonly approvalSubject?: ((ctx: object | undefined) => string | undefined) | undefined;
  /** Most tool calls running at once in the whole toolset, every batch and caller together (default: no limit). */
  readonly maxConcurrentCalls?: number;
}

/** The `allow` option: whether the caller with context `ctx` may see and call `tool`. */
export type AllowRule = (tool: ToolDefinition<never>, ctx: object | undefined) => boolean;

/**
 * How approval tokens are made and decided. The secret is not a property: `toolset.options` may be
 * logged, and must not show it.
 */
export interface ApprovalSettings {
  readonly expiryMs: number;
  /** The store given; the in-memory one when undefined. */
  readonly store: ApprovalStore | undefined;
}

const secrets = new WeakMap<ApprovalSettings, string>();

/** The secret of approval settings. */
export function secretOf(settings: ApprovalSettings): string {
  return secrets.get(settings) as string;
}

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
  /** Approval tokens: set when `approvalSecret` is. */
  readonly approvals: ApprovalSettings | undefined;
  readonly approvalSubject: ((ctx: object | undefined) => string | undefined) | undefined;
  readonly maxConcurrentCalls: number;
}

/** The defaults, in one place (the README lists them). */
export const DEFAULTS = {
  timeoutMs: 60_000,
  maxContentLength: 100_000,
  concurrency: 8,
  maxDepth: 64,
  maxArgumentsLength: 1_000_000,
  approvalExpiryMs: 900_000,
} as const;

/** The options of a number of at least some minimum: those with a default, and `maxConcurrentCalls` (no limit by default). */
type NumberOption = keyof typeof DEFAULTS | "maxConcurrentCalls";

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

function allowRule(rule: AllowRule | undefined): AllowRule | undefined {
  return functionOption("allow", rule, "(tool, ctx) => boolean");
}

function functionOption<F>(name: string, value: F, shape = "(ctx) => string"): F | undefined {
  if (value === undefined || typeof value === "function") return value;
  throw new RangeError(`${name} must be a function ${shape}, got ${shownValue(value)}`);
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
  const number = (name: NumberOption, min: number, fallback: number): number => {
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
    approvals: approvalSettings(options, base, number),
    approvalSubject: functionOption("approvalSubject", options.approvalSubject) ?? base?.approvalSubject,
    maxConcurrentCalls: number("maxConcurrentCalls", 1, base?.maxConcurrentCalls ?? Number.POSITIVE_INFINITY),
  };
}

/** The approval settings: new when any of their options is given, else those in force. */
function approvalSettings(
  options: ToolsetOptions,
  base: ResolvedToolsetOptions | undefined,
  number: (name: NumberOption, min: number, fallback: number) => number,
): ApprovalSettings | undefined {
  const { approvalSecret, approvalStore } = options;
  if (approvalSecret === undefined && approvalStore === undefined && options.approvalExpiryMs === undefined)
    return base?.approvals;
  if (approvalSecret !== undefined && (typeof approvalSecret !== "string" || approvalSecret.length < 32))
    throw new RangeError(
      `approvalSecret must be a string of at least 32 characters, got ${typeof approvalSecret === "string" ? `${approvalSecret.length} characters` : kindOf(approvalSecret)}`,
    );
  if (
    approvalStore !== undefined &&
    typeof (approvalStore as { claim?: unknown } | null)?.claim !== "function"
  )
    throw new RangeError(
      `approvalStore must have a claim(id, expiresAt) method, got ${shownValue(approvalStore)}`,
    );
  const secret = approvalSecret ?? (base?.approvals && secretOf(base.approvals));
  if (secret === undefined) throw new RangeError("approvalExpiryMs and approvalStore need approvalSecret");
  const settings: ApprovalSettings = {
    expiryMs: number("approvalExpiryMs", 1, base?.approvals?.expiryMs ?? DEFAULTS.approvalExpiryMs),
    store: approvalStore ?? base?.approvals?.store,
  };
  secrets.set(settings, secret);
  return settings;
}
