import type { TupleType, Type, TypeReference } from "typescript";
import type { TupleTypeIR, TypeIR } from "../../ir/types.ts";
import { ts } from "../../typescript.ts";
import {
  isArrayType,
  isInterfaceType,
  isReadonlyArrayType,
  isTupleType,
  typeArguments,
  typeText,
} from "../type-query.ts";
import { type ConvertType, report, type TypeContext, type TypeHandler } from "./context.ts";
import { convertOptional } from "./union.ts";

/** `T[]`, `Array<T>`, `readonly T[]` and `ReadonlyArray<T>`. */
export const arrayHandler: TypeHandler = {
  name: "array",
  test: (t, c) => (isArrayType(c.checker, t) || isReadonlyArrayType(c.checker, t)) && !isTupleType(t),
  convert(type, context, convert) {
    const element = typeArguments(context.checker, type)[0];
    if (element === undefined)
      return report(context, "TC2005", "The array's element type could not be resolved.");
    return arrayOf(element, context, convert);
  },
};

/** An array of `element`, converted at the item path (`[0]`). */
function arrayOf(element: Type, context: TypeContext, convert: ConvertType): TypeIR | undefined {
  context.path.push(0);
  try {
    const items = convert(element, context);
    return items && { kind: "array", items };
  } finally {
    context.path.pop();
  }
}

/**
 * Tuples: a type per position (`prefixItems`), optional trailing positions (`[a: string, b?: number]`,
 * fewer `minItems`) and a trailing rest element (`[string, ...number[]]`, `items`). A rest element
 * followed by more positions has no JSON Schema spelling.
 */
export const tupleHandler: TypeHandler = {
  name: "tuple",
  test: (t) => isTupleType(t),
  convert(type, context, convert) {
    const flags = ((type as TypeReference).target as TupleType).elementFlags;
    const restAt = flags.findIndex((f) => f & ts.ElementFlags.Variable);
    if (restAt >= 0 && restAt !== flags.length - 1) {
      return report(
        context,
        "TC2001",
        `Tuple type "${typeText(context.checker, type, context.node)}" has positions after its rest element.`,
        "Put the rest element last (`[string, ...number[]]`), or take an object with named properties.",
      );
    }
    const elements = typeArguments(context.checker, type);
    const items: TypeIR[] = [];
    for (const [index, element] of elements.entries()) {
      context.path.push(index);
      // An optional element's `undefined` only means "absent" (its position may be left out).
      const item =
        flags[index] === ts.ElementFlags.Optional
          ? optionalItem(element, context, convert)
          : convert(element, context);
      context.path.pop();
      if (item === undefined) return undefined;
      items.push(item);
    }
    const required = flags.filter((f) => f & ts.ElementFlags.Required).length;
    const rest = restAt >= 0 ? items.pop() : undefined;
    const tuple: TupleTypeIR = { kind: "tuple", items };
    if (required < items.length) tuple.minItems = required;
    if (rest) tuple.rest = rest;
    return tuple;
  },
};

function optionalItem(element: Type, context: TypeContext, convert: ConvertType): TypeIR | undefined {
  const converted = convertOptional(element, context, convert);
  if (!converted.absent) return converted.type;
  return report(
    context,
    "TC2001",
    "This optional tuple position can only be undefined, which JSON cannot carry.",
  );
}

/**
 * An interface that extends `Array<T>` or `ReadonlyArray<T>` without adding data of its own: an
 * array of `T` on the wire.
 */
export const arrayInterfaceHandler: TypeHandler = {
  name: "array interface",
  test: (t, c) => isInterfaceType(t) && arrayBase(t, c) !== undefined,
  convert(type, context, convert) {
    const base = arrayBase(type, context);
    const inherited = new Set(base?.getProperties().map((p) => p.getName()));
    const own = type.getProperties().filter((p) => !inherited.has(p.getName()));
    const element = type.getNumberIndexType();
    if (own.length > 0 || element === undefined) {
      const names = own.map((p) => p.getName()).join(", ");
      return report(
        context,
        "TC2001",
        `"${typeText(context.checker, type, context.node)}" is an array with properties of its own (${names}), which JSON cannot carry.`,
        "Take an object with the array as one property and the other values beside it.",
      );
    }
    return arrayOf(element, context, convert);
  },
};

/** The `Array<T>` or `ReadonlyArray<T>` an interface extends, if it does. */
function arrayBase(type: Type, context: TypeContext): Type | undefined {
  const { checker } = context;
  return (type.getBaseTypes() ?? []).find((b) => isArrayType(checker, b) || isReadonlyArrayType(checker, b));
}

/** Numeric index signatures: JSON object keys are strings, so "a number key" cannot be checked. */
export const numberIndexHandler: TypeHandler = {
  name: "number index signature",
  test: (t, c) =>
    t.getNumberIndexType() !== undefined &&
    t.getStringIndexType() === undefined &&
    !isArrayType(c.checker, t),
  convert: (t, c) =>
    report(
      c,
      "TC2001",
      `"${typeText(c.checker, t, c.node)}" is keyed by numbers; JSON object keys are strings.`,
      "Key it by string.",
    ),
};
