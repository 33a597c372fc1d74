import type { Type } from "ts-morph";
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
    return convertMembers(type.getUnionTypes(), context, convert);
  },
};

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
  return { type: convertMembers(members, context, convert), undefinedAllowed: true };
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
