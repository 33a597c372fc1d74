/**
 * Data protection (`@sensitive`): the values at a tool's sensitive paths are masked in every text
 * the runtime writes for the call. Masking is by value, so a value is hidden wherever it shows up:
 * in the result, in an issue, in the message a tool threw, in its JSON-escaped form.
 */

import { _object } from "./coercion.ts";
import { capContent } from "./feedback.ts";
import { isJsonObject, setOwn } from "./json.ts";
import { parseArguments } from "./lenient-json.ts";
import type { AnyOutcome, ToolError } from "./outcome.ts";
import { REDACTED, type SensitivePath } from "./sensitive.ts";
import type { ToolDefinition } from "./types.ts";

/**
 * The sensitive values of one call: every string and number found at or below a path, each in
 * every form text may hold it in. `opaque` is set when arguments held some that could not be read
 * (text that is not JSON): then no part of the argument text may be shown.
 */
export class Secrets {
  private readonly values = new Set<string>();
  private pattern: RegExp | undefined;
  opaque = false;
  /**
   * The arguments as read (parsed from text), masked: what hooks are shown. Text itself is never
   * shown, as a number may be written in it in forms its value does not give (`1e60`, `1.0`).
   */
  shown: unknown = REDACTED;

  /** Adds the values at `paths` in `value`. */
  collect(paths: readonly SensitivePath[] | undefined, value: unknown): this {
    if (paths !== undefined) for (const path of paths) this.walk(value, path, 0);
    return this;
  }

  get empty(): boolean {
    return this.values.size === 0 && !this.opaque;
  }

  private walk(value: unknown, path: SensitivePath, at: number): void {
    if (at === path.length) {
      this.leaves(value);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const step = path[at] as string;
    if (step === "*") {
      for (const item of Array.isArray(value) ? value : Object.values(value)) this.walk(item, path, at + 1);
    } else if (Object.hasOwn(value, step)) {
      this.walk((value as Record<string, unknown>)[step], path, at + 1);
    }
  }

  private leaves(value: unknown): void {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") {
      const text = String(value);
      if (text === "") return;
      this.pattern = undefined;
      this.values.add(text);
      // As a JSON string holds it, escapes and all (a quote, a backslash, a control character).
      const escaped = JSON.stringify(text).slice(1, -1);
      if (escaped !== text) this.values.add(escaped);
    } else if (typeof value === "object" && value !== null) {
      for (const item of Array.isArray(value) ? value : Object.values(value)) this.leaves(item);
    }
  }

  /** `text` with every sensitive value masked, in one pass (a mask is never masked again). */
  mask(text: string): string {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp(
      // Longest first, so that a value inside a longer one does not leave the rest of it shown.
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("|"),
      "g",
    );
    return text.replace(this.pattern, REDACTED);
  }

  /**
   * A copy of a value with every string masked and every sensitive number replaced (for hooks and
   * the arguments an approver is shown); plain data only, anything else as it is.
   */
  maskValue(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return this.mask(value);
    if (typeof value === "number" || typeof value === "bigint")
      return this.values.has(String(value)) ? REDACTED : value;
    if (typeof value !== "object" || value === null || depth > 64) return value;
    if (Array.isArray(value)) return value.map((item) => this.maskValue(item, depth + 1));
    if (!isJsonObject(value) || Object.getPrototypeOf(value) !== Object.prototype) {
      // A Date, a Map, a class instance: shown as its JSON would be, masked.
      return this.maskValue(jsonOf(value), depth + 1);
    }
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(copy, key, this.maskValue(item, depth + 1));
    return copy;
  }
}

function jsonOf(value: object): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return REDACTED;
  }
}

/**
 * The secrets in a call's arguments, read as dispatch reads them (parsed, then coerced). Text that
 * cannot be read, or is past the tool's limit, makes them opaque: none of it may be shown.
 */
export function argumentSecrets(
  tool: ToolDefinition<object>,
  raw: unknown,
  limits: { readonly maxArgumentsLength: number },
): Secrets {
  const secrets = new Secrets();
  let args: unknown = raw ?? {};
  if (typeof args === "string") {
    const parsed = args.length > limits.maxArgumentsLength ? undefined : parseArguments(args);
    if (!parsed?.ok) {
      secrets.opaque = true;
      return secrets;
    }
    args = typeof parsed.value === "string" ? _object(parsed.value) : parsed.value;
  }
  try {
    secrets.collect(tool.sensitive, args);
    if (tool.coerce !== undefined) secrets.collect(tool.sensitive, tool.coerce(args));
    secrets.shown = secrets.maskValue(args);
  } catch {
    // Arguments whose getters throw: dispatch refuses them, and nothing of them is shown.
    secrets.opaque = true;
  }
  return secrets;
}

/**
 * The outcome with every secret masked in its text (content, message, issues), then its content
 * cut to `cap`: masking first, so that a cut never leaves part of a secret.
 */
export function maskOutcome(outcome: AnyOutcome, secrets: Secrets, cap: number): AnyOutcome {
  const content = capContent(secrets.mask(outcome.content), cap);
  if (outcome.ok) return { ...outcome, content };
  const { error } = outcome;
  const masked: ToolError = {
    ...error,
    message: secrets.mask(error.message),
    ...(error.issues && {
      issues: error.issues.map((issue) => ({ ...issue, received: secrets.mask(issue.received) })),
    }),
  };
  return { ...outcome, error: masked, content };
}
