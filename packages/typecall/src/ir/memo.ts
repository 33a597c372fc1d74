import type { TypeIR } from "./types.ts";

/**
 * `make`, made once per object: for the IR and the schemas made from it, which are never changed
 * once made. The engine keeps an unchanged tool's IR from one run to the next, so what is made of
 * it this way is made again only for the tools an edit reached. Weak: what goes takes its value along.
 */
export function memoized<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V | typeof NONE>();
  return (key) => {
    // One lookup, whether the value was made or not, and whatever it is.
    const known = made.get(key);
    if (known !== undefined) return (known === NONE ? undefined : known) as V;
    const value = make(key);
    made.set(key, value === undefined ? NONE : value);
    return value;
  };
}

/** What an `undefined` value is kept as, so that a miss is told apart by one lookup. */
const NONE: unique symbol = Symbol("none");

/** A module's named (recursive) types, by name. */
type Definitions = Readonly<Record<string, TypeIR>>;

/**
 * `make` of an object with its module's named types, made once per object while those are the same
 * input: the same object, or none (an entry analysed again without any has a new empty one).
 */
export function memoizedWith<K extends object, V>(
  make: (key: K, definitions: Definitions) => V,
): (key: K, definitions: Definitions) => V {
  const made = new WeakMap<K, { readonly definitions: Definitions; readonly value: V }>();
  return (key, definitions) => {
    const known = made.get(key);
    if (known !== undefined && sameDefinitions(known.definitions, definitions)) return known.value;
    const value = make(key, definitions);
    made.set(key, { definitions, value });
    return value;
  };
}

function sameDefinitions(a: Definitions, b: Definitions): boolean {
  if (a === b) return true;
  for (const _ in a) return false;
  for (const _ in b) return false;
  return true;
}
