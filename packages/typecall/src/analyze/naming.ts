/** How a tool is named when its JSDoc has no `@name`: after its export, in one casing for the toolset. */

/**
 * The casing of tool names taken from exports: `camelCase` (`get_weather` -> `getWeather`) or
 * `snake_case` (`getWeather` -> `get_weather`). Absent: the export name as written.
 */
export type ToolNaming = "camelCase" | "snake_case";

/** Every {@link ToolNaming}, for option checks. */
export const TOOL_NAMINGS: readonly ToolNaming[] = ["camelCase", "snake_case"];

/**
 * The tool name for an export: as written without a naming, else in that casing. Leading and
 * trailing underscores are kept (`_draft` stays private-looking), and an acronym is one word
 * (`getHTTPStatus` -> `get_http_status`). camelCase keeps the capitals of every word but the first,
 * so a camelCase name stays as it is (`getHTTPStatus`; `HTTPStatus` -> `httpStatus`).
 */
export function toolName(exportName: string, naming: ToolNaming | undefined): string {
  if (naming === undefined) return exportName;
  const [, lead = "", core = "", trail = ""] = /^(_*)(.*?)(_*)$/s.exec(exportName) ?? [];
  const words = splitWords(core);
  if (words.length === 0) return exportName;
  const cased =
    naming === "snake_case"
      ? words.map((w) => w.toLowerCase()).join("_")
      : words.map((w, i) => (i === 0 ? w.toLowerCase() : capitalise(w))).join("");
  return `${lead}${cased}${trail}`;
}

/** `getHTTPStatus2` -> `get`, `HTTP`, `Status2`; `get_weather` -> `get`, `weather`. */
function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_]+/)
    .filter(Boolean);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
