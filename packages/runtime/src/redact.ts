/**
 * Data protection (`@sensitive`): the values at a tool's sensitive paths are masked in every text
 * the runtime writes for the call. Masking is by value, so a value is hidden wherever it shows up:
 * in the result, in an issue, in the message a tool threw, in its JSON-escaped form.
 */

import { _object } from "./coercion.ts";
import { capContent, resultContent } from "./feedback.ts";
import { isJsonObject, setOwn } from "./json.ts";
import { parseArguments } from "./lenient-json.ts";
import type { AnyOutcome, ToolError } from "./outcome.ts";
import { hasSensitive, REDACTED, type SensitivePath } from "./sensitive.ts";
import type { JsonSchema, ToolDefinition } from "./types.ts";

/** Most distinct sensitive values one call masks one by one; past it, every text of the call is withheld. */
export const MAX_SECRETS = 100;

/** Most nodes read under sensitive paths; a value larger than that is withheld whole, as too many secrets are. */
const MAX_NODES = 100_000;

/** What a text of a call with too many sensitive values reads as. */
export const WITHHELD = "[redacted: the call holds too many sensitive values to show any of its text]";

/**
 * The sensitive values of one call: every string and number found at or below a path, each in
 * every form text may hold it in. `opaque` is set when arguments held some that could not be read
 * (text that is not JSON): then no part of the argument text may be shown. Past {@link MAX_SECRETS}
 * values, masking one by one would cost too much: every text of the call is then withheld.
 */
export class Secrets {
  private readonly values = new Set<string>();
  private sorted: string[] | undefined;
  private nodes = 0;
  opaque = false;
  /** Set past {@link MAX_SECRETS} values (or {@link MAX_NODES} nodes): nothing of the call is shown. */
  overflow = false;
  /**
   * The arguments as read (parsed from text), masked: what hooks are shown. Text itself is never
   * shown, as a number may be written in it in forms its value does not give (`1e60`, `1.0`).
   */
  shown: unknown = REDACTED;

  /**
   * Adds the values at `paths` in `value`. With the arguments' `schema`, a key the schema does not
   * know beside a sensitive one (`card_number` for `number`) is taken for a misspelt sensitive key:
   * its values are secrets too.
   */
  collect(paths: readonly SensitivePath[] | undefined, value: unknown, schema?: JsonSchema): this {
    if (paths !== undefined) for (const path of paths) this.walk(value, path, 0, schema);
    return this;
  }

  private walk(value: unknown, path: SensitivePath, at: number, schema: JsonSchema | undefined): void {
    if (this.overflow) return;
    if (at === path.length) {
      this.leaves(value);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const step = path[at] as string;
    if (schema !== undefined && at === path.length - 1 && step !== "*" && !Array.isArray(value)) {
      const known = knownKeys(schema, path.slice(0, at));
      if (known !== undefined)
        for (const key of Object.keys(value))
          if (!known.has(key)) this.leaves((value as Record<string, unknown>)[key]);
    }
    if (step === "*") {
      for (const item of Array.isArray(value) ? value : Object.values(value)) {
        if (++this.nodes > MAX_NODES) this.overflow = true;
        this.walk(item, path, at + 1, schema);
      }
    } else if (Object.hasOwn(value, step)) {
      this.walk((value as Record<string, unknown>)[step], path, at + 1, schema);
    }
  }

  /** Every string and number in `value`, read without recursion (it may be nested deeply). */
  private leaves(value: unknown): void {
    const stack = [value];
    for (let item = stack.pop(); stack.length > 0 || item !== undefined; item = stack.pop()) {
      if (++this.nodes > MAX_NODES) this.overflow = true;
      if (this.overflow) return;
      if (typeof item === "string" || typeof item === "number" || typeof item === "bigint")
        this.add(String(item));
      else if (typeof item === "object" && item !== null)
        for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push(child);
    }
  }

  private add(text: string): void {
    if (text === "" || this.values.has(text)) return;
    this.sorted = undefined;
    this.values.add(text);
    // As a JSON string holds it, escapes and all (a quote, a backslash, a control character), and
    // as JSON inside a JSON string does (a value that holds JSON text, serialised again).
    const escaped = JSON.stringify(text).slice(1, -1);
    if (escaped !== text) {
      this.values.add(escaped);
      this.values.add(JSON.stringify(escaped).slice(1, -1));
    }
    if (this.values.size > 3 * MAX_SECRETS) this.overflow = true;
  }

  /**
   * `text` with every sensitive value masked: the characters of every occurrence are covered, and
   * each run of covered characters becomes one mask, so a mask is never masked again and two values
   * that overlap leave nothing of either. Each value costs one scan of the text (of at most 64
   * comparisons a position for a short one).
   */
  mask(text: string): string {
    if (this.overflow) return text === "" ? text : WITHHELD;
    if (this.values.size === 0 || text === "") return text;
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    let covered: Uint8Array | undefined;
    for (const value of this.sorted) {
      // A short value is looked for at every position, so that overlapping copies ("1212" in
      // "121212") leave nothing; a long one after each copy, which keeps the scan linear.
      const step = value.length <= 64 ? 1 : value.length;
      let end = 0;
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + step)) {
        covered ??= new Uint8Array(text.length);
        covered.fill(1, Math.max(at, end), at + value.length);
        end = at + value.length;
      }
    }
    if (covered === undefined) return text;
    let masked = "";
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      if (covered[i] !== 1) continue;
      masked += `${text.slice(from, i)}${REDACTED}`;
      while (i < text.length && covered[i] === 1) i++;
      from = i;
    }
    return masked + text.slice(from);
  }

  /**
   * The outcome with every secret masked in its text (content, message, issues), then its content
   * cut to `cap`: masking first, so that a cut never leaves part of a secret.
   */
  maskOutcome(outcome: AnyOutcome, cap: number): AnyOutcome {
    const content = capContent(this.mask(outcome.content), cap);
    if (outcome.ok) return { ...outcome, content };
    const { error } = outcome;
    const masked: ToolError = {
      ...error,
      message: this.mask(error.message),
      ...(error.issues && {
        issues: error.issues.map((issue) => ({ ...issue, received: this.mask(issue.received) })),
      }),
    };
    return { ...outcome, error: masked, content };
  }

  /**
   * A copy of a value with every string masked and every sensitive number replaced (for hooks and
   * the arguments an approver is shown); plain data only. What is nested deeper than it reads is
   * withheld whole.
   */
  maskValue(value: unknown, depth = 0): unknown {
    if (typeof value === "string") return this.mask(value);
    if (typeof value === "number" || typeof value === "bigint")
      return this.overflow || this.values.has(String(value)) ? REDACTED : value;
    if (typeof value !== "object" || value === null) return value;
    if (depth > 64) return REDACTED;
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
    const schema = tool.schemas["json-schema"];
    secrets.collect(tool.sensitive, args, schema);
    if (tool.coerce !== undefined) secrets.collect(tool.sensitive, tool.coerce(args), schema);
    secrets.shown = secrets.maskValue(args);
  } catch {
    // Arguments whose getters throw: dispatch refuses them, and nothing of them is shown.
    secrets.opaque = true;
  }
  return secrets;
}

