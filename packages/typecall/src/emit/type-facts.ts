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
    case "ref": {
      // A named type that refers to itself has parts (objects or arrays), which a string can encode.
      if (seen.has(type.name)) return false;
      const target = definitions[type.name];
      return target !== undefined && isIdentity(target, definitions, new Set([...seen, type.name]));
    }
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
    case "ref": {
      if (seen.has(type.name)) return false;
      const target = definitions[type.name];
      return target !== undefined && takesNull(target, definitions, new Set([...seen, type.name]));
    }
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
    case "ref": {
      if (seen.has(type.name)) return true;
      const target = definitions[type.name];
      return target !== undefined && takesOnlyParts(target, definitions, new Set([...seen, type.name]));
    }
    default:
      return false;
  }
}
