/**
 * What coercion asks of a type at compile time: whether anything can change its values, whether it
 * takes `null`, whether it takes only objects and arrays. Named types are followed, once each.
 */
import type { TypeIR } from "../ir/types.ts";
import { isScalar, scalarConversion } from "./coerce-scalars.ts";

type Definitions = Readonly<Record<string, TypeIR>>;

/** Whether nothing can change a value of `type`: free strings, `unknown`, literals no number or boolean spells. */
export function isIdentity(
  type: TypeIR,
  definitions: Definitions,
  seen: ReadonlySet<string> = new Set(),
): boolean {
  switch (type.kind) {
    case "string":
    case "unknown":
      return true;
    case "number":
    case "boolean":
    case "null":
    case "literal":
      return scalarConversion([type]) === undefined;
    case "union":
      return type.members.every(isScalar) && scalarConversion(type.members.filter(isScalar)) === undefined;
    case "ref":
      // A named type that refers to itself has parts (objects or arrays), which a string can encode.
      return throughRef(type.name, definitions, seen, false, isIdentity);
    default:
      // Objects, arrays and tuples: a string can hold them double-encoded.
      return false;
  }
}

/** Whether `type` takes `null`: then `null` for an optional property of it is a value, not "absent". */
export function takesNull(
  type: TypeIR,
  definitions: Definitions,
  seen: ReadonlySet<string> = new Set(),
): boolean {
  switch (type.kind) {
    case "null":
    case "unknown":
      return true;
    case "union":
      return type.members.some((m) => takesNull(m, definitions, seen));
    case "ref":
      return throughRef(type.name, definitions, seen, false, takesNull);
    default:
      return false;
  }
}

/** Whether `type` takes only objects and arrays: no scalar can fit it. */
export function takesOnlyParts(
  type: TypeIR,
  definitions: Definitions,
  seen: ReadonlySet<string> = new Set(),
): boolean {
  switch (type.kind) {
    case "object":
    case "array":
    case "tuple":
      return true;
    case "union":
      return type.members.every((m) => takesOnlyParts(m, definitions, seen));
    case "ref":
      return throughRef(type.name, definitions, seen, true, takesOnlyParts);
    default:
      return false;
  }
}

type Fact = (type: TypeIR, definitions: Definitions, seen: ReadonlySet<string>) => boolean;

/**
 * `fact` of the named type `name`, or `onCycle` when that name is already being followed (a type
 * that refers to itself); false for a name with no definition.
 */
function throughRef(
  name: string,
  definitions: Definitions,
  seen: ReadonlySet<string>,
  onCycle: boolean,
  fact: Fact,
): boolean {
  if (seen.has(name)) return onCycle;
  const target = definitions[name];
  return target !== undefined && fact(target, definitions, new Set([...seen, name]));
}
