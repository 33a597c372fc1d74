/**
 * The preparation of parsed arguments, as the README documents it ("What lenient parsing and
 * coercion do, and never do"), written from the IR by the rules alone, as the reference the
 * generated coercers and dispatch are compared with:
 *
 * - a value that fits its type is never converted;
 * - a string holding exactly a JSON number, boolean or `null` literal becomes that value where the
 *   type wants that kind and the result fits (an integer past 2^53 stays a string);
 * - a string holding a JSON object or array becomes it where the type wants one, prepared inside
 *   (whether it then fits is the validator's to say, at the path inside it; in a union, only a
 *   member it fits takes it, as below);
 * - a number or boolean becomes a string only for a string literal of exactly that text;
 * - `null` for an optional property whose type does not take null means absent; an absent property
 *   with a default gets a copy of it;
 * - a union keeps a value some member takes as it is (that member's defaults apply), else uses a
 *   conversion only when every member that accepts a converted value agrees on it;
 * - a record (free keys only) sent as an array of `{ key, value }` entries with distinct keys is
 *   that record; a tuple without a rest element (whose optional items do not take null) sent as an
 *   object of positions `"0"`, `"1"`, ... is that tuple, a `null` or missing optional position
 *   ending it. This is how strict dialects send them.
 *
 * "Fits" is the IR's shape: kinds, integers, literals, required and unknown properties, items,
 * tuple positions, union members. Refinements (bounds, lengths, formats, patterns) are the
 * validator's business, and never decide a conversion.
 */
import type { ObjectTypeIR, PropertyIR, TypeIR } from "../../src/index.ts";

/** The toolset's named types, which `{ kind: "ref" }` points into. */
export type Definitions = Readonly<Record<string, TypeIR>>;

type Kind = TypeIR["kind"];
type Of<K extends Kind> = Extract<TypeIR, { kind: K }>;

/** What the tool should receive for parsed arguments `value`, before validation. */
export function prepareArguments(
  value: unknown,
  parameters: readonly PropertyIR[],
  definitions: Definitions,
): unknown {
  return prepare(value, { kind: "object", properties: [...parameters] }, definitions);
}

/** `value` prepared for `type`: a new value (the input is never mutated). */
export function prepare(value: unknown, type: TypeIR, definitions: Definitions): unknown {
  return (PREPARE[type.kind] as Preparer<Kind>)(value, type as never, definitions);
}

type Preparer<K extends Kind> = (value: unknown, type: Of<K>, definitions: Definitions) => unknown;

const PREPARE: { [K in Kind]: Preparer<K> } = {
  string: convertUnlessFits,
  number: convertUnlessFits,
  boolean: convertUnlessFits,
  null: convertUnlessFits,
  literal: convertUnlessFits,
  unknown: (value) => value,
  array: (value, type, definitions) =>
    Array.isArray(value)
      ? value.map((item) => prepare(item, type.items, definitions))
      : decodeInto(value, type, definitions),
  tuple: (value, type, definitions) => {
    const items = Array.isArray(value) ? value : positionsOf(value, type, definitions);
    return items !== undefined
      ? items.map((item, i) => {
          const at = i < type.items.length ? type.items[i] : type.rest;
          return at === undefined ? item : prepare(item, at, definitions);
        })
      : decodeInto(value, type, definitions);
  },
  object: (value, type, definitions) => {
    const record = isRecord(value) ? value : entriesOf(value, type);
    return record !== undefined
      ? prepareObject(record, type, definitions)
      : decodeInto(value, type, definitions);
  },
  union: prepareUnion,
  ref: (value, type, definitions) => prepare(value, resolveRef(type, definitions), definitions),
};

