import { type Symbol as MorphSymbol, Node, type Type } from "ts-morph";
import type { ObjectTypeIR, PropertyIR } from "../../ir/types.ts";
import { readSymbolDoc } from "../jsdoc.ts";
import { type ConvertType, report, type TypeContext, type TypeHandler } from "./context.ts";
import { convertOptional } from "./union.ts";

/** Interfaces, type literals, aliases and intersections of them: plain data objects. */
export const objectHandler: TypeHandler = {
  name: "object",
  test: (t) => t.isObject() || t.isIntersection(),
  convert(type, context, convert) {
    if (context.stack.includes(type)) {
      return report(context, "TC2007", `Type "${type.getText(context.node)}" refers to itself.`);
    }
    const methods = type.getProperties().filter((p) => isMethod(p));
    if (methods.length > 0) {
      const shown = methods.slice(0, 3).map((m) => m.getName());
      const names = methods.length > 3 ? `${shown.join(", ")}, …` : shown.join(", ");
      return report(
        context,
        "TC2001",
        `Type "${type.getText(context.node)}" has methods (${names}); only plain data can be sent as JSON.`,
        "Accept a plain object type with the data fields instead of a class instance.",
      );
    }
    context.stack.push(type);
    try {
      return convertObject(type, context, convert);
    } finally {
      context.stack.pop();
    }
  },
};

function convertObject(type: Type, context: TypeContext, convert: ConvertType): ObjectTypeIR | undefined {
  const properties: PropertyIR[] = [];
  let failed = false;
  for (const symbol of type.getProperties()) {
    const property = convertProperty(symbol, context, convert);
    if (property === undefined) failed = true;
    else properties.push(property);
  }
  if (failed) return undefined;
  const ir: ObjectTypeIR = { kind: "object", properties };
  const description = declaredDescription(type, context);
  if (description) ir.description = description;
  return ir;
}

/** Converts one property symbol; its own declaration becomes the blamed node. */
export function convertProperty(
  symbol: MorphSymbol,
  context: TypeContext,
  convert: ConvertType,
): PropertyIR | undefined {
  const declaration = symbol.getValueDeclaration() ?? symbol.getDeclarations()[0];
  const saved = context.node;
  if (declaration) context.node = declaration;
  context.path.push(symbol.getName());
  try {
    const converted = convertOptional(symbol.getTypeAtLocation(context.node), context, convert);
    if (converted.type === undefined) return undefined;
    const optional = symbol.isOptional() || converted.undefinedAllowed;
    const property: PropertyIR = { name: symbol.getName(), type: converted.type, optional };
    const doc = readSymbolDoc(symbol, context.checker);
    if (doc.description) property.description = doc.description;
    const deprecated = doc.tags.get("deprecated");
    if (deprecated !== undefined) property.deprecated = deprecated;
    return property;
  } finally {
    context.path.pop();
    context.node = saved;
  }
}

function isMethod(symbol: MorphSymbol): boolean {
  return symbol.getDeclarations().some((d) => Node.isMethodDeclaration(d) || Node.isMethodSignature(d));
}

/** The JSDoc of the interface or alias that declares an object type. */
function declaredDescription(type: Type, context: TypeContext): string {
  const symbol = type.getAliasSymbol() ?? type.getSymbol();
  if (!symbol || symbol.getName() === "__type" || symbol.getName() === "__object") return "";
  return readSymbolDoc(symbol, context.checker).description;
}
