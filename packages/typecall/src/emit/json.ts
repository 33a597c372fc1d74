/**
 * Prints JSON for generated code: a value that fits on one line within `width` stays on one line
 * (`{ "type": "string" }`), larger ones break one member per line. Reads like hand-written code and
 * diffs well. `indent` is the current nesting; `used` the columns already taken on the first line.
 */
export function printJson(value: unknown, indent = 0, width = 100, used: number = indent): string {
  return print(value, indent, width, used, new WeakMap());
}

/** `flats` memoises the one-line form of each object, so that every level does not redo its children. */
function print(
  value: unknown,
  indent: number,
  width: number,
  used: number,
  flats: WeakMap<object, string>,
): string {
  const flat = printFlat(value, flats);
  if (used + flat.length <= width || value === null || typeof value !== "object") return flat;
  const pad = " ".repeat(indent + 2);
  const entries = Array.isArray(value)
    ? value.map((item) => print(item, indent + 2, width, indent + 2, flats))
    : Object.entries(value).map(([key, item]) => {
        const prefix = `${keyText(key)}: `;
        return prefix + print(item, indent + 2, width, indent + 2 + prefix.length, flats);
      });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${entries.map((e) => pad + e).join(",\n")},\n${" ".repeat(indent)}${close}`;
}

function printFlat(value: unknown, flats: WeakMap<object, string>): string {
  if (value !== null && typeof value === "object") {
    let flat = flats.get(value);
    if (flat === undefined) {
      flat = Array.isArray(value)
        ? `[${value.map((v) => printFlat(v, flats)).join(", ")}]`
        : objectFlat(value, flats);
      flats.set(value, flat);
    }
    return flat;
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("typecall internal error: value is not JSON");
  return text;
}

function objectFlat(value: object, flats: WeakMap<object, string>): string {
  const entries = Object.entries(value).map(([k, v]) => `${keyText(k)}: ${printFlat(v, flats)}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}

/** A key of an object literal: `"__proto__": x` would set the prototype, `["__proto__"]: x` is a key. */
function keyText(key: string): string {
  return key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key);
}
