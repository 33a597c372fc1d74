import type { Type } from "typescript";
import { ts } from "../../typescript.ts";
import {
  booleanLiteralValue,
  hasFlag,
  intersectionMembers,
  isErrorType,
  literalValue,
  symbolName,
  typeText,
} from "../type-query.ts";
import { report, type TypeHandler } from "./context.ts";

/** `string`, `number`, `boolean` and `null`. */
export const primitiveHandlers: TypeHandler[] = [
  { name: "string", test: (t) => hasFlag(t, ts.TypeFlags.String), convert: () => ({ kind: "string" }) },
  {
    name: "number",
    test: (t) => hasFlag(t, ts.TypeFlags.Number),
    convert: () => ({ kind: "number", integer: false }),
  },
  { name: "boolean", test: (t) => hasFlag(t, ts.TypeFlags.Boolean), convert: () => ({ kind: "boolean" }) },
  { name: "null", test: (t) => hasFlag(t, ts.TypeFlags.Null), convert: () => ({ kind: "null" }) },
];

/**
 * String, number, boolean and bigint literals, including the members of string and number enums.
 * A bigint literal (`10n`) travels as its digits and is revived, as `bigint` itself is.
 */
export const literalHandler: TypeHandler = {
  name: "literal",
  test: (t) => t.isLiteral() || hasFlag(t, ts.TypeFlags.BooleanLiteral),
  convert(type, context) {
    if (hasFlag(type, ts.TypeFlags.BooleanLiteral))
      return { kind: "literal", value: booleanLiteralValue(type) };
    const value = literalValue(type);
    if (typeof value === "string" || typeof value === "number") return { kind: "literal", value };
    if (typeof value === "object" && "base10Value" in value) {
      const digits = `${value.negative ? "-" : ""}${value.base10Value}`;
      return { kind: "literal", value: digits, revive: "bigint" };
    }
    const text = typeText(context.checker, type, context.node);
    return report(context, "TC2001", `Literal type "${text}" cannot be sent as JSON.`);
  },
};

/**
 * A primitive intersected with object types: a branded primitive (`string & { __brand: "Id" }`) or
 * the literal-union idiom's `string & {}` (also spelled `string & Record<never, never>`). At run
 * time only the primitive exists, so the wire shape is the primitive's.
 */
export const brandedPrimitiveHandler: TypeHandler = {
  name: "branded primitive",
  test: (t) => t.isIntersection() && brandedBase(t) !== undefined,
  convert: (type, context, convert) => convert(brandedBase(type) as Type, context),
};

const PRIMITIVE =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike;

/** The one primitive member of an intersection whose other members are all object types, if it is one. */
export function brandedBase(type: Type): Type | undefined {
  const members = intersectionMembers(type);
  const primitives = members.filter((m) => hasFlag(m, PRIMITIVE));
  const [base] = primitives;
  return primitives.length === 1 && members.every((m) => m === base || hasFlag(m, ts.TypeFlags.Object))
    ? base
    : undefined;
}

/** The `object` keyword: any JSON object, which tells the model as little as `unknown` does. */
export const objectKeywordHandler: TypeHandler = {
  name: "object keyword",
  test: (t) => hasFlag(t, ts.TypeFlags.NonPrimitive),
  convert: (t, c) => {
    if (!c.entry.options.allowAny) {
      report(
        c,
        "TC2006",
        `"${typeText(c.checker, t)}" accepts any JSON object: the model gets no properties to follow.`,
      );
    }
    return { kind: "object", properties: [], additional: { kind: "unknown" } };
  },
};

/** Types that can never be sent as JSON, each with its own diagnostic. */
export const refusedHandlers: TypeHandler[] = [
  {
    name: "unresolved",
    test: isErrorType,
    convert: (t, c) => report(c, "TC2005", `Type "${typeText(c.checker, t, c.node)}" could not be resolved.`),
  },
  {
    name: "any",
    test: (t) => hasFlag(t, ts.TypeFlags.Any | ts.TypeFlags.Unknown),
    convert: (t, c) => {
      if (!c.entry.options.allowAny) {
        const text = typeText(c.checker, t);
        report(c, "TC2006", `"${text}" accepts any JSON value: the model gets no schema to follow.`);
      }
      return { kind: "unknown" };
    },
  },
  {
    name: "type parameter",
    test: (t) =>
      hasFlag(t, ts.TypeFlags.TypeParameter) ||
      intersectionMembers(t).some((m) => hasFlag(m, ts.TypeFlags.TypeParameter)),
    convert: (t, c) =>
      report(
        c,
        "TC2004",
        `Generic type parameter "${typeText(c.checker, t)}" has no concrete JSON shape at build time.`,
      ),
  },
  {
    name: "symbol",
    test: (t) => hasFlag(t, ts.TypeFlags.ESSymbol | ts.TypeFlags.UniqueESSymbol),
    convert: (_t, c) => report(c, "TC2003", "A symbol cannot be sent as JSON."),
  },
  {
    name: "function",
    test: (t) =>
      mayHaveSignatures(t) && (t.getCallSignatures().length > 0 || t.getConstructSignatures().length > 0),
    convert: (t, c) =>
      report(c, "TC2002", `Function type "${typeText(c.checker, t, c.node)}" cannot be sent as JSON.`),
  },
  {
    name: "built-in class",
    test: (t) => BUILT_INS.has(symbolName(t) ?? "") && t.getProperties().length > 0,
    convert: (t, c) => {
      const name = symbolName(t) ?? "";
      return report(
        c,
        "TC2001",
        `"${typeText(c.checker, t, c.node)}" is a ${name} object, which JSON cannot carry.`,
        BUILT_INS.get(name),
      );
    },
  },
  {
    name: "never",
    test: (t) => hasFlag(t, ts.TypeFlags.Never),
    convert: (_t, c) => report(c, "TC2001", 'Type "never" has no value a model could send.'),
  },
];

/**
 * Whether a type can have call or construct signatures: an object type, an intersection, or a union
 * of those (a union has the signatures all its members share). Asking a primitive would only make
 * the checker resolve every member of its apparent type (String, Number, Boolean) to find none.
 */
function mayHaveSignatures(type: Type): boolean {
  if (type.isUnion()) return type.types.every(mayHaveSignatures);
  return hasFlag(type, ts.TypeFlags.Object | ts.TypeFlags.Intersection);
}

/** Built-in classes a tool author is likely to reach for, with what to use instead. */
const BUILT_INS = new Map([
  ["Map", "Use an array of { key, value } objects."],
  ["Set", "Use an array of unique values."],
  ["WeakMap", "Use an array of { key, value } objects."],
  ["WeakSet", "Use an array of values."],
  ["Promise", "Take the resolved value instead; the tool itself may be async."],
  ["RegExp", "Take the pattern as a string."],
  ["Uint8Array", "Take the bytes as a base64 string."],
]);
