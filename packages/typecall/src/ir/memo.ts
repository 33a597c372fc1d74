/**
 * `make`, made once per object: for the IR and the schemas made from it, which are never changed
 * once made. The engine keeps an unchanged tool's IR from one run to the next, so what is made of
 * it this way is made again only for the tools an edit reached. Weak: what goes takes its value along.
 */
export function memoized<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    // One lookup for a value made before, but for one made `undefined`.
    const known = made.get(key);
    if (known !== undefined || made.has(key)) return known as V;
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
