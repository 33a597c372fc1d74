import { Node, type Type, ts } from "ts-morph";
import type { TypeIR } from "../../ir/types.ts";
import { type ConvertType, report, type TypeContext, type TypeHandler } from "./context.ts";

/**
 * Unions: literal unions and enums, `T | null`, and unions of other kinds. The emitters decide how
 * each dialect spells them. `undefined` is only meaningful as optionality: see {@link convertOptional}.
 */
export const unionHandler: TypeHandler = {
  name: "union",
  test: (t) => t.isUnion() && !t.isBoolean(),
  convert(type, context, convert) {
    if (type.getUnionTypes().some((m) => m.isUndefined())) {
      const text = type.getText(context.node);
      return report(
        context,
        "TC2001",
        `"${text}" includes undefined, which JSON cannot carry here.`,
        "JSON has no undefined: send null (`T | null`), or make the property optional instead.",
      );
    }
    return convertMembers(sourceOrder(type, type.getUnionTypes(), context), context, convert);
  },
};

/**
 * The union's members in the order the author wrote them. TypeScript keeps union members in the
 * order it created their types, so `"high" | "medium"` would follow whatever was declared first
 * elsewhere; the written order is found again through the union's type node.
 */
function sourceOrder(type: Type, members: Type[], context: TypeContext): Type[] {
  for (const node of unionNodesOf(type, context)) {
    const written = flattenUnionNode(node);
    const index = (member: Type) => written.findIndex((t) => t.compilerType === member.compilerType);
    // The node must spell this very union: every member found in it.
    if (members.some((m) => index(m) < 0)) continue;
    return [...members].sort((a, b) => index(a) - index(b));
  }
  return members;
}

/** Union type nodes that may spell `type`: its alias's, or the declaration being converted. */
function unionNodesOf(type: Type, context: TypeContext): Node[] {
  const alias = type.getAliasSymbol()?.getDeclarations()[0];
  const own = context.node;
  const declared =
    Node.isParameterDeclaration(own) || Node.isPropertySignature(own) || Node.isPropertyDeclaration(own)
      ? own.getTypeNode()
      : own;
  const candidates = [
    alias && Node.isTypeAliasDeclaration(alias) ? alias.getTypeNode() : undefined,
    declared,
  ];
  // `l?: Level`: the declared node is a reference; the union is spelled by the alias it names.
  if (declared && Node.isTypeReference(declared)) {
    const named = declared.getType().getAliasSymbol()?.getDeclarations()[0];
    if (named && Node.isTypeAliasDeclaration(named)) candidates.push(named.getTypeNode());
  }
  // The union may sit anywhere inside the declared type (`("a" | "b")[]`, `{ x: "a" | "b" }`).
  return candidates.flatMap((candidate) =>
    candidate ? [candidate, ...candidate.getDescendants()].filter((n) => Node.isUnionTypeNode(n)) : [],
  );
}

/** The member types of a union node in written order, looking into nested unions and union aliases. */
function flattenUnionNode(node: Node): Type[] {
  if (Node.isParenthesizedTypeNode(node)) return flattenUnionNode(node.getTypeNode());
  if (Node.isUnionTypeNode(node)) return node.getTypeNodes().flatMap(flattenUnionNode);
  const type = node.getType();
  const alias = type.getAliasSymbol()?.getDeclarations()[0];
  const aliased = alias && Node.isTypeAliasDeclaration(alias) ? alias.getTypeNode() : undefined;
  if (type.isUnion() && aliased && Node.isUnionTypeNode(aliased)) return flattenUnionNode(aliased);
  return type.isUnion() ? type.getUnionTypes() : [type];
}

/** The conversion of a parameter's or property's type, where `undefined` means "absent". */
export interface OptionalIR {
  /** The wire type; undefined after a diagnostic, or when the value can only be absent. */
  type: TypeIR | undefined;
  /** `undefined` was part of the type: the value is optional. */
  undefinedAllowed: boolean;
  /** The type is `undefined`, `void` or `never`: no value can be sent, so the value is left out. */
  absent: boolean;
}

/**
 * Converts the type of a parameter or property, whose `undefined` means "absent": `x?: T` and
 * `x: T | undefined` are optional `T`, and `x: undefined` or `x: never` can only be absent.
 */
export function convertOptional(type: Type, context: TypeContext, convert: ConvertType): OptionalIR {
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  const present = members.filter((m) => !isAbsent(m));
  if (present.length === 0) return { type: undefined, undefinedAllowed: true, absent: true };
  if (present.length === members.length)
    return { type: convert(type, context), undefinedAllowed: false, absent: false };
  return {
    type: convertMembers(sourceOrder(type, present, context), context, convert),
    undefinedAllowed: true,
    absent: false,
  };
}

/** `undefined`, `void` and `never`: types with no value JSON can carry, meaning "left out". */
function isAbsent(type: Type): boolean {
  return (type.getFlags() & (ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never)) !== 0;
}

function convertMembers(members: Type[], context: TypeContext, convert: ConvertType): TypeIR | undefined {
  const converted: TypeIR[] = [];
  let failed = false;
  // A `never` member (from a conditional type, say) has no value: it adds nothing to the union.
  for (const member of collapseBooleans(members.filter((m) => (m.getFlags() & ts.TypeFlags.Never) === 0))) {
    const ir = member === BOOLEAN ? ({ kind: "boolean" } as const) : convert(member, context);
    if (ir === undefined) failed = true;
    else converted.push(ir);
  }
  if (failed) return undefined;
  if (converted.length === 0)
    return report(context, "TC2001", "This union has no member a model could send.");
  return converted.length === 1 ? converted[0] : { kind: "union", members: converted };
}

const BOOLEAN = Symbol("boolean");

/** TypeScript spells `boolean` inside a union as `false | true`; put it back together. */
function collapseBooleans(members: Type[]): (Type | typeof BOOLEAN)[] {
  const isTrue = (m: Type) => m.isBooleanLiteral() && m.getText() === "true";
  const isFalse = (m: Type) => m.isBooleanLiteral() && m.getText() === "false";
  if (!(members.some(isTrue) && members.some(isFalse))) return members;
  const index = members.findIndex((m) => isTrue(m) || isFalse(m));
  const rest: (Type | typeof BOOLEAN)[] = members.filter((m) => !isTrue(m) && !isFalse(m));
  rest.splice(index, 0, BOOLEAN);
  return rest;
}
