/**
 * "Near-miss" copies of a valid arguments value, made from the IR: the slips that preparation acts
 * on (or must leave alone), at every path: numbers, booleans and null sent as strings (fractions
 * where integers are), nulls for optional properties and record entries, defaulted properties left
 * out, objects and arrays sent double-encoded, numbers where a literal of numeric text is, numbers
 * where a free string is. Each family is also applied everywhere at once, so that the slips meet
 * inside unions.
 */
import type { ObjectTypeIR, PropertyIR, TypeIR } from "../../src/index.ts";
import type { Probe } from "./ir-mutations.ts";
import { type Definitions, fitsType, isRecord, putOwn, readNumber, resolveRef } from "./ir-prepare.ts";
import { formatSegment } from "./ir-values.ts";

/** A place in a value: its type as declared there (unions kept), the value, how to replace it. */
interface Site {
  type: TypeIR;
  value: unknown;
  put(next: unknown): unknown;
  path: string;
}

/** A slip: a name, and the replacements it makes for a value of a type (none where it does not apply). */
export interface Family {
  name: string;
  at(type: TypeIR, value: unknown, definitions: Definitions): unknown[];
  /** The slip made to all it applies to at once (all the object's optional properties null); else the first of `at`. */
  all?(type: TypeIR, value: unknown, definitions: Definitions): unknown;
}

/** Items of an array looked into: later ones add time, not cases. */
const ITEMS_LOOKED_INTO = 3;

/** The near misses of one valid arguments value: each family at each path, then everywhere at once. */
export function nearMisses(
  parameters: readonly PropertyIR[],
  definitions: Definitions,
  value: unknown,
  families: readonly Family[] = FAMILIES,
): Probe[] {
  const type: ObjectTypeIR = { kind: "object", properties: [...parameters] };
  const sites = collectSites({ type, value, put: (next) => next, path: "$input" }, definitions);
  const single = sites.flatMap((site) =>
    families.flatMap((family) =>
      family
        .at(site.type, site.value, definitions)
        .map((next) => ({ value: site.put(next), path: site.path, change: family.name, type: site.type })),
    ),
  );
  const text = JSON.stringify(value);
  const everywhere = families.flatMap((family): Probe[] => {
    const changed = applyEverywhere(value, type, definitions, family, true);
    const change = `${family.name}, everywhere at once`;
    return JSON.stringify(changed) === text ? [] : [{ value: changed, path: "$input", change }];
  });
  return [...single, ...everywhere];
}

/** Every site of a value, the value itself first; a union's value is looked into as the member it fits. */
function collectSites(site: Site, definitions: Definitions): Site[] {
  const found: Site[] = [site];
  const shape = shapeOf(site.type, site.value, definitions);
  const { value } = site;
  const child = (segment: string | number, type: TypeIR, item: unknown, put: (next: unknown) => unknown) =>
    found.push(
      ...collectSites({ type, value: item, put, path: site.path + formatSegment(segment) }, definitions),
    );
  if (shape?.kind === "object" && isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      const type = shape.properties.find((p) => p.name === key)?.type ?? shape.additional;
      if (type) child(key, type, item, (next) => site.put(withEntry(value, key, next)));
    }
  } else if ((shape?.kind === "array" || shape?.kind === "tuple") && Array.isArray(value)) {
    value.slice(0, ITEMS_LOOKED_INTO).forEach((item, i) => {
      const type = shape.kind === "array" ? shape.items : (shape.items[i] ?? shape.rest);
      if (type) child(i, type, item, (next) => site.put(value.map((x, j) => (j === i ? next : x))));
    });
  }
  return found;
}

/** The type a value has at a site: refs followed, a union resolved to the first member it fits. */
function shapeOf(type: TypeIR, value: unknown, definitions: Definitions): TypeIR | undefined {
  if (type.kind === "ref") return shapeOf(resolveRef(type, definitions), value, definitions);
  if (type.kind !== "union") return type;
  const member = type.members.find((m) => fitsType(value, m, definitions));
  return member && shapeOf(member, value, definitions);
}

/** The value with the family's first replacement made at every site, inner sites first. */
function applyEverywhere(
  value: unknown,
  type: TypeIR,
  definitions: Definitions,
  family: Family,
  root = false,
): unknown {
  const shape = shapeOf(type, value, definitions);
  let inner = value;
  if (shape?.kind === "object" && isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const at = shape.properties.find((p) => p.name === key)?.type ?? shape.additional;
      putOwn(out, key, at ? applyEverywhere(item, at, definitions, family) : item);
    }
    inner = out;
  } else if ((shape?.kind === "array" || shape?.kind === "tuple") && Array.isArray(value)) {
    inner = value.map((item, i) => {
      const at = shape.kind === "array" ? shape.items : (shape.items[i] ?? shape.rest);
      return at ? applyEverywhere(item, at, definitions, family) : item;
    });
  }
  // The arguments object itself stays an object: a text of arguments is parsed as such, not decoded.
  if (root && family.name === DOUBLE_ENCODED) return inner;
  // The shape the value had before its insides changed (the changed value may fit no member).
  const at = shape ?? type;
  if (family.all) return family.all(at, inner, definitions);
  const [first] = family.at(at, inner, definitions);
  return first === undefined ? inner : first;
}

function withEntry(record: Record<string, unknown>, key: string, next: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(record)) putOwn(out, k, k === key ? next : item);
  return out;
}

