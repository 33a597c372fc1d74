import { ts } from "ts-morph";
import { report, type TypeHandler } from "./context.ts";

/** `string`, `number`, `boolean` and `null`. */
export const primitiveHandlers: TypeHandler[] = [
  { name: "string", test: (t) => t.isString(), convert: () => ({ kind: "string" }) },
  { name: "number", test: (t) => t.isNumber(), convert: () => ({ kind: "number", integer: false }) },
  { name: "boolean", test: (t) => t.isBoolean(), convert: () => ({ kind: "boolean" }) },
  { name: "null", test: (t) => t.isNull(), convert: () => ({ kind: "null" }) },
];

/** String, number and boolean literals, including the members of string and number enums. */
export const literalHandler: TypeHandler = {
  name: "literal",
  test: (t) => t.isLiteral() || t.isBooleanLiteral(),
  convert(type) {
    if (type.isBooleanLiteral()) return { kind: "literal", value: type.getText() === "true" };
    const value = type.getLiteralValue();
    if (typeof value === "string" || typeof value === "number") return { kind: "literal", value };
    return undefined;
  },
};

/** Types that can never be sent as JSON, each with its own diagnostic. */
export const refusedHandlers: TypeHandler[] = [
  {
    name: "unresolved",
    test: (t) => (t.compilerType as { intrinsicName?: string }).intrinsicName === "error",
    convert: (t, c) => report(c, "TC2005", `Type "${t.getText(c.node)}" could not be resolved.`),
  },
  {
    name: "any",
    test: (t) => t.isAny() || t.isUnknown(),
    convert: (t, c) => {
      if (!c.entry.options.allowAny) {
        report(c, "TC2006", `"${t.getText()}" accepts any JSON value: the model gets no schema to follow.`);
      }
      return { kind: "unknown" };
    },
  },
  {
    name: "type parameter",
    test: (t) =>
      t.isTypeParameter() ||
      (t.isIntersection() && t.getIntersectionTypes().some((m) => m.isTypeParameter())),
    convert: (t, c) =>
      report(
        c,
        "TC2004",
        `Generic type parameter "${t.getText()}" has no concrete JSON shape at build time.`,
      ),
  },
  {
    name: "symbol",
    test: (t) => (t.getFlags() & (ts.TypeFlags.ESSymbol | ts.TypeFlags.UniqueESSymbol)) !== 0,
    convert: (_t, c) => report(c, "TC2003", "A symbol cannot be sent as JSON."),
  },
  {
    name: "function",
    test: (t) => t.getCallSignatures().length > 0 || t.getConstructSignatures().length > 0,
    convert: (t, c) => report(c, "TC2002", `Function type "${t.getText(c.node)}" cannot be sent as JSON.`),
  },
  {
    name: "built-in class",
    test: (t) => BUILT_INS.has(t.getSymbol()?.getName() ?? "") && t.getProperties().length > 0,
    convert: (t, c) => {
      const name = t.getSymbol()?.getName() ?? "";
      return report(
        c,
        "TC2001",
        `"${t.getText(c.node)}" is a ${name} object, which JSON cannot carry.`,
        BUILT_INS.get(name),
      );
    },
  },
  {
    name: "never",
    test: (t) => (t.getFlags() & ts.TypeFlags.Never) !== 0,
    convert: (_t, c) => report(c, "TC2001", 'Type "never" has no value a model could send.'),
  },
];

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
