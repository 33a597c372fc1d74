import type { Node, Type } from "typescript";
import type { TypeIR } from "../../ir/types.ts";
import { ts } from "../../typescript.ts";
import { jsDocTexts, readSymbolDoc, writtenDescription } from "../jsdoc.ts";
import { aliasedSymbol, declarationsOf, hasFlag, typeText } from "../type-query.ts";
import { arrayHandler, arrayInterfaceHandler, numberIndexHandler, tupleHandler } from "./array.ts";
import { report, type TypeContext, type TypeHandler } from "./context.ts";
import { objectHandler } from "./object.ts";
import {
  brandedPrimitiveHandler,
  literalHandler,
  objectKeywordHandler,
  primitiveHandlers,
  refusedHandlers,
} from "./primitives.ts";
import { revivedHandlers, templateLiteralHandler } from "./special.ts";
import { taggedHandler } from "./tagged.ts";
import { unionHandler } from "./union.ts";

export type { AnalyzeOptions, EntryState, TypeContext } from "./context.ts";
export { applyDocTags, applyTypeTags, convertProperty } from "./object.ts";
export { convertOptional } from "./union.ts";

/**
 * The handler table, tried in order. Refusals come first so that, for example, a function type
 * is never mistaken for an object, and arrays come before index signatures (an array has one); anything no handler accepts is refused by {@link convertType}.
 */
const handlers: readonly TypeHandler[] = [
  ...revivedHandlers,
  ...refusedHandlers,
  taggedHandler,
  brandedPrimitiveHandler,
  objectKeywordHandler,
  ...primitiveHandlers,
  literalHandler,
  templateLiteralHandler,
  unionHandler,
  tupleHandler,
  arrayHandler,
  arrayInterfaceHandler,
  numberIndexHandler,
  objectHandler,
];

/**
 * Converts a TypeScript type to its wire shape, or reports why it cannot and returns undefined.
 * A structured type met again inside itself becomes a `ref` to a named definition (`$defs`).
 *
 * Every path ends in a wire shape or an error: a handler that gives up without saying why is a
 * bug of ours, reported as TC9001 at the value, never a silently missing parameter.
 */
export function convertType(type: Type, context: TypeContext): TypeIR | undefined {
  const before = context.diagnostics.length;
  const ir = convertKnownType(type, context);
  if (ir === undefined && !context.diagnostics.slice(before).some((d) => d.severity === "error")) {
    const text = typeText(context.checker, type, context.node);
    report(context, "TC9001", `typecall found no wire shape for type "${text}" and no reason why.`);
  }
  return ir;
}

function convertKnownType(type: Type, context: TypeContext): TypeIR | undefined {
  const structured = hasFlag(type, ts.TypeFlags.Object | ts.TypeFlags.Union | ts.TypeFlags.Intersection);
  if (structured && context.stack.includes(type)) return { kind: "ref", name: definitionName(type, context) };
  if (structured) context.stack.push(type);
  let ir: TypeIR | undefined;
  try {
    const handler = isLibArray(type, context) ? arrayHandler : handlers.find((h) => h.test(type, context));
    ir = handler
      ? handler.convert(type, context, convertType)
      : report(
          context,
          "TC2001",
          `Type "${typeText(context.checker, type, context.node)}" cannot be sent as JSON.`,
        );
  } finally {
    if (structured) context.stack.pop();
  }
  if (ir !== undefined && ir.kind !== "ref" && ir.description === undefined) {
    const description = declaredDescription(type, context) || primitiveAliasDescription(type, context);
    if (description) ir = { ...ir, description };
  }
  const name = context.entry.names.get(type);
  if (name === undefined || ir === undefined) return ir;
  context.entry.definitions[name] = ir;
  return { kind: "ref", name };
}

/**
 * `T[]` with TypeScript's own `Array` (or `ReadonlyArray`), not augmented: the table would find the
 * array handler too, after asking questions (call signatures, properties) that make the checker
 * resolve every member of `Array<T>`, which no array conversion needs.
 */
function isLibArray(type: Type, context: TypeContext): boolean {
  const symbol = type.getSymbol();
  return !!symbol && arrayHandler.test(type, context) && isFromLib(declarationsOf(symbol), true);
}

/** Names not to use for definitions: the generated module's own exports. */
const RESERVED = new Set([
  "ToolMap",
  "ToolName",
  "ToolArgs",
  "ToolResult",
  "ToolsetContext",
  "toolset",
  "tools",
]);

/** The `$defs` name of a recursive type: its alias or interface name, made unique. */
function definitionName(type: Type, context: TypeContext): string {
  const known = context.entry.names.get(type);
  if (known) return known;
  const base = (type.aliasSymbol ?? type.getSymbol())?.getName().replace(/\W/g, "") || "Recursive";
  const taken = new Set([...context.entry.names.values(), ...RESERVED]);
  let name = /^__/.test(base) ? "Recursive" : base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  context.entry.names.set(type, name);
  return name;
}

/**
 * The comment of the alias or interface that declares a type (`/** A service. *\/ type Service =
 * string`), never one of TypeScript's own lib types (`Record`, `Partial`, ...).
 */
function declaredDescription(type: Type, context: TypeContext): string {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  if (!symbol || symbol.getName().startsWith("__")) return "";
  return isFromLib(declarationsOf(symbol)) ? "" : readSymbolDoc(symbol, context.checker).description;
}

/**
 * `type Service = string` leaves no trace on the type (TypeScript resolves it to `string`), so the
 * alias's comment is found through the declaration's type node: `s: Service` or `s: Service[]`.
 */
function primitiveAliasDescription(type: Type, context: TypeContext): string {
  if (hasFlag(type, ts.TypeFlags.Object | ts.TypeFlags.Union)) return "";
  const { checker, node: own } = context;
  let node: Node | undefined = ts.isParameter(own) || ts.isPropertySignature(own) ? own.type : own;
  // Converting the items of `s: Service[]`: the path ends in the item index.
  if (node && ts.isArrayTypeNode(node) && typeof context.path.at(-1) === "number") node = node.elementType;
  if (!node || !ts.isTypeReferenceNode(node) || checker.getTypeAtLocation(node) !== type) return "";
  const symbol = checker.getSymbolAtLocation(node.typeName);
  const target = symbol && (aliasedSymbol(checker, symbol) ?? symbol);
  const alias = target && declarationsOf(target)[0];
  if (!alias || !ts.isTypeAliasDeclaration(alias) || isFromLib([alias])) return "";
  return jsDocTexts(alias)
    .map((d) => writtenDescription(d).trim())
    .filter(Boolean)
    .join("\n\n");
}

/**
 * Declared by TypeScript's own lib files (`Record`, `Partial`, `Exclude`, ...), whose comments are
 * not the user's: by one of them, or with `every`, only by them.
 */
function isFromLib(declarations: readonly Node[], every = false): boolean {
  const inLib = (d: Node) =>
    /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(d.getSourceFile().fileName);
  return every ? declarations.length > 0 && declarations.every(inLib) : declarations.some(inLib);
}
