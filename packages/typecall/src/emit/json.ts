/**
 * Prints JSON for generated code: a value that fits on one line within `width` stays on one line
 * (`{ "type": "string" }`), larger ones break one member per line. Reads like hand-written code and
 * diffs well. `indent` is the current nesting; `used` the columns already taken on the first line.
 */
export function printJson(
  value: unknown,
  indent = 0,
  width = 100,
  used: number = indent,
  replacements?: Replacements,
): string {
  return print(value, indent, width, used, { flats: new WeakMap(), replacements, top: value });
}

/**
 * Objects printed as something else: the name of a constant holding them, or a constant spread
 * followed by the object's remaining keys (`{ ...base, "description": "..." }`).
 */
export interface Replacements {
  /** `isTop` is set for the value being printed itself, which must not be replaced by its own name. */
  replace(node: object, isTop: boolean): { name: string } | { spread: string; skip: number } | undefined;
}

interface PrintState {
  /** The one-line form of each object, so that every level does not redo its children. */
  readonly flats: WeakMap<object, string>;
  readonly replacements: Replacements | undefined;
  readonly top: unknown;
}

function print(value: unknown, indent: number, width: number, used: number, state: PrintState): string {
  const flat = printFlat(value, state);
  if (used + flat.length <= width || value === null || typeof value !== "object") return flat;
  const replaced = replacement(value, state);
  if (replaced && "name" in replaced) return replaced.name;
  const pad = " ".repeat(indent + 2);
  const entries = Array.isArray(value)
    ? value.map((item) => print(item, indent + 2, width, indent + 2, state))
    : [
        ...(replaced ? [`...${replaced.spread}`] : []),
        ...Object.entries(value)
          .slice(replaced?.skip ?? 0)
          .map(([key, item]) => {
            const prefix = `${keyText(key)}: `;
            return prefix + print(item, indent + 2, width, indent + 2 + prefix.length, state);
          }),
      ];
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${entries.map((e) => pad + e).join(",\n")},\n${" ".repeat(indent)}${close}`;
}

function replacement(value: object, state: PrintState) {
  if (Array.isArray(value)) return undefined;
  return state.replacements?.replace(value, value === state.top);
}

function printFlat(value: unknown, state: PrintState): string {
  if (value !== null && typeof value === "object") {
    let flat = state.flats.get(value);
    if (flat === undefined) {
      flat = Array.isArray(value)
        ? `[${value.map((v) => printFlat(v, state)).join(", ")}]`
        : objectFlat(value, state);
      state.flats.set(value, flat);
    }
    return flat;
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("typecall internal error: value is not JSON");
  return text;
}

function objectFlat(value: object, state: PrintState): string {
  const replaced = replacement(value, state);
  if (replaced && "name" in replaced) return replaced.name;
  const entries = Object.entries(value)
    .slice(replaced?.skip ?? 0)
    .map(([k, v]) => `${keyText(k)}: ${printFlat(v, state)}`);
  if (replaced) entries.unshift(`...${replaced.spread}`);
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}

/** A key of an object literal: `"__proto__": x` would set the prototype, `["__proto__"]: x` is a key. */
function keyText(key: string): string {
  return key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key);
}
