import { type Type, ts } from "ts-morph";
import type { TypeIR } from "../../ir/types.ts";
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
    test: (t) => REVIVED[t.getSymbol()?.getName() ?? ""] !== undefined && isGlobal(t),
    convert: (t) => ({ ...(REVIVED[t.getSymbol()?.getName() ?? ""] as TypeIR) }),
  },
  {
    name: "bigint",
    test: (t) => (t.getFlags() & ts.TypeFlags.BigInt) !== 0,
    convert: () => ({ kind: "string", pattern: "^-?[0-9]+$", revive: "bigint" }),
  },
];

/** A type declared by the standard library (not a user class that happens to be called Date). */
function isGlobal(type: Type): boolean {
  return (type.getSymbol()?.getDeclarations() ?? []).some((d) => d.getSourceFile().isDeclarationFile());
}

/** Template literal types (`order-${number}`) become a string with an anchored pattern. */
export const templateLiteralHandler: TypeHandler = {
  name: "template literal",
  test: (t) => t.isTemplateLiteral(),
  convert(type, context) {
    const compiler = type.compilerType as ts.TemplateLiteralType;
    let pattern = `^${escapeRegExp(compiler.texts[0] ?? "")}`;
    for (const [i, part] of compiler.types.entries()) {
      const fragment = patternOf(part, context);
      if (fragment === undefined) {
        return report(
          context,
          "TC2001",
          `Template literal type "${type.getText(context.node)}" has a part typecall cannot match.`,
        );
      }
      pattern += fragment + escapeRegExp(compiler.texts[i + 1] ?? "");
    }
    return { kind: "string", pattern: `${pattern}$` };
  },
};

function patternOf(type: ts.Type, context: TypeContext): string | undefined {
  if (type.flags & ts.TypeFlags.String) return ".*";
  if (type.flags & ts.TypeFlags.Number) return "-?[0-9]+(\\.[0-9]+)?";
  if (type.flags & ts.TypeFlags.Boolean) return "(true|false)";
  if (type.isStringLiteral() || type.isNumberLiteral()) return escapeRegExp(String(type.value));
  if (type.isUnion()) {
    const parts = type.types.map((t) => patternOf(t, context));
    return parts.includes(undefined) ? undefined : `(${parts.join("|")})`;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
