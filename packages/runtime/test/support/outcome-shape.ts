/**
 * The documented shape of an outcome, checked on anything `dispatch` resolves to:
 * `{ ok: true, name, id?, value, content }` or
 * `{ ok: false, name, id?, error: { code, message, issues? }, content }`, `content` a string no
 * longer than the toolset's `maxContentLength`. Reading the value never throws.
 */

/** The documented default of `maxContentLength`. */
export const DEFAULT_MAX_CONTENT = 100_000;

/** Why `value` is not an outcome of the documented shape, or `undefined` when it is one. */
export function outcomeProblem(value: unknown, maxContentLength = DEFAULT_MAX_CONTENT): string | undefined {
  try {
    return shapeProblem(value, maxContentLength);
  } catch (error) {
    return `reading the outcome threw (${describe(error)})`;
  }
}

/** Why `value` is not an array of `length` outcomes (any length when undefined), or `undefined`. */
export function batchProblem(
  value: unknown,
  length?: number,
  maxContentLength = DEFAULT_MAX_CONTENT,
): string | undefined {
  try {
    if (!Array.isArray(value)) return `dispatchAll resolved to ${describe(value)}, not an array`;
    if (length !== undefined && value.length !== length)
      return `dispatchAll resolved to ${value.length} outcomes for ${length} calls`;
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(value[i], maxContentLength);
      if (problem !== undefined) return `outcome ${i}: ${problem}`;
    }
    return undefined;
  } catch (error) {
    return `reading the outcomes threw (${describe(error)})`;
  }
}

function shapeProblem(value: unknown, maxContentLength: number): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return `resolved to ${describe(value)}, not an outcome object`;
  const outcome = value as Record<string, unknown>;
  if (typeof outcome.ok !== "boolean") return `ok is ${describe(outcome.ok)}, not a boolean`;
  if (typeof outcome.name !== "string") return `name is ${describe(outcome.name)}, not a string`;
  if (outcome.id !== undefined && typeof outcome.id !== "string")
    return `id is ${describe(outcome.id)}, not a string`;
  if (typeof outcome.content !== "string") return `content is ${describe(outcome.content)}, not a string`;
  if (outcome.content.length > maxContentLength)
    return `content has ${outcome.content.length} characters, over maxContentLength ${maxContentLength}`;
  if (outcome.ok) return Object.hasOwn(outcome, "error") ? "a success carries an error" : undefined;
  if (Object.hasOwn(outcome, "value")) return "a failure carries a value";
  return errorProblem(outcome.error);
}

function errorProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return `error is ${describe(value)}, not an object`;
  const error = value as Record<string, unknown>;
  if (typeof error.code !== "string" || !/^[a-z_]+$/.test(error.code))
    return `error.code is ${describe(error.code)}, not a snake_case code`;
  if (typeof error.message !== "string") return `error.message is ${describe(error.message)}, not a string`;
  if (error.issues === undefined) return undefined;
  if (!Array.isArray(error.issues)) return `error.issues is ${describe(error.issues)}, not an array`;
  const bad = error.issues.findIndex(
    (issue: unknown) =>
      typeof issue !== "object" ||
      issue === null ||
      ["path", "expected", "received"].some(
        (key) => typeof (issue as Record<string, unknown>)[key] !== "string",
      ),
  );
  return bad < 0 ? undefined : `error.issues[${bad}] is not { path, expected, received } strings`;
}

/** A short description of any value, for messages; never throws. */
export function describe(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${String(value.message).slice(0, 200)}`;
    if (typeof value === "string")
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
    if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
    return typeof value === "symbol" ? value.toString() : `${typeof value} ${String(value)}`;
  } catch {
    return `an unprintable ${typeof value}`;
  }
}
