import type { Node, Type, TypeChecker } from "typescript";
import { ts } from "../../typescript.ts";
import { applyConstraint, isConstraint, PROPERTY_TAGS } from "../constraints.ts";
import {
  booleanLiteralValue,
  hasFlag,
  intersectionMembers,
  literalValue,
  propertyNamed,
  typeText,
} from "../type-query.ts";
import { report, type TypeHandler } from "./context.ts";

const TAG_PROPERTY = "typia.tag";

/**
 * typia's type tags: `number & tags.Type<"int32">`, `string & tags.Format<"email">` and so on. The
 * base type is converted as usual, then each tag's `kind` and `value` become a constraint.
 */
export const taggedHandler: TypeHandler = {
  name: "typia tags",
  test: (t) => t.isIntersection() && intersectionMembers(t).some(isTag),
  convert(type, context, convert) {
    const members = intersectionMembers(type);
    const bases = members.filter((m) => !isTag(m));
    const isObject = (m: Type) => hasFlag(m, ts.TypeFlags.Object);
    // A branded primitive may carry tags too: `string & tags.Format<"uuid"> & { __brand: "Id" }`.
    const base =
      bases.length === 1
        ? bases[0]
        : bases.find((m) => !isObject(m) && bases.every((b) => b === m || isObject(b)));
    if (!base) {
      const text = typeText(context.checker, type, context.node);
      return report(context, "TC2001", `"${text}" tags more than one base type.`);
    }
    let ir = convert(base, context);
    for (const tag of members.filter(isTag)) {
      if (ir === undefined) return undefined;
      const { kind, value } = readTag(tag, context.node, context.checker);
      if (PROPERTY_TAGS.has(kind)) continue; // read by the property, which owns defaults and examples
      if (!isConstraint(kind)) {
        report(
          context,
          "TC2008",
          `typia tag "${kind}" has no JSON Schema meaning typecall carries; it is ignored.`,
        );
        continue;
      }
      const applied = applyConstraint(ir, kind, value);
      if (typeof applied === "string") return report(context, "TC2008", applied);
      ir = applied;
    }
    return ir;
  },
};

function isTag(type: Type): boolean {
  return hasFlag(type, ts.TypeFlags.Object) && propertyNamed(type, TAG_PROPERTY) !== undefined;
}

/** The `kind` and literal `value` of a typia tag type. */
export function readTag(tag: Type, node: Node, checker: TypeChecker): { kind: string; value: unknown } {
  const property = propertyNamed(tag, TAG_PROPERTY);
  if (!property) throw new Error(`typia tag type without a "${TAG_PROPERTY}" property`);
  const props = checker.getTypeOfSymbolAtLocation(property, node).getNonNullableType();
  const literal = (name: string): unknown => {
    const symbol = propertyNamed(props, name);
    if (!symbol) return undefined;
    const type = checker.getTypeOfSymbolAtLocation(symbol, node);
    if (hasFlag(type, ts.TypeFlags.BooleanLiteral)) return booleanLiteralValue(type);
    return literalValue(type);
  };
  return { kind: String(literal("kind")), value: literal("value") };
}

/** The typia tags of a type (for property-level `Default<>` / `Example<>`), if it is tagged. */
export function tagsOf(type: Type, node: Node, checker: TypeChecker): { kind: string; value: unknown }[] {
  const members = type.isUnion() ? type.types : [type];
  return members.flatMap((m) =>
    m.isIntersection() ? m.types.filter(isTag).map((t) => readTag(t, node, checker)) : [],
  );
}
