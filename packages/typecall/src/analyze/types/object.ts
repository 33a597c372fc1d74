import type { Node, Symbol as TsSymbol, Type, TypeChecker } from "typescript";
import type { ObjectTypeIR, PropertyIR, TypeIR } from "../../ir/types.ts";
import { walkType } from "../../ir/walk.ts";
import { ts } from "../../typescript.ts";
import { applyConstraint, applyPropertyTag, isConstraint, PROPERTY_TAGS, tagValue } from "../constraints.ts";
import { ownSensitivity } from "../guard.ts";
import { readSymbolDoc } from "../jsdoc.ts";
import { locationOf } from "../location.ts";
import { declarationsOf, hasFlag, isOptionalSymbol, typeText } from "../type-query.ts";
import { type ConvertType, report, type TypeContext, type TypeHandler } from "./context.ts";
import { tagsOf } from "./tagged.ts";
import { convertOptional } from "./union.ts";

/** Interfaces, type literals, aliases and intersections of them: plain data objects. */
export const objectHandler: TypeHandler = {
  name: "object",
  test: (t) => hasFlag(t, ts.TypeFlags.Object) || t.isIntersection(),
  convert(type, context, convert) {
    const methods = type.getProperties().filter((p) => isMethod(p));
    if (methods.length > 0) {
      const shown = methods.slice(0, 3).map((m) => m.getName());
      const names = methods.length > 3 ? `${shown.join(", ")}, …` : shown.join(", ");
      const text = typeText(context.checker, type, context.node);
      return report(
        context,
        "TC2001",
        `Type "${text}" has methods (${names}); only plain data can be sent as JSON.`,
        "Accept a plain object type with the data fields instead of a class instance.",
      );
    }
    return convertObject(type, context, convert);
  },
};

function convertObject(type: Type, context: TypeContext, convert: ConvertType): ObjectTypeIR | undefined {
  const properties: PropertyIR[] = [];
  let failed = false;
  for (const symbol of type.getProperties()) {
    const property = convertProperty(symbol, context, convert);
    if (property === undefined) failed = true;
    else if (property !== ABSENT) properties.push(property);
  }
  const index = type.getStringIndexType();
  let additional: TypeIR | undefined;
  // `Record<string, never>`: no other key may be present, as without an index signature.
  if (index && !hasFlag(index, ts.TypeFlags.Never)) {
    context.path.push("*");
    additional = convert(index, context);
    context.path.pop();
    if (additional === undefined) failed = true;
  }
  if (failed) return undefined;
  const ir: ObjectTypeIR = { kind: "object", properties };
  if (additional) ir.additional = additional;
  return ir;
}

/** A property that can only be absent (typed `undefined` or `never`): it is left out of the wire shape. */
export const ABSENT: unique symbol = Symbol("absent");

/**
 * Converts one property symbol; its own declaration becomes the blamed node. Returns
 * {@link ABSENT} for a property no JSON value can fill (typed `never` or `undefined`, or keyed by a
 * symbol and optional), and undefined after a diagnostic.
 *
 * A property with a declaration converts the same wherever its type is used (the declaration, not
 * the use, is the context), so a clean conversion is kept for the entry's other tools: the
 * interface several tools share is converted once. One that reported anything, or refers to a
 * definition (whose naming depends on the types being converted around it), is converted anew.
 */
export function convertProperty(
  symbol: TsSymbol,
  context: TypeContext,
  convert: ConvertType,
): PropertyIR | typeof ABSENT | undefined {
  const declaration = symbol.valueDeclaration ?? declarationsOf(symbol)[0];
  const { properties } = context.entry;
  const known = declaration && properties.get(symbol);
  if (known) return known;
  const before = context.diagnostics.length;
  const property = convertPropertyOnce(symbol, declaration, context, convert);
  const clean = context.diagnostics.length === before && property !== undefined;
  if (declaration && clean && (property === ABSENT || !refersToDefinition(property.type)))
    properties.set(symbol, property);
  return property;
}

function refersToDefinition(type: TypeIR): boolean {
  let found = false;
  walkType(type, (t) => {
    found ||= t.kind === "ref";
  });
  return found;
}

function convertPropertyOnce(
  symbol: TsSymbol,
  declaration: Node | undefined,
  context: TypeContext,
  convert: ConvertType,
): PropertyIR | typeof ABSENT | undefined {
  const saved = context.node;
  if (declaration) context.node = declaration;
  const name = symbol.getName();
  context.path.push(name);
  try {
    if (String(symbol.escapedName).startsWith("__@")) {
      if (isOptionalSymbol(symbol)) return ABSENT;
      return report(context, "TC2003", `Property "${name}" is keyed by a symbol, which JSON cannot carry.`);
    }
    const type = context.checker.getTypeOfSymbolAtLocation(symbol, context.node);
    const converted = convertOptional(type, context, convert);
    if (converted.absent) return ABSENT;
    if (converted.type === undefined) return undefined;
    const optional = isOptionalSymbol(symbol) || converted.undefinedAllowed;
    const property: PropertyIR = { name, type: converted.type, optional };
    if (declaration) property.location = locationOf(declaration);
    const doc = readSymbolDoc(symbol, context.checker);
    if (doc.description) property.description = doc.description;
    const sensitive = ownSensitivity(doc.description, doc.tags);
    if (typeof sensitive === "string") return report(context, "TC1015", sensitive);
    if (sensitive) property.sensitive = true;
    if (!applyDocTags(property, doc.tags, context)) return undefined;
    applyTypeTags(property, type, context.node, context.checker);
    const deprecated = doc.tags.get("deprecated");
    if (deprecated !== undefined) property.deprecated = deprecated;
    return property;
  } finally {
    context.path.pop();
    context.node = saved;
  }
}

function isMethod(symbol: TsSymbol): boolean {
  return declarationsOf(symbol).some((d) => ts.isMethodDeclaration(d) || ts.isMethodSignature(d));
}

/**
 * JSDoc constraint tags (`@minimum 1`, `@format email`, `@type int32`, `@default 10`, `@example`) on a
 * property or parameter. Returns false, after reporting, when a constraint does not fit the type.
 */
export function applyDocTags(
  property: PropertyIR,
  tags: ReadonlyMap<string, string>,
  context: TypeContext,
): boolean {
  for (const [name, text] of tags) {
    if (PROPERTY_TAGS.has(name)) {
      applyPropertyTag(property, name, tagValue(text));
    } else if (isConstraint(name)) {
      const applied = applyConstraint(property.type, name, name === "type" ? text : tagValue(text));
      if (typeof applied === "string") {
        report(context, "TC2008", `@${name} ${text}: ${applied}`);
        return false;
      }
      property.type = applied;
    }
  }
  return true;
}

/** typia's `Default<V>` and `Example<V>` tags on the property's type. */
export function applyTypeTags(property: PropertyIR, type: Type, node: Node, checker: TypeChecker): void {
  for (const tag of tagsOf(type, node, checker)) {
    if (PROPERTY_TAGS.has(tag.kind)) applyPropertyTag(property, tag.kind, tag.value);
  }
}
