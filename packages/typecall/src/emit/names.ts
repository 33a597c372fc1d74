/** Names in generated modules: what the module itself takes, and names made from paths. */

/** Names a generated module declares or imports: no schema constant, checker or local may take them. */
export const MODULE_NAMES: readonly string[] = [
  "tools",
  "toolset",
  "createToolset",
  "Toolset",
  "ToolContext",
  "ValidatorError",
];

/** A module-level name from words and path stems: `checkGuestsItem` from `check` and `guests_item`. */
export function camel(parts: readonly string[]): string {
  const words = parts.flatMap((p) => p.split(/[^A-Za-z0-9$]+/)).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join("");
}

/** Whether a property key can be written after a dot (`args.city`) rather than quoted. */
export function isIdentifier(key: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(key);
}

/** `.city`, or `["first name"]` for a key that is not an identifier. */
export function accessText(key: string): string {
  return isIdentifier(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A key that a plain object inherits (`constructor`, `toString`, ...): read only as an own property. */
export function isInherited(key: string): boolean {
  return key in Object.prototype;
}

/**
 * Reads an own property of the object `object` names: `object.key`, or through `_ownValue` for a
 * key `Object.prototype` also has, so an inherited value never passes for a sent one.
 */
export function ownPropertyText(object: string, key: string): string {
  return isInherited(key) ? `_ownValue(${object}, ${JSON.stringify(key)})` : `${object}${accessText(key)}`;
}
