/**
 * Ground truth as concrete calls. BFCL lists, per parameter, the values a correct call may use
 * (`""`: the parameter may be left out); inside a chosen object each field lists its values again.
 * Expansion picks one value per parameter: every combination when there are few, otherwise a set
 * in which each allowed value appears at least once.
 */

/** Stands for "left out" while combining. */
const ABSENT: unique symbol = Symbol("absent");

/** The most concrete calls one ground-truth call expands to, unless told otherwise. */
export const DEFAULT_CAP = 20;

type Choice = unknown | typeof ABSENT;

/** The concrete argument objects of one ground-truth call. */
export function expandCall(
  params: Record<string, readonly unknown[]>,
  cap = DEFAULT_CAP,
): Record<string, unknown>[] {
  return expandFields(params, cap);
}

function expandFields(fields: Record<string, unknown>, cap: number): Record<string, unknown>[] {
  const names = Object.keys(fields);
  const options = names.map((name) => allowedValues(fields[name], cap));
  return combine(options, cap).map((choices) => {
    const call: Record<string, unknown> = {};
    choices.forEach((choice, i) => {
      if (choice !== ABSENT) call[names[i] as string] = choice;
    });
    return call;
  });
}

/** The choices for one parameter or field: `""` is absence, each object and array is expanded. */
function allowedValues(allowed: unknown, cap: number): Choice[] {
  // A field written as a bare value (not a list) allows that value only.
  const list = Array.isArray(allowed) ? allowed : [allowed];
  const choices = list.flatMap((value): Choice[] => (value === "" ? [ABSENT] : concreteValues(value, cap)));
  return choices.length > 0 ? unique(choices) : [ABSENT];
}

/** A value as written in an allowed list: objects list their fields' values, arrays may hold such objects. */
function concreteValues(value: unknown, cap: number): unknown[] {
  if (Array.isArray(value)) {
    const elements = value.map((element) => concreteValues(element, cap));
    return combine(elements, cap);
  }
  if (typeof value === "object" && value !== null) return expandFields(value as Record<string, unknown>, cap);
  return [value];
}

/**
 * One pick from each list. All combinations when there are at most `cap`; otherwise the first pick
 * of each list, then that with one list changed to each of its other picks, cut at `cap`.
 */
export function combine<T>(lists: readonly (readonly T[])[], cap: number): T[][] {
  const total = lists.reduce((n, list) => n * list.length, 1);
  if (total <= cap) {
    return lists.reduce<T[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
  }
  const base = lists.map((list) => list[0] as T);
  const result: T[][] = [base];
  lists.forEach((list, i) => {
    for (const alternative of list.slice(1)) result.push(base.map((x, j) => (j === i ? alternative : x)));
  });
  return result.slice(0, cap);
}

function unique(choices: Choice[]): Choice[] {
  const seen = new Set<string>();
  return choices.filter((choice) => {
    const key = choice === ABSENT ? "\u0000absent" : JSON.stringify(choice);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
