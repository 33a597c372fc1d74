import type { Type } from "ts-morph";
import { applyConstraint, isConstraint, PROPERTY_TAGS } from "../constraints.ts";
import { report, type TypeHandler } from "./context.ts";

const TAG_PROPERTY = "typia.tag";

/**
 * typia's type tags: `number & tags.Type<"int32">`, `string & tags.Format<"email">` and so on. The
 * base type is converted as usual, then each tag's `kind` and `value` become a constraint.
 */
export const taggedHandler: TypeHandler = {
  name: "typia tags",
  test: (t) => t.isIntersection() && t.getIntersectionTypes().some(isTag),
  convert(type, context, convert) {
    const members = type.getIntersectionTypes();
    const bases = members.filter((m) => !isTag(m));
    // A branded primitive may carry tags too: `string & tags.Format<"uuid"> & { __brand: "Id" }`.
    const base =
      bases.length === 1
        ? bases[0]
        : bases.find((m) => !m.isObject() && bases.every((b) => b === m || b.isObject()));
    if (!base) {
      return report(context, "TC2001", `"${type.getText(context.node)}" tags more than one base type.`);
    }
    let ir = convert(base, context);
    for (const tag of members.filter(isTag)) {
      if (ir === undefined) return undefined;
      const { kind, value } = readTag(tag, context.node);
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
  return type.isObject() && type.getProperty(TAG_PROPERTY) !== undefined;
}

/** The `kind` and literal `value` of a typia tag type. */
export function readTag(tag: Type, node: import("ts-morph").Node): { kind: string; value: unknown } {
  const props = tag.getPropertyOrThrow(TAG_PROPERTY).getTypeAtLocation(node).getNonNullableType();
  const literal = (name: string): unknown => {
    const type = props.getProperty(name)?.getTypeAtLocation(node);
    if (!type) return undefined;
    if (type.isBooleanLiteral()) return type.getText() === "true";
    return type.getLiteralValue();
  };
  return { kind: String(literal("kind")), value: literal("value") };
}

/** The typia tags of a type (for property-level `Default<>` / `Example<>`), if it is tagged. */
export function tagsOf(type: Type, node: import("ts-morph").Node): { kind: string; value: unknown }[] {
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  return members.flatMap((m) =>
    m.isIntersection()
      ? m
          .getIntersectionTypes()
          .filter(isTag)
          .map((t) => readTag(t, node))
      : [],
  );
}
