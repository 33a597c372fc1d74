/**
 * Prints JSON for generated code: a value that fits on one line within `width` stays on one line
 * (`{ "type": "string" }`), larger ones break one member per line. Reads like hand-written code and
 * diffs well. `indent` is the current nesting; `used` the columns already taken on the first line.
 */
export function printJson(value: unknown, indent = 0, width = 100, used = indent): string {
  const flat = printFlat(value);
  if (used + flat.length <= width || value === null || typeof value !== "object") return flat;
  const pad = " ".repeat(indent + 2);
  const entries = Array.isArray(value)
    ? value.map((item) => printJson(item, indent + 2, width))
    : Object.entries(value).map(([key, item]) => {
        const prefix = `${JSON.stringify(key)}: `;
        return prefix + printJson(item, indent + 2, width, indent + 2 + prefix.length);
      });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${entries.map((e) => pad + e).join(",\n")},\n${" ".repeat(indent)}${close}`;
}

function printFlat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printFlat).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${printFlat(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("typecall internal error: value is not JSON");
  return text;
}
