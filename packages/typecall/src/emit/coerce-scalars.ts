/**
 * Coercion of scalars and of unions of scalars, decided at compile time: which strings become
 * numbers, booleans or null, and which numbers and booleans become the text of a string literal.
 * In a union of scalars every conversion of one value agrees (a string holds a number, a boolean or
 * null, never two of them), so the union rule needs no run-time vote here.
 */
import type { TypeIR } from "../ir/types.ts";

/** A type without parts: what scalar conversion is about. */
export type ScalarIR = Extract<TypeIR, { kind: "string" | "number" | "boolean" | "null" | "literal" }>;

/** Whether a type is a scalar one. */
export function isScalar(type: TypeIR): type is ScalarIR {
  return SCALAR_KINDS.has(type.kind);
}

const SCALAR_KINDS = new Set<TypeIR["kind"]>(["string", "number", "boolean", "null", "literal"]);

/** How a value of a union of scalars is converted when it fits no member. */
export interface ScalarConversion {
  /** Single values that convert, in order: `[test on x, result]` (`x === 2` gives `"2"`). */
  readonly branches: readonly (readonly [test: (x: string) => string, result: string])[];
  /** The helpers that convert strings, innermost first, each with its further arguments. */
  readonly helpers: readonly { readonly name: string; readonly args: readonly string[] }[];
  /**
   * Some member takes a string that a conversion would change (`"5" | number`): the conversions
   * then wait until the value fits no member.
   */
  readonly guarded: boolean;
}

/** The conversions of a union of scalars (or of one scalar); undefined when none can happen. */
export function scalarConversion(members: readonly ScalarIR[]): ScalarConversion | undefined {
  const texts = new Set<string>();
  const numbers = new Set<number>();
  const booleans = new Set<boolean>();
  for (const member of members) {
    if (member.kind !== "literal") continue;
    if (typeof member.value === "string") texts.add(member.value);
    else if (typeof member.value === "number") numbers.add(member.value);
    else booleans.add(member.value);
  }
  const kinds = new Set(members.map((m) => (m.kind === "number" && m.integer ? "integer" : m.kind)));
  const takesNumber = (n: number) =>
    kinds.has("number") || (kinds.has("integer") && Number.isInteger(n)) || numbers.has(n);
  const takesBoolean = (b: boolean) => kinds.has("boolean") || booleans.has(b);
  const branches: [(x: string) => string, string][] = [];
  const helpers: { name: string; args: string[] }[] = [];
  // The strings a conversion changes: numbers' texts, `true` and `false`, `null`.
  const converted: ((text: string) => boolean)[] = [];
  // A string fits every string member: strings are converted only where none takes them.
  if (!kinds.has("string")) {
    // Numeric literals the number members do not take already: `1 | 2`, or `1.5` beside integers.
    const others = [...numbers].filter(
      (n) => !kinds.has("number") && !(kinds.has("integer") && Number.isInteger(n)),
    );
    if (others.length > 0) helpers.push({ name: "_numberIn", args: [`[${others.map(String).join(", ")}]`] });
    if (kinds.has("number")) helpers.push({ name: "_number", args: [] });
    else if (kinds.has("integer")) helpers.push({ name: "_integer", args: [] });
    if (helpers.length > 0) converted.push((text) => NUMBER.test(text));
    if (takesBoolean(true) && takesBoolean(false)) helpers.push({ name: "_boolean", args: [] });
    for (const value of [true, false])
      if (booleans.has(value) && !takesBoolean(!value))
        branches.push([(x) => `${x} === "${value}"`, `${value}`]);
    if (booleans.size > 0 || kinds.has("boolean"))
      converted.push((text) => text === "true" || text === "false");
    if (kinds.has("null")) {
      branches.unshift([(x) => `${x} === "null"`, "null"]);
      converted.push((text) => text === "null");
    }
  }
  // To a string literal only from the number or boolean whose text it is exactly, and only from a
  // number JSON.parse kept exactly (an integer within 2^53).
  for (const text of texts) {
    const number = Number(text);
    const exact = Number.isInteger(number) ? Number.isSafeInteger(number) : !Number.isNaN(number);
    if (text === String(number) && exact && !takesNumber(number))
      branches.push([(x) => `${x} === ${text}`, JSON.stringify(text)]);
    else if ((text === "true" || text === "false") && !takesBoolean(text === "true"))
      branches.push([(x) => `${x} === ${text}`, JSON.stringify(text)]);
  }
  if (branches.length === 0 && helpers.length === 0) return undefined;
  const guarded = [...texts].some((text) => converted.some((changes) => changes(text)));
  return { branches, helpers, guarded };
}

/** JSON's number grammar, as `_number` reads it. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The helpers applied to `x`, innermost first: `_boolean(_number(x))`. */
export function helperText(conversion: ScalarConversion, x: string): string {
  return conversion.helpers.reduce((inner, h) => `${h.name}(${[inner, ...h.args].join(", ")})`, x);
}
