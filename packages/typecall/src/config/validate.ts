/**
 * Checks a loaded configuration against {@link TypecallConfig}, one small check per key, so that a
 * mistake is named with its key and the value expected: `dialects[1] must be one of json-schema,
 * openai, ..., got "claude"`.
 */
import { TOOL_NAMINGS } from "../analyze/naming.ts";
import { codes } from "../diagnostics/codes.ts";
import { DIALECT_NAMES, STRICT_DIALECTS, STRICT_MODES } from "../emit/dialects/index.ts";
import { closestName } from "../suggest.ts";
import type { TypecallConfig } from "./define.ts";

/** Why a value at `at` (`dialects[1]`) does not fit, or undefined when it does. */
type Check = (value: unknown, at: string) => string | undefined;

const LEVELS = ["error", "warning", "off"] as const;

/** One check per key, in the order messages list the keys. */
const CHECKS: { readonly [K in keyof Required<TypecallConfig>]: Check } = {
  entries: (value, at) =>
    typeof value === "string"
      ? nonEmptyString(value, at)
      : listOf(nonEmptyString, "paths or patterns")(value, at),
  out: nonEmptyString,
  dialects: listOf(oneOf(DIALECT_NAMES), "dialect names"),
  strict: recordOf(STRICT_DIALECTS, "a dialect with a strict mode", oneOf(STRICT_MODES)),
  naming: oneOf(TOOL_NAMINGS),
  severity: recordOf(Object.keys(codes), "a diagnostic code (see docs/diagnostics.md)", oneOf(LEVELS)),
  tsconfig: nonEmptyString,
  allowAny: (value, at) =>
    typeof value === "boolean" ? undefined : `${at} must be true or false, got ${shown(value)}`,
};

/** The keys a configuration may have. */
export const CONFIG_KEYS: readonly string[] = Object.keys(CHECKS);

/**
 * Every problem of `value` as a configuration, each naming its key; none when it is one. `own` are
 * keys the caller takes besides (the plugin's `config`) and checks itself.
 */
export function configProblems(value: unknown, own: readonly string[] = []): string[] {
  if (!isObject(value))
    return [
      `must export its configuration as default (export default defineConfig({ ... })), got ${shown(value)}`,
    ];
  const known = [...CONFIG_KEYS, ...own];
  return Object.entries(value).flatMap(([key, item]) => {
    if (own.includes(key)) return [];
    const check = Object.hasOwn(CHECKS, key) ? CHECKS[key as keyof TypecallConfig] : undefined;
    if (!check) {
      const hint = didYouMean(key, known);
      const keys = known.join(", ");
      return [`unknown key "${key}"${hint ? `${hint} The keys are ${keys}` : `; the keys are ${keys}`}`];
    }
    // An absent optional value, as a spread of `cond && {...}` leaves it.
    if (item === undefined) return [];
    return check(item, key) ?? [];
  });
}

function nonEmptyString(value: unknown, at: string): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return undefined;
  return `${at} must be a path (a non-empty string), got ${shown(value)}`;
}

function oneOf(allowed: readonly string[]): Check {
  return (value, at) => {
    if (typeof value === "string" && allowed.includes(value)) return undefined;
    const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
    return `${at} must be one of ${allowed.join(", ")}, got ${shown(value)}${hint}`;
  };
}

function listOf(item: Check, what: string): Check {
  return (value, at) => {
    if (!Array.isArray(value)) return `${at} must be a list of ${what}, got ${shown(value)}`;
    for (const [i, element] of value.entries()) {
      const problem = item(element, `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An object whose keys are some of `keys` (`what` is one of them in words), each value checked by `item`. */
function recordOf(keys: readonly string[], what: string, item: Check): Check {
  return (value, at) => {
    if (!isObject(value)) return `${at} must be an object, got ${shown(value)}`;
    for (const [key, element] of Object.entries(value)) {
      if (!keys.includes(key)) {
        // A short list is worth reading in full; the codes are in the docs.
        const hint = didYouMean(key, keys);
        const those = keys.length > 12 ? "" : `${hint ? " Those are" : "; those are"} ${keys.join(", ")}`;
        return `${at}: "${key}" is not ${what}${hint}${those}`;
      }
      const problem = item(element, `${at}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** `; did you mean "dialects"?` when one of `known` is a likely spelling of `name`, else nothing. */
function didYouMean(name: string, known: readonly string[]): string {
  const close = closestName(name, known);
  return close === undefined ? "" : `; did you mean "${close}"?`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as a message quotes it: JSON for plain values, its kind for the rest. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "function") return "a function";
  if (value === undefined) return "undefined";
  if (typeof value === "object" && value !== null) return "an object";
  if (typeof value === "bigint") return `${value}n`;
  return JSON.stringify(value) ?? String(value);
}
