/**
 * The reversible encodings that keep a tool strict where a provider's strict mode cannot write a
 * type as it is (OpenAI and Anthropic both need every object closed and every property named):
 *
 * - a record (`Record<string, V>`, an object with free keys only) is sent as an array of
 *   `{ key, value }` entries;
 * - a tuple (`[string, number]`, no rest element) is sent as an object with one property per
 *   position, `"0"`, `"1"`, ...
 *
 * Each is exact: a record is never an array and a tuple never an object, so the dispatcher's
 * coercer can tell an encoded value from a plain one by its kind alone, and turns it back before
 * the value is validated. Where an encoding would not be exact, the type is not encoded and the
 * tool is sent non-strict.
 */
import type { ObjectTypeIR, TypeIR } from "../ir/types.ts";
import { takesNull } from "./type-facts.ts";

/** The property names of an encoded record entry. */
export const ENTRY_KEY = "key";
export const ENTRY_VALUE = "value";

/** A record with free keys only: encoded as `{ key, value }` entries. */
export function isEncodableRecord(type: TypeIR): type is ObjectTypeIR & { additional: TypeIR } {
  return type.kind === "object" && type.additional !== undefined && type.properties.length === 0;
}

/**
 * A tuple with at least one position and no rest element, whose optional positions do not take
 * `null` (a strict dialect sends an absent position as `null`, which must not be a value).
 */
export function isEncodableTuple(type: TypeIR, definitions: Readonly<Record<string, TypeIR>>): boolean {
  if (type.kind !== "tuple" || type.rest !== undefined || type.items.length === 0) return false;
  const required = type.minItems ?? type.items.length;
  return type.items.every((item, i) => i < required || !takesNull(item, definitions));
}
