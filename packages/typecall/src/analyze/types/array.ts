import { ts } from "ts-morph";
import type { TypeIR } from "../../ir/types.ts";
import { report, type TypeHandler } from "./context.ts";

/** `T[]`, `Array<T>`, `readonly T[]` and `ReadonlyArray<T>`. */
export const arrayHandler: TypeHandler = {
  name: "array",
  test: (t) => (t.isArray() || t.isReadonlyArray()) && !t.isTuple(),
  convert(type, context, convert) {
    const element = type.getArrayElementType() ?? type.getTypeArguments()[0];
    if (element === undefined)
      return report(context, "TC2005", "The array's element type could not be resolved.");
    context.path.push(0);
    try {
      const items = convert(element, context);
      return items && { kind: "array", items };
    } finally {
      context.path.pop();
    }
  },
};

/** Tuples: fixed-length arrays with a type per position (`prefixItems`). */
export const tupleHandler: TypeHandler = {
  name: "tuple",
  test: (t) => t.isTuple(),
  convert(type, context, convert) {
    const target = (type.compilerType as ts.TypeReference).target as ts.TupleType;
    if (target.elementFlags.some((f) => f & (ts.ElementFlags.Optional | ts.ElementFlags.Variable))) {
      const hint = "Use fixed positions, or an array when the length varies.";
      return report(
        context,
        "TC2001",
        `Tuple type "${type.getText(context.node)}" has optional or rest elements.`,
        hint,
      );
    }
    const items: TypeIR[] = [];
    for (const [index, element] of type.getTupleElements().entries()) {
      context.path.push(index);
      const item = convert(element, context);
      context.path.pop();
      if (item === undefined) return undefined;
      items.push(item);
    }
    return { kind: "tuple", items };
  },
};

/** Numeric index signatures: JSON object keys are strings, so "a number key" cannot be checked. */
export const numberIndexHandler: TypeHandler = {
  name: "number index signature",
  test: (t) => t.getNumberIndexType() !== undefined && t.getStringIndexType() === undefined && !t.isArray(),
  convert: (t, c) =>
    report(
      c,
      "TC2001",
      `"${t.getText(c.node)}" is keyed by numbers; JSON object keys are strings.`,
      "Key it by string.",
    ),
};
