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
