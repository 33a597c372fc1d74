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

/** Tuples and index signatures: the next step of the type coverage; refused clearly until then. */
export const notYetHandlers: TypeHandler[] = [
  {
    name: "tuple",
    test: (t) => t.isTuple(),
    convert: (t, c) =>
      report(
        c,
        "TC2001",
        `Tuple type "${t.getText(c.node)}" is not supported yet.`,
        "Use an object with named properties, or an array.",
      ),
  },
  {
    name: "index signature",
    test: (t) => t.getStringIndexType() !== undefined || t.getNumberIndexType() !== undefined,
    convert: (t, c) =>
      report(
        c,
        "TC2001",
        `Index signature type "${t.getText(c.node)}" is not supported yet.`,
        "Use an array of { key, value } objects, or an object with known property names.",
      ),
  },
];
