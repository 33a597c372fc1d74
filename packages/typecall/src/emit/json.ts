/**
 * Prints JSON for generated code: a value that fits on one line within `width` stays on one line
 * (`{ "type": "string" }`), larger ones break one member per line. Reads like hand-written code and
 * diffs well. `indent` is the current nesting; `used` the columns already taken on the first line.
 */
export function printJson(value: unknown, indent = 0, width = 100, used: number = indent): string {
  return print(value, indent, width, used, new WeakMap());
}

/** Marks an object whose one-line form is wider than the line: it never fits anywhere. */
const TOO_WIDE = 0;

/**
 * `flats` memoises the one-line form of each object that can fit on a line (or {@link TOO_WIDE}),
 * so that every level does not redo its children, and no one-line form longer than the line is
 * ever built.
 */
type Flats = WeakMap<object, string | typeof TOO_WIDE>;

function print(value: unknown, indent: number, width: number, used: number, flats: Flats): string {
  if (value === null || typeof value !== "object") return scalarText(value);
  const flat = flatText(value, width, flats);
  if (flat !== undefined && used + flat.length <= width) return flat;
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

/** The one-line form of an object or array, or undefined when it is longer than `width`. */
function flatText(value: object, width: number, flats: Flats): string | undefined {
  const known = flats.get(value);
  if (known !== undefined) return known === TOO_WIDE ? undefined : known;
  let text: string | undefined;
  if (Array.isArray(value)) {
    text = "[";
    for (let i = 0; i < value.length && text !== undefined; i++) {
      const item = memberText(value[i], width, flats);
      text = item === undefined ? undefined : `${text}${i > 0 ? ", " : ""}${item}`;
      if (text !== undefined && text.length > width) text = undefined;
    }
    if (text !== undefined) text += "]";
  } else {
    text = "{";
    let first = true;
    for (const key of Object.keys(value)) {
      const item = memberText((value as Record<string, unknown>)[key], width, flats);
      text = item === undefined ? undefined : `${text}${first ? " " : ", "}${keyText(key)}: ${item}`;
      first = false;
      if (text === undefined || text.length > width) {
        text = undefined;
        break;
      }
    }
    if (text !== undefined) text += first ? "}" : " }";
  }
  if (text !== undefined && text.length > width) text = undefined;
  flats.set(value, text ?? TOO_WIDE);
  return text;
}

function memberText(value: unknown, width: number, flats: Flats): string | undefined {
  return value !== null && typeof value === "object" ? flatText(value, width, flats) : scalarText(value);
}

function scalarText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("typecall internal error: value is not JSON");
  return text;
}

/** Each key's text, made once: schemas repeat the same few keys. */
const keyTexts = new Map<string, string>();

/** A key of an object literal: `"__proto__": x` would set the prototype, `["__proto__"]: x` is a key. */
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key);
    keyTexts.set(key, text);
  }
  return text;
}
