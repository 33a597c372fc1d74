import type { Node, Type, TypeChecker } from "typescript";
import type { TypeIR } from "../../ir/types.ts";
import { ts } from "../../typescript.ts";
import {
  booleanLiteralValue,
  declarationsOf,
  descendantsOf,
  hasFlag,
  typeText,
  unionMembers,
} from "../type-query.ts";
import { type ConvertType, report, type TypeContext, type TypeHandler } from "./context.ts";

/**
 * Unions: literal unions and enums, `T | null`, and unions of other kinds. The emitters decide how
 * each dialect spells them. `undefined` is only meaningful as optionality: see {@link convertOptional}.
 */
export const unionHandler: TypeHandler = {
  name: "union",
  test: (t) => t.isUnion() && !hasFlag(t, ts.TypeFlags.Boolean),
  convert(type, context, convert) {
    if (unionMembers(type).some((m) => hasFlag(m, ts.TypeFlags.Undefined))) {
      const text = typeText(context.checker, type, context.node);
      return report(
        context,
        "TC2001",
        `"${text}" includes undefined, which JSON cannot carry here.`,
        "JSON has no undefined: send null (`T | null`), or make the property optional instead.",
      );
    }
    return convertMembers(sourceOrder(type, unionMembers(type), context), context, convert);
  },
};

/**
 * The union's members in the order the author wrote them. TypeScript keeps union members in the
 * order it created their types, so `"high" | "medium"` would follow whatever was declared first
 * elsewhere; the written order is found again through the union's type node.
 */
function sourceOrder(type: Type, members: readonly Type[], context: TypeContext): Type[] {
  for (const node of unionNodesOf(type, context)) {
    const written = flattenUnionNode(node, context.checker);
    const index = (member: Type) => written.indexOf(member);
    // The node must spell this very union: every member found in it.
    if (members.some((m) => index(m) < 0)) continue;
    return [...members].sort((a, b) => index(a) - index(b));
  }
  return [...members];
}

/** The first declaration of the type's alias (`type Level = ...`), if it has one. */
function aliasDeclaration(type: Type): Node | undefined {
  return type.aliasSymbol && declarationsOf(type.aliasSymbol)[0];
}

/** Union type nodes that may spell `type`: its alias's, or the declaration being converted. */
function unionNodesOf(type: Type, context: TypeContext): Node[] {
  const alias = aliasDeclaration(type);
  const own = context.node;
  const declared =
    ts.isParameter(own) || ts.isPropertySignature(own) || ts.isPropertyDeclaration(own) ? own.type : own;
  const candidates = [alias && ts.isTypeAliasDeclaration(alias) ? alias.type : undefined, declared];
  // `l?: Level`: the declared node is a reference; the union is spelled by the alias it names.
  if (declared && ts.isTypeReferenceNode(declared)) {
    const named = aliasDeclaration(context.checker.getTypeAtLocation(declared));
    if (named && ts.isTypeAliasDeclaration(named)) candidates.push(named.type);
  }
  // The union may sit anywhere inside the declared type (`("a" | "b")[]`, `{ x: "a" | "b" }`).
  return candidates.flatMap((candidate) =>
    candidate ? [candidate, ...descendantsOf(candidate)].filter((n) => ts.isUnionTypeNode(n)) : [],
  );
}

/** The member types of a union node in written order, looking into nested unions and union aliases. */
function flattenUnionNode(node: Node, checker: TypeChecker): readonly Type[] {
  if (ts.isParenthesizedTypeNode(node)) return flattenUnionNode(node.type, checker);
  if (ts.isUnionTypeNode(node)) return node.types.flatMap((t) => flattenUnionNode(t, checker));
  const type = checker.getTypeAtLocation(node);
  const alias = aliasDeclaration(type);
  const aliased = alias && ts.isTypeAliasDeclaration(alias) ? alias.type : undefined;
  if (type.isUnion() && aliased && ts.isUnionTypeNode(aliased)) return flattenUnionNode(aliased, checker);
  return type.isUnion() ? type.types : [type];
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
  const members = type.isUnion() ? type.types : [type];
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
  return hasFlag(type, ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never);
}

function convertMembers(
  members: readonly Type[],
  context: TypeContext,
  convert: ConvertType,
): TypeIR | undefined {
  const converted: TypeIR[] = [];
  let failed = false;
  // A `never` member (from a conditional type, say) has no value: it adds nothing to the union.
  const present = members.filter((m) => !hasFlag(m, ts.TypeFlags.Never));
  for (const member of collapseBooleans(present)) {
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
function collapseBooleans(members: readonly Type[]): (Type | typeof BOOLEAN)[] {
  const isBooleanLiteral = (m: Type) => hasFlag(m, ts.TypeFlags.BooleanLiteral);
  const isTrue = (m: Type) => isBooleanLiteral(m) && booleanLiteralValue(m);
  const isFalse = (m: Type) => isBooleanLiteral(m) && !booleanLiteralValue(m);
  if (!(members.some(isTrue) && members.some(isFalse))) return [...members];
  const index = members.findIndex((m) => isTrue(m) || isFalse(m));
  const rest: (Type | typeof BOOLEAN)[] = members.filter((m) => !isTrue(m) && !isFalse(m));
  rest.splice(index, 0, BOOLEAN);
  return rest;
}