/** The record an array of `{ key, value }` entries sends, for a record type; else undefined. */
function entriesOf(value: unknown, type: ObjectTypeIR): Record<string, unknown> | undefined {
  if (!Array.isArray(value) || type.properties.length > 0 || type.additional === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const entry of value) {
    if (!isRecord(entry) || Object.keys(entry).sort().join() !== "key,value") return undefined;
    if (typeof entry.key !== "string" || Object.hasOwn(out, entry.key)) return undefined;
    putOwn(out, entry.key, entry.value);
  }
  return out;
}

/** The items an object of positions sends, for a tuple type that strict dialects send so; else undefined. */
function positionsOf(value: unknown, type: Of<"tuple">, definitions: Definitions): unknown[] | undefined {
  if (!isRecord(value) || type.rest !== undefined || type.items.length === 0) return undefined;
  const required = type.minItems ?? type.items.length;
  if (type.items.some((item, i) => i >= required && fitsType(null, item, definitions))) return undefined;
  const positions = type.items.map((_, i) => String(i));
  if (Object.keys(value).some((key) => !positions.includes(key))) return undefined;
  const present = positions.map(
    (key, i) => Object.hasOwn(value, key) && !(i >= required && value[key] === null),
  );
  const length = present.indexOf(false) < 0 ? positions.length : present.indexOf(false);
  if (length < required || present.slice(length).some(Boolean)) return undefined;
  return positions.slice(0, length).map((key) => value[key]);
}

function convertUnlessFits(value: unknown, type: Of<ScalarKind>, definitions: Definitions): unknown {
  if (fitsType(value, type, definitions)) return value;
  const converted = (CONVERT[type.kind] as Converter<ScalarKind>)(value, type as never);
  return converted !== NONE && fitsType(converted.value, type, definitions) ? converted.value : value;
}

/** Properties the object knows are prepared as their type says; then nulls dropped, defaults filled. */
function prepareObject(
  record: Record<string, unknown>,
  type: ObjectTypeIR,
  definitions: Definitions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    const property = type.properties.find((p) => p.name === key);
    if (property === undefined) {
      putOwn(out, key, type.additional ? prepare(item, type.additional, definitions) : item);
    } else if (!(item === null && property.optional && !fitsType(null, property.type, definitions))) {
      putOwn(out, key, prepare(item, property.type, definitions));
    }
  }
  for (const property of type.properties)
    if (property.default !== undefined && !Object.hasOwn(out, property.name))
      putOwn(out, property.name, structuredClone(property.default));
  return out;
}

function prepareUnion(value: unknown, type: Of<"union">, definitions: Definitions): unknown {
  const direct = type.members.find((member) => fitsType(value, member, definitions));
  if (direct !== undefined) return prepare(value, direct, definitions);
  const accepted = type.members.flatMap((member) => {
    const candidate = prepare(value, member, definitions);
    return fitsType(candidate, member, definitions) ? [candidate] : [];
  });
  const texts = new Set(accepted.map(canonicalText));
  return texts.size === 1 ? accepted[0] : value;
}

// Conversions of a scalar that does not fit, per kind of the type it should fit.

type ScalarKind = "string" | "number" | "boolean" | "null" | "literal";
const NONE: unique symbol = Symbol("no conversion");
type Converter<K extends ScalarKind> = (value: unknown, type: Of<K>) => { value: unknown } | typeof NONE;

const CONVERT: { [K in ScalarKind]: Converter<K> } = {
  string: () => NONE,
  number: (value) => (typeof value === "string" ? readNumber(value) : NONE),
  boolean: (value) => (typeof value === "string" ? readBoolean(value) : NONE),
  null: (value) => (value === "null" ? { value: null } : NONE),
  literal: convertToLiteral,
};

function convertToLiteral(value: unknown, type: Of<"literal">): { value: unknown } | typeof NONE {
  const wanted = type.value;
  if (typeof value === "string") {
    if (typeof wanted === "number") return readNumber(value);
    return typeof wanted === "boolean" ? readBoolean(value) : NONE;
  }
  // To a string only where the literal is exactly the text, and only from a number that is exactly
  // what the model wrote (an integer past 2^53 was rounded by JSON.parse already).
  if (typeof wanted !== "string") return NONE;
  if (typeof value === "boolean") return { value: String(value) };
  if (typeof value === "number" && (!Number.isInteger(value) || Number.isSafeInteger(value)))
    return { value: String(value) };
  return NONE;
}

