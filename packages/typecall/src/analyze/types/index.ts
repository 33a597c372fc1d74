import type { Type } from "ts-morph";
import type { TypeIR } from "../../ir/types.ts";
import { arrayHandler, notYetHandlers } from "./array.ts";
import { report, type TypeContext, type TypeHandler } from "./context.ts";
import { objectHandler } from "./object.ts";
import { literalHandler, primitiveHandlers, refusedHandlers } from "./primitives.ts";
import { unionHandler } from "./union.ts";

export type { TypeContext } from "./context.ts";
export { convertProperty } from "./object.ts";
export { convertOptional } from "./union.ts";

/**
 * The handler table, tried in order. Refusals come first so that, for example, a function type
 * is never mistaken for an object, and arrays come before index signatures (an array has one); anything no handler accepts is refused by {@link convertType}.
 */
const handlers: readonly TypeHandler[] = [
  ...refusedHandlers,
  ...primitiveHandlers,
  literalHandler,
  unionHandler,
  arrayHandler,
  ...notYetHandlers,
  objectHandler,
];

/** Converts a TypeScript type to its wire shape, or reports why it cannot and returns undefined. */
export function convertType(type: Type, context: TypeContext): TypeIR | undefined {
  const handler = handlers.find((h) => h.test(type, context));
  if (handler) return handler.convert(type, context, convertType);
  return report(context, "TC2001", `Type "${type.getText(context.node)}" cannot be sent as JSON.`);
}