/** A slip of an object's own keys: each selected key set to null or dropped, one at a time or all at once. */
function objectFamily(
  name: string,
  change: "null" | "drop",
  select: (shape: ObjectTypeIR, record: Record<string, unknown>) => string[],
): Family {
  const keysOf = (type: TypeIR, value: unknown, definitions: Definitions) => {
    const shape = shapeOf(type, value, definitions);
    return shape?.kind === "object" && isRecord(value) ? select(shape, value) : [];
  };
  const apply = (record: Record<string, unknown>, keys: readonly string[]) => {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(record)) {
      if (!keys.includes(k)) putOwn(out, k, item);
      else if (change === "null") putOwn(out, k, null);
    }
    return out;
  };
  return {
    name,
    at: (type, value, definitions) =>
      keysOf(type, value, definitions).map((key) => apply(value as Record<string, unknown>, [key])),
    all: (type, value, definitions) => {
      const keys = keysOf(type, value, definitions);
      return keys.length === 0 ? value : apply(value as Record<string, unknown>, keys);
    },
  };
}

/** The string literals a type (or its union members, through refs) holds. */
function stringLiterals(type: TypeIR, definitions: Definitions, seen = new Set<string>()): string[] {
  if (type.kind === "literal") return typeof type.value === "string" ? [type.value] : [];
  if (type.kind === "union") return type.members.flatMap((m) => stringLiterals(m, definitions, seen));
  if (type.kind !== "ref" || seen.has(type.name)) return [];
  seen.add(type.name);
  return stringLiterals(resolveRef(type, definitions), definitions, seen);
}

/** A string that is exactly a JSON number, boolean or null literal: the value it holds. */
function literalOf(text: string): unknown[] {
  const number = readNumber(text);
  if (typeof number === "object") return [number.value];
  return text === "true" || text === "false" ? [text === "true"] : [];
}

const DOUBLE_ENCODED = "double-encoded";

/** The slips the documented rules act on, or must leave alone. */
export const FAMILIES: readonly Family[] = [
  { name: "a number as a string", at: (_, v) => (typeof v === "number" ? [String(v)] : []) },
  { name: "a boolean as a string", at: (_, v) => (typeof v === "boolean" ? [String(v)] : []) },
  { name: 'null as the string "null"', at: (_, v) => (v === null ? ["null"] : []) },
  {
    name: 'the string "null" for a value',
    at: (_, v) => (v !== null && typeof v !== "string" && typeof v !== "object" ? ["null"] : []),
  },
  {
    name: DOUBLE_ENCODED,
    at: (_, v) =>
      typeof v === "object" && v !== null ? [JSON.stringify(v), JSON.stringify(stringified(v))] : [],
  },
  {
    name: "a number or boolean where a literal holds its text",
    at: (type, v, definitions) =>
      typeof v === "string" && stringLiterals(type, definitions).includes(v) ? literalOf(v) : [],
  },
  {
    // Text of a number that is no integer stays text; an integer's text with a zero fraction is the integer.
    name: "a fraction as a string where an integer is",
    at: (type, v, definitions) => {
      const shape = shapeOf(type, v, definitions);
      return typeof v === "number" && shape?.kind === "number" && shape.integer ? [`${v}.5`, `${v}.0`] : [];
    },
  },
  {
    name: "a number where a free string is",
    at: (type, v, definitions) =>
      typeof v === "string" && shapeOf(type, v, definitions)?.kind === "string" ? [...literalOf(v), 42] : [],
  },
  objectFamily("null for an optional property", "null", (shape, record) =>
    shape.properties
      .filter((p) => p.optional && Object.hasOwn(record, p.name) && record[p.name] !== null)
      .map((p) => p.name),
  ),
  objectFamily("a defaulted property left out", "drop", (shape, record) =>
    shape.properties
      .filter((p) => p.default !== undefined && Object.hasOwn(record, p.name))
      .map((p) => p.name),
  ),
  objectFamily("null for a record entry", "null", (shape, record) =>
    shape.additional === undefined
      ? []
      : Object.keys(record).filter((k) => record[k] !== null && !shape.properties.some((p) => p.name === k)),
  ),
];

/**
 * Spellings of literals that JSON does not write: padded, capitalised, with a plus sign, a leading
 * zero, a bare dot, an exponent past 2^53. Whether they count as "exactly a literal" is a reading
 * of the README, so they are judged apart.
 */
export const SPELLINGS: readonly Family[] = [
  {
    name: "a number spelt loosely",
    at: (_, v) => {
      if (typeof v !== "number") return [];
      const loose = [` ${v} `, `+${v}`, `0${Math.abs(v)}`, `${v}e0`];
      // Past 2^53: exactly 10^21 both ways, then digits that a double cannot keep.
      if (Number.isInteger(v)) loose.push(`${v}.`, "1e21", "100000000000000000000", "12345678901234567891e0");
      else loose.push(String(v).replace(/^(-?)0\./, "$1."));
      return loose;
    },
  },
  {
    name: "a boolean spelt loosely",
    at: (_, v) => (typeof v === "boolean" ? [` ${v} `, String(v).toUpperCase(), v ? "True" : "False"] : []),
  },
  { name: "null spelt loosely", at: (_, v) => (v === null ? [" null ", "NULL", "None"] : []) },
];

/**
 * A copy of a JSON value with every number and boolean in it turned into its text, blind to types:
 * also inside `unknown` values, where they must stay strings.
 */
export function stringified(value: unknown): unknown {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(stringified);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) putOwn(out, key, stringified(item));
  return out;
}
