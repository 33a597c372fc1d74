/**
 * Prints JSON for generated code: a value that fits on one line within `width` stays on one line
 * (`{ "type": "string" }`), larger ones break one member per line. Reads like hand-written code and
 * diffs well. `indent` is the current nesting; `used` the columns already taken on the first line.
 * `replacements` prints some objects as the constants that hold them.
 */
export function printJson(
  value: unknown,
  indent = 0,
  width = 100,
  used: number = indent,
  replacements?: Replacements,
): string {
  return print(value, indent, used, { width, flats: new WeakMap(), replacements, top: value });
}

/**
 * Objects printed as something else: the name of a constant holding them, or a constant spread
 * followed by the object's remaining keys (`{ ...base, "description": "..." }`).
 */
export interface Replacements {
  /** `isTop` is set for the value being printed itself, which must not be replaced by its own name. */
  replace(node: object, isTop: boolean): Replacement | undefined;
}

type Replacement = { name: string } | { spread: string; skip: number };

/** Marks an object whose one-line form is wider than the line: it never fits anywhere. */
const TOO_WIDE = 0;

interface PrintState {
  readonly width: number;
  /**
   * The one-line form of each object that can fit on a line (or {@link TOO_WIDE}), so that every
   * level does not redo its children, and no one-line form longer than the line is ever built.
   */
  readonly flats: WeakMap<object, string | typeof TOO_WIDE>;
  readonly replacements: Replacements | undefined;
  readonly top: unknown;
}

/** What follows every value printed on its line: the `,` after a member, the `,` or `;` after a whole value. */
const TAIL = 1;

function print(value: unknown, indent: number, used: number, state: PrintState): string {
  if (value === null || typeof value !== "object") return scalarText(value);
  const flat = flatText(value, state);
  if (flat !== undefined && used + flat.length + TAIL <= state.width) return flat;
  const replaced = replacement(value, state);
  if (replaced && "name" in replaced) return replaced.name;
  const pad = " ".repeat(indent + 2);
  const entries = Array.isArray(value)
    ? value.map((item) => print(item, indent + 2, indent + 2, state))
    : [
        ...(replaced ? [`...${replaced.spread}`] : []),
        ...Object.entries(value)
          .slice(replaced?.skip ?? 0)
          .map(([key, item]) => {
            const prefix = `${keyText(key)}: `;
            return prefix + print(item, indent + 2, indent + 2 + prefix.length, state);
          }),
      ];
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  // An empty object or array is `{}` or `[]` wherever it starts: there is nothing to break.
  if (entries.length === 0) return `${open}${close}`;
  return `${open}\n${entries.map((e) => pad + e).join(",\n")},\n${" ".repeat(indent)}${close}`;
}

function replacement(value: object, state: PrintState): Replacement | undefined {
  if (Array.isArray(value)) return undefined;
  return state.replacements?.replace(value, value === state.top);
}

/** The one-line form of an object or array, or undefined when it is longer than the line. */
function flatText(value: object, state: PrintState): string | undefined {
  const known = state.flats.get(value);
  if (known !== undefined) return known === TOO_WIDE ? undefined : known;
  const { width } = state;
  let text: string | undefined;
  if (Array.isArray(value)) {
    text = "[";
    for (let i = 0; i < value.length && text !== undefined; i++) {
      const item = memberText(value[i], state);
      text = item === undefined ? undefined : `${text}${i > 0 ? ", " : ""}${item}`;
      if (text !== undefined && text.length > width) text = undefined;
    }
    if (text !== undefined) text += "]";
  } else {
    const replaced = replacement(value, state);
    if (replaced && "name" in replaced) text = replaced.name;
    else {
      text = "{";
      let first = true;
      if (replaced) {
        text += ` ...${replaced.spread}`;
        first = false;
      }
      for (const key of Object.keys(value).slice(replaced?.skip ?? 0)) {
        const item = memberText((value as Record<string, unknown>)[key], state);
        text = item === undefined ? undefined : `${text}${first ? " " : ", "}${keyText(key)}: ${item}`;
        first = false;
        if (text === undefined || text.length > width) {
          text = undefined;
          break;
        }
      }
      if (text !== undefined) text += first ? "}" : " }";
    }
  }
  if (text !== undefined && text.length > width) text = undefined;
  state.flats.set(value, text ?? TOO_WIDE);
  return text;
}

function memberText(value: unknown, state: PrintState): string | undefined {
  return value !== null && typeof value === "object" ? flatText(value, state) : scalarText(value);
}

function scalarText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error("typecall internal error: value is not JSON");
  return text;
}

/** Each key's text, made once: schemas repeat the same few keys. */
const keyTexts = new Map<string, string>();

/** A key of an object literal: `"__proto__": x` would set the prototype, `["__proto__"]: x` is a key. */
export function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = key === "__proto__" ? `[${JSON.stringify(key)}]` : JSON.stringify(key);
    keyTexts.set(key, text);
  }
  return text;
}
