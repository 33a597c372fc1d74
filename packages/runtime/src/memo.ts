/**
 * What generated code remembers within one pass over a call's arguments (a validation, or a
 * coercion): per object and per generated function of a union member, its verdict or its result.
 * Nested unions then cost the size of the value times the number of members, not a walk of every
 * subtree per member per level (exponential in depth).
 */

/** The pass running: what was remembered counts only within its own (the values may have changed since). */
let pass = 0;
/** Per object, per function: `pass * 2 + 1` when it passed, `pass * 2` when it failed. */
const verdicts = new WeakMap<object, Map<unknown, number>>();
/** Per object, per coercer: the pass and what the coercer made of the object. */
const results = new WeakMap<object, Map<unknown, readonly [number, unknown]>>();

/** Starts a pass (a validation or a coercion): what was remembered before no longer counts. */
export function _begin(): void {
  pass++;
}

type Issues = readonly unknown[] | undefined;

/** Whether `value` passes `check`, a generated checker of a union member, remembered for the pass. */
export function _is(check: (v: unknown) => Issues, value: unknown): boolean {
  return verdict(check, value, passes);
}

/** Whether `value` has the shape `fits` (a generated predicate of a union member) tests, remembered for the pass. */
export function _fits(fits: (v: unknown) => boolean, value: unknown): boolean {
  return verdict(fits, value, holds);
}

const passes = (check: (v: unknown) => Issues, value: unknown): boolean => check(value) === undefined;
const holds = (fits: (v: unknown) => boolean, value: unknown): boolean => fits(value);

function verdict<F>(test: F, value: unknown, run: (test: F, value: unknown) => boolean): boolean {
  if (typeof value !== "object" || value === null) return run(test, value);
  let known = verdicts.get(value);
  if (known === undefined) {
    known = new Map();
    verdicts.set(value, known);
  }
  const entry = known.get(test);
  if (entry !== undefined && Math.floor(entry / 2) === pass) return entry % 2 === 1;
  const passed = run(test, value);
  known.set(test, pass * 2 + (passed ? 1 : 0));
  return passed;
}

/** What `coerce` makes of `value`, made once per object in the pass. */
export function coerced(coerce: (v: unknown) => unknown, value: unknown): unknown {
  if (typeof value !== "object" || value === null) return coerce(value);
  let known = results.get(value);
  if (known === undefined) {
    known = new Map();
    results.set(value, known);
  }
  const entry = known.get(coerce);
  if (entry !== undefined && entry[0] === pass) return entry[1];
  const result = coerce(value);
  known.set(coerce, [pass, result]);
  return result;
}
