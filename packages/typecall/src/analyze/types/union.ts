import { Node, type Type } from "ts-morph";
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
      return report(context, "TC2001", `"${text}" includes undefined, which JSON cannot carry here.`);
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

/**
 * Converts the type of an optional value, whose `undefined` means "absent".
 * Returns whether `undefined` was part of the type, so callers can mark the value optional.
 */
export function convertOptional(
  type: Type,
  context: TypeContext,
  convert: ConvertType,
): { type: TypeIR | undefined; undefinedAllowed: boolean } {
  if (!type.isUnion() || !type.getUnionTypes().some((m) => m.isUndefined())) {
    return { type: convert(type, context), undefinedAllowed: false };
  }
  const members = type.getUnionTypes().filter((m) => !m.isUndefined());
  return {
    type: convertMembers(sourceOrder(type, members, context), context, convert),
    undefinedAllowed: true,
  };
}

function convertMembers(members: Type[], context: TypeContext, convert: ConvertType): TypeIR | undefined {
  const converted: TypeIR[] = [];
  let failed = false;
  for (const member of collapseBooleans(members)) {
    const ir = member === BOOLEAN ? ({ kind: "boolean" } as const) : convert(member, context);
    if (ir === undefined) failed = true;
    else converted.push(ir);
  }
  if (failed) return undefined;
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
