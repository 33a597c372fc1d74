/**
 * Helpers that generated validators and coercers call at runtime (`@typecall/runtime/internal`).
 * Not for application code: names start with `_`, and only the compiler's output calls them (and
 * the compiler itself, where it must say what the runtime does: `_joinKey`, `_mcpOutputSchema`).
 */
import type { ValidatorError, ValidatorResult } from "./types.ts";

export {
  _array,
  _boolean,
  _copy,
  _default,
  _entries,
  _integer,
  _number,
  _numberIn,
  _object,
  _optional,
  _others,
  _othersFit,
  _positions,
  _prop,
  _union,
  type UnionMember,
} from "./coercion.ts";
export { mcpOutputSchema as _mcpOutputSchema } from "./dialects.ts";
export { isJsonObject as _isObject } from "./json.ts";
export { _begin, _fits, _is } from "./memo.ts";

/**
 * A validator path extended by a property key, as JavaScript would write the access: `city` at the
 * top, `guests[0].email` below it, `filter["my key"]` for a key that is not an identifier. The one
 * spelling of issue paths: the compiler folds it into constant paths, generated validators call it
 * for keys only known at run time.
 */
export function _joinKey(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** What a generated checker returns: the issues found, with paths relative to the value it checked. */
type Issues = ValidatorError[] | undefined;

/** Records one failure; the list is created on the first one, so a valid value allocates nothing. */
export function _fail(issues: Issues, path: string, expected: string, value: unknown): ValidatorError[] {
  const list = issues ?? [];
  list.push({ path, expected, value });
  return list;
}

/**
 * Adds the issues a checker found in a nested value (paths relative to it: `$`, `email`, `[0]`)
 * under that value's path: `base`, then `step` when given (an index `[i]`, or a key). The path is
 * only built when there is an issue, so a valid value costs a comparison.
 */
export function _nest(issues: Issues, inner: Issues, base: string, step?: number | string): Issues {
  if (inner === undefined) return issues;
  const at = step === undefined ? base : typeof step === "number" ? `${base}[${step}]` : _joinKey(base, step);
  const list = issues ?? [];
  for (const issue of inner) {
    const { path } = issue;
    const full =
      path === "$" ? at || "$" : at === "" || path.startsWith("[") ? `${at}${path}` : `${at}.${path}`;
    list.push({ path: full, expected: issue.expected, value: issue.value });
  }
  return list;
}

/**
 * Reports each enumerable key of `value` that is not one of `known` (the properties its object type
 * declares), at `base` joined with the key: the loop every generated object check shares.
 */
export function _unknownKeys(issues: Issues, value: object, base: string, known: readonly string[]): Issues {
  let list = issues;
  for (const key in value)
    if (!known.includes(key))
      list = _fail(list, _joinKey(base, key), "undefined", (value as Record<string, unknown>)[key]);
  return list;
}

const VALID: ValidatorResult = Object.freeze({ success: true });

/** The verdict of a validator from its issues: one shared object when there are none. */
export function _verdict(issues: Issues): ValidatorResult {
  return issues === undefined ? VALID : { success: false, errors: issues };
}

/**
 * The validator of a tool whose whole arguments object is checked by a module-level checker that
 * other tools share (their arguments have the same shape): one function for all of them, where a
 * wrapper each would be one more function for a cold start to compile at each tool's first call.
 */
export function _validatorOf(check: (v: unknown) => Issues): (input: unknown) => ValidatorResult {
  return (input) => _verdict(check(input));
}

/**
 * The value of an own property, or undefined: for keys that `Object.prototype` has too
 * (`constructor`, `toString`, `__proto__`, ...), which a plain read would find on the prototype.
 */
export function _ownValue(object: object, key: string): unknown {
  return Object.getOwnPropertyDescriptor(object, key)?.value;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  email: (v) => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(v),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  "date-time": (v) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) &&
    !Number.isNaN(Date.parse(v)),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v),
  time: (v) => /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/.test(v),
  duration: (v) => /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v),
  uri: isAbsoluteUrl,
  url: isAbsoluteUrl,
  iri: isAbsoluteUrl,
  "uri-reference": (v) => !/\s/.test(v),
  "iri-reference": (v) => !/\s/.test(v),
  hostname: (v) =>
    v.length <= 253 && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/i.test(v),
  ipv4: (v) => /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(v),
  ipv6: (v) => isIpv6(v),
  byte: (v) => v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v),
  regex: (v) => {
    try {
      new RegExp(v, "u");
      return true;
    } catch {
      return false;
    }
  },
  "json-pointer": (v) => /^(\/([^~/]|~[01])*)*$/.test(v),
  "relative-json-pointer": (v) => /^(0|[1-9][0-9]*)(#|(\/([^~/]|~[01])*)*)$/.test(v),
  "uri-template": isUriTemplate,
};

/** RFC 6570: literals, and `{op? var(:prefix|*)?, ...}` expressions. */
function isUriTemplate(value: string): boolean {
  const name = "(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*";
  const variable = `${name}(?::[1-9][0-9]{0,3}|\\*)?`;
  const expression = `\\{[+#./;?&=,!@|]?${variable}(?:,${variable})*\\}`;
  const literal = "[^\\x00-\\x20\"'<>%\\\\^`{|}]|%[0-9A-Fa-f]{2}";
  return new RegExp(`^(?:${literal}|${expression})*$`).test(value);
}

/** The number of characters (code points) of a string: a surrogate pair is one. */
export function _codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/**
 * Whether a string has a JSON Schema `format`. Formats the runtime does not know pass, as JSON
 * Schema treats unknown formats as annotations.
 */
export function _isFormat(format: string, value: string): boolean {
  const check = FORMATS[format];
  return check === undefined || check(value);
}

/** Whether no two items of an array are equal as JSON (object key order ignored). */
export function _isUniqueItems(items: readonly unknown[]): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    const key = canonicalJson(item);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isAbsoluteUrl(value: string): boolean {
  const { URL: Url } = globalThis as unknown as { URL: new (input: string) => unknown };
  try {
    new Url(value);
    return /^[a-z][a-z0-9+.-]*:/i.test(value);
  } catch {
    return false;
  }
}

function isIpv6(value: string): boolean {
  const [head, ...rest] = value.split("::");
  if (rest.length > 1) return false;
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const all = [...groups(head), ...groups(rest[0])];
  const valid = all.every((group) => /^[0-9a-f]{1,4}$/i.test(group));
  return valid && (rest.length === 1 ? all.length < 8 : all.length === 8);
}
