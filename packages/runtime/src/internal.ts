/**
 * Helpers that generated validators call at runtime (`@typecall/runtime/internal`). Not for
 * application code: names start with `_` and follow the calling conventions of the code typia
 * generates, so the compiler can point typia's imports here instead of at typia.
 */
import type { ValidatorError } from "./types.ts";

/**
 * Creates the `_report` function of a generated validator, which collects errors into `errors`.
 * A report counts when `exceptable` is true, and is dropped when its path is the last reported
 * path or an ancestor of it: a validator reports a nested failure first and its parent's
 * "expected object" second, and only the precise one helps. Always returns `false`, so generated
 * code can write `check || _report(...)`.
 */
export function _validateReport(
  errors: ValidatorError[],
): (exceptable: boolean, error: { path: string; expected: string; value: unknown }) => false {
  return (exceptable, error) => {
    if (exceptable && !coversLast(errors, error.path)) errors.push(error);
    return false;
  };
}

/** Whether `path` is the last error's path or one of its ancestors (`$input.a` of `$input.a[0].b`). */
function coversLast(errors: readonly ValidatorError[], path: string): boolean {
  const last = errors.at(-1)?.path;
  if (last === undefined || !last.startsWith(path)) return false;
  // `$input.guest` is a string prefix of `$input.guests`, but not its ancestor.
  const boundary = last[path.length];
  return boundary === undefined || boundary === "." || boundary === "[";
}

/**
 * How a property key extends a validator path: `.city` for an identifier, `["my key"]` otherwise.
 * Used by generated validators (typecall's engine) and as typia's `_accessExpressionAsString`.
 */
export function _accessKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** typia's name for {@link _accessKey}. */
export const _accessExpressionAsString: (key: string) => string = _accessKey;
