import { memoized } from "./memo.ts";
import type { TypeIR } from "./types.ts";

/**
 * What a type or property carries besides what any check or conversion of its values depends on:
 * its words, where it was written, and whether its values are masked in text (`@sensitive`).
 */
export const WORDS: ReadonlySet<string> = new Set([
  "description",
  "location",
  "examples",
  "deprecated",
  "defaultInSignature",
  "sensitive",
]);

/**
 * Structural keys of types: a type's JSON without the fields `ignored` names, made once per type
 * object. Types with one key are alike for the code that asks (one shared checker, one coercer).
 */
export function structuralKeys(ignored: ReadonlySet<string>): (type: TypeIR) => string {
  return memoized((type) => JSON.stringify(type, (name, value) => (ignored.has(name) ? undefined : value)));
}