/** A string holding a JSON object or array, for an object, array or tuple type: the decoded value, prepared for it. */
function decodeInto(value: unknown, type: TypeIR, definitions: Definitions): unknown {
  if (typeof value !== "string") return value;
  let decoded: unknown;
  try {
    decoded = JSON.parse(value);
  } catch {
    return value;
  }
  const wanted = type.kind === "object" ? isRecord(decoded) : Array.isArray(decoded);
  return wanted ? prepare(decoded, type, definitions) : value;
}

/** JSON's number grammar, exactly: no spaces, no sign but minus, no leading zeros, no bare dots. */
const NUMBER_LITERAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** The number a string holds exactly, when a JavaScript number holds it (an integer within 2^53). */
export function readNumber(text: string): { value: number } | typeof NONE {
  if (!NUMBER_LITERAL.test(text)) return NONE;
  const value = Number(text);
  if (!Number.isFinite(value)) return NONE;
  return Number.isInteger(value) && !Number.isSafeInteger(value) ? NONE : { value };
}

function readBoolean(text: string): { value: boolean } | typeof NONE {
  return text === "true" || text === "false" ? { value: text === "true" } : NONE;
}

// Whether a value fits a type's shape (refinements aside).

type Fitter<K extends Kind> = (value: unknown, type: Of<K>, definitions: Definitions) => boolean;

const FITS: { [K in Kind]: Fitter<K> } = {
  string: (value) => typeof value === "string",
  number: (value, type) => typeof value === "number" && (!type.integer || Number.isInteger(value)),
  boolean: (value) => typeof value === "boolean",
  null: (value) => value === null,
  literal: (value, type) => value === type.value,
  unknown: (value) => value !== undefined,
  array: (value, type, definitions) =>
    Array.isArray(value) && value.every((item) => fitsType(item, type.items, definitions)),
  tuple: (value, type, definitions) => {
    if (!Array.isArray(value) || value.length < (type.minItems ?? type.items.length)) return false;
    if (type.rest === undefined && value.length > type.items.length) return false;
    return value.every((item, i) => fitsType(item, (type.items[i] ?? type.rest) as TypeIR, definitions));
  },
  object: (value, type, definitions) => isRecord(value) && objectFits(value, type, definitions),
  union: (value, type, definitions) => type.members.some((member) => fitsType(value, member, definitions)),
  ref: (value, type, definitions) => fitsType(value, resolveRef(type, definitions), definitions),
};

/** Whether `value` has the shape `type` describes (bounds, lengths, formats and patterns aside). */
export function fitsType(value: unknown, type: TypeIR, definitions: Definitions): boolean {
  return (FITS[type.kind] as Fitter<Kind>)(value, type as never, definitions);
}

function objectFits(record: Record<string, unknown>, type: ObjectTypeIR, definitions: Definitions): boolean {
  if (type.properties.some((p) => !p.optional && !Object.hasOwn(record, p.name))) return false;
  return Object.entries(record).every(([key, item]) => {
    const property = type.properties.find((p) => p.name === key);
    const at = property?.type ?? type.additional;
    return at !== undefined && fitsType(item, at, definitions);
  });
}

/** The definition a ref names. */
export function resolveRef(type: Of<"ref">, definitions: Definitions): TypeIR {
  const target = definitions[type.name];
  if (target === undefined) throw new Error(`no definition named ${type.name}`);
  return target;
}

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own property, also for the key `__proto__` (which plain assignment would not make). */
export function putOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON text with object keys sorted: equal texts, equal JSON values (key order aside). */
export function canonicalText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText(value[k])}`).join(",")}}`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}
