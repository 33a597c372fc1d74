import type { BigIntLiteralType, TemplateLiteralType, Type } from "typescript";
import type { TypeIR } from "../../ir/types.ts";
import { ts } from "../../typescript.ts";
import { declarationsOf, hasFlag, symbolName, typeText } from "../type-query.ts";
import { report, type TypeContext, type TypeHandler } from "./context.ts";

/** Classes that travel as strings and are revived before the call. */
const REVIVED: Record<string, TypeIR> = {
  Date: { kind: "string", format: "date-time", revive: "date" },
  URL: { kind: "string", format: "uri", revive: "url" },
};

/** `Date` and `URL` as strings on the wire, `bigint` as a string of digits; revived for the tool. */
export const revivedHandlers: TypeHandler[] = [
  {
    name: "revived class",
    test: (t) => REVIVED[symbolName(t) ?? ""] !== undefined && isGlobal(t),
    convert: (t) => ({ ...(REVIVED[symbolName(t) ?? ""] as TypeIR) }),
  },
  {
    name: "bigint",
    test: (t) => hasFlag(t, ts.TypeFlags.BigInt),
    convert: () => ({ kind: "string", pattern: "^-?[0-9]+$", revive: "bigint" }),
  },
];

/** A type declared by the standard library (not a user class that happens to be called Date). */
function isGlobal(type: Type): boolean {
  const symbol = type.getSymbol();
  return (symbol ? declarationsOf(symbol) : []).some((d) => d.getSourceFile().isDeclarationFile);
}

/** Template literal types (`order-${number}`) become a string with an anchored pattern. */
export const templateLiteralHandler: TypeHandler = {
  name: "template literal",
  test: (t) => hasFlag(t, ts.TypeFlags.TemplateLiteral),
  convert(type, context) {
    const pattern = patternOf(type, context);
    if (pattern !== undefined) return { kind: "string", pattern: `^${pattern}$` };
    return report(
      context,
      "TC2001",
      `Template literal type "${typeText(context.checker, type, context.node)}" has a part typecall cannot match.`,
      "Template parts may be string, number, bigint, boolean, literals, enums and unions of them; " +
        "take a plain string for others (Uppercase<string>, ...).",
    );
  },
};

/**
 * The pattern of one part of a template literal type, wherever the part's type comes from (an
 * imported alias, an enum, a union); undefined for parts no pattern matches exactly
 * (`Uppercase<string>`).
 */
function patternOf(type: Type, context: TypeContext): string | undefined {
  if (type.flags & ts.TypeFlags.String) return ".*";
  if (type.flags & ts.TypeFlags.Number) return "-?[0-9]+(\\.[0-9]+)?";
  if (type.flags & ts.TypeFlags.BigInt) return "-?[0-9]+";
  if (type.flags & ts.TypeFlags.Boolean) return "(true|false)";
  if (type.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Null | ts.TypeFlags.Undefined))
    return context.checker.typeToString(type);
  if (type.isStringLiteral() || type.isNumberLiteral()) return escapeRegExp(String(type.value));
  if (type.flags & ts.TypeFlags.BigIntLiteral) {
    const { negative, base10Value } = (type as BigIntLiteralType).value;
    return `${negative ? "-" : ""}${base10Value}`;
  }
  if (type.flags & ts.TypeFlags.TemplateLiteral) {
    const inner = type as TemplateLiteralType;
    const parts = inner.types.map((t) => patternOf(t, context));
    if (parts.includes(undefined)) return undefined;
    return parts.reduce<string>(
      (p, part, i) => p + part + escapeRegExp(inner.texts[i + 1] ?? ""),
      escapeRegExp(inner.texts[0] ?? ""),
    );
  }
  if (type.isUnion()) {
    const parts = type.types.map((t) => patternOf(t, context));
    return parts.includes(undefined) ? undefined : `(${parts.join("|")})`;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
