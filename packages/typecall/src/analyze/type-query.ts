import type {
  Declaration,
  LiteralType,
  Node,
  ObjectFlags,
  ObjectType,
  PseudoBigInt,
  Symbol as TsSymbol,
  Type,
  TypeChecker,
  TypeFlags,
  TypeReference,
} from "typescript";
import { ts } from "../typescript.ts";

/**
 * Small questions about TypeScript's types, symbols and nodes, asked of the compiler API directly:
 * analysis walks many types, and a wrapper object per type and node would cost more than the walk.
 */

/** How messages print types: whole, with the type arguments of signatures, `typeof f` for functions. */
const TEXT_FLAGS =
  ts.TypeFormatFlags.UseTypeOfFunction |
  ts.TypeFormatFlags.NoTruncation |
  ts.TypeFormatFlags.UseFullyQualifiedType |
  ts.TypeFormatFlags.WriteTypeArgumentsOfSignature;

/** The type as TypeScript prints it, seen from `node` when given. */
export function typeText(checker: TypeChecker, type: Type, node?: Node): string {
  const flags =
    node && ts.isTypeAliasDeclaration(node) ? TEXT_FLAGS | ts.TypeFormatFlags.InTypeAlias : TEXT_FLAGS;
  return checker.typeToString(type, node, flags);
}

/** Whether the type has any of `flags`. */
export function hasFlag(type: Type, flags: TypeFlags): boolean {
  return (type.flags & flags) !== 0;
}

/** The type arguments of a generic type's instance (`string` of `Array<string>`). */
export function typeArguments(checker: TypeChecker, type: Type): readonly Type[] {
  return checker.getTypeArguments(type as TypeReference);
}

/** The name of the type's symbol (`Array`, `Date`, an interface's name), if it has one. */
export function symbolName(type: Type): string | undefined {
  return type.getSymbol()?.getName();
}

/** `T[]`, `Array<T>`, `readonly T[]` or `ReadonlyArray<T>` (tuples too: see {@link isTupleType}). */
export function isArrayType(checker: TypeChecker, type: Type): boolean {
  const name = symbolName(type);
  return (name === "Array" || name === "ReadonlyArray") && typeArguments(checker, type).length === 1;
}

/** `readonly T[]` or `ReadonlyArray<T>`. */
export function isReadonlyArrayType(checker: TypeChecker, type: Type): boolean {
  return symbolName(type) === "ReadonlyArray" && typeArguments(checker, type).length === 1;
}

/** A tuple type (`[string, number]`), readonly or not. */
export function isTupleType(type: Type): boolean {
  const target = (type as Partial<TypeReference>).target;
  return target !== undefined && (objectFlags(target) & ts.ObjectFlags.Tuple) !== 0;
}

/** A type declared by an `interface`. */
export function isInterfaceType(type: Type): boolean {
  return (objectFlags(type) & ts.ObjectFlags.Interface) !== 0;
}

function objectFlags(type: Type): ObjectFlags {
  return hasFlag(type, ts.TypeFlags.Object) ? (type as ObjectType).objectFlags : 0;
}

/** The members of a union, or none. */
export function unionMembers(type: Type): readonly Type[] {
  return type.isUnion() ? type.types : [];
}

/** The members of an intersection, or none. */
export function intersectionMembers(type: Type): readonly Type[] {
  return type.isIntersection() ? type.types : [];
}

/** The property of the type with this name, among the properties the type lists. */
export function propertyNamed(type: Type, name: string): TsSymbol | undefined {
  return type.getProperties().find((p) => p.getName() === name);
}

/** The value of a string, number or bigint literal type. */
export function literalValue(type: Type): string | number | PseudoBigInt | undefined {
  return (type as Partial<LiteralType>).value;
}

/** Whether TypeScript could not type this (an unknown name, a type error where it was inferred). */
export function isErrorType(type: Type): boolean {
  return (type as { intrinsicName?: string }).intrinsicName === "error";
}

/** `true` or `false` for a boolean literal type (whose intrinsic name is how TypeScript prints it). */
export function booleanLiteralValue(type: Type): boolean {
  return (type as { intrinsicName?: string }).intrinsicName === "true";
}

/** The symbol's declarations, or none. */
export function declarationsOf(symbol: TsSymbol): readonly Declaration[] {
  return symbol.declarations ?? [];
}

/** Whether a property symbol is optional (`name?: T`). */
export function isOptionalSymbol(symbol: TsSymbol): boolean {
  return (symbol.flags & ts.SymbolFlags.Optional) !== 0;
}

/** What an import or export alias stands for; undefined for a symbol that is not an alias. */
export function aliasedSymbol(checker: TypeChecker, symbol: TsSymbol): TsSymbol | undefined {
  return (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : undefined;
}

/** The nearest ancestor of the node that passes `test`. */
export function ancestorOf<T extends Node>(node: Node, test: (n: Node) => n is T): T | undefined {
  for (let current = node.parent; current; current = current.parent) if (test(current)) return current;
  return undefined;
}

/** Every node below `node`, depth first in source order. */
export function descendantsOf(node: Node): Node[] {
  const found: Node[] = [];
  const visit = (child: Node): void => {
    found.push(child);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}