/**
 * The content of a tool's value, as dispatch writes it: its secrets (from the arguments and the
 * result) masked, then cut to `cap`. For adapters that write a value's content again (the AI SDK's
 * `toModelOutput`).
 */
export function valueContentOf(
  tool: ToolDefinition<never>,
  args: unknown,
  value: unknown,
  cap: number,
): string {
  const content = resultContent(value);
  if (!hasSensitive(tool)) return capContent(content, cap);
  try {
    const secrets = new Secrets()
      .collect(tool.sensitive, args, tool.schemas["json-schema"])
      .collect(tool.sensitiveResult, value);
    return capContent(secrets.mask(content), cap);
  } catch {
    return WITHHELD;
  }
}

/**
 * The property names an object at `steps` may hold, from the schema (through `$ref`, `anyOf`,
 * `oneOf`, `allOf`); undefined when it may hold any (free keys, a schema it cannot follow).
 */
export function knownKeys(schema: JsonSchema, steps: readonly string[]): Set<string> | undefined {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const expand = (list: readonly unknown[]): JsonSchema[] => {
    const out: JsonSchema[] = [];
    const stack = [...list];
    for (let guard = 0; stack.length > 0 && guard < 1000; guard++) {
      const node = stack.pop();
      if (typeof node !== "object" || node === null) continue;
      const s = node as JsonSchema;
      const ref = typeof s.$ref === "string" ? /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1] : undefined;
      if (ref !== undefined) stack.push(defs[decodeURIComponent(ref)]);
      for (const key of ["anyOf", "oneOf", "allOf"])
        if (Array.isArray(s[key])) stack.push(...(s[key] as unknown[]));
      out.push(s);
    }
    return out;
  };
  let current = expand([schema]);
  for (const step of steps) {
    const next: unknown[] = [];
    for (const s of current) {
      if (step === "*") {
        next.push(s.items, s.additionalProperties);
        if (Array.isArray(s.prefixItems)) next.push(...s.prefixItems);
      } else {
        next.push((s.properties as Record<string, unknown> | undefined)?.[step]);
        if (typeof s.additionalProperties === "object") next.push(s.additionalProperties);
      }
    }
    current = expand(next);
  }
  const objects = current.filter((s) => s.type === "object" || s.properties !== undefined);
  if (objects.length === 0 || objects.some((s) => s.additionalProperties !== false)) return undefined;
  return new Set(objects.flatMap((s) => Object.keys((s.properties ?? {}) as object)));
}
