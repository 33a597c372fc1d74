/**
 * Invalid (and borderline) copies of a valid value, made from the IR: at every path another kind
 * of JSON value; per type, values just outside its rules (bounds, lengths, item counts, integers,
 * formats, patterns, literals); per object, a required property removed and an unknown one added.
 */
import type { ObjectTypeIR, PropertyIR, TypeIR } from "../../src/index.ts";
import { FORMAT_SAMPLES, fitsString, STRING_CANDIDATES, type TupleShape } from "./ir-rules.ts";
import { extraKey, formatSegment } from "./ir-values.ts";

/** A value to judge: the whole arguments object, and what was changed where. */
export interface Probe {
  value: unknown;
  /** The path of the change, as the validators print it (`$input.guests[0].email`). */
  path: string;
  /** What the change was, in words. */
  change: string;
  /** The IR type at the path, when the change was made against one. */
  type?: TypeIR;
}

/** Where a mutation is: the IR type and value there, how to put a new value there, the path. */
interface Site<T extends TypeIR = TypeIR> {
  type: T;
  value: unknown;
  /** The whole arguments object with `next` at this site. */
  put(next: unknown): unknown;
  path: string;
  definitions: Readonly<Record<string, TypeIR>>;
}

type Kind = TypeIR["kind"];
type Handler<K extends Kind> = (site: Site<Extract<TypeIR, { kind: K }>>) => Probe[];

/** Values of every JSON kind, put in place of each value. */
const OTHER_KINDS: readonly [string, unknown][] = [
  ["a string", "text"],
  ["an integer", 7],
  ["a negative integer", -1],
  ["a non-integer", 1.5],
  ["a boolean", true],
  ["null", null],
  ["an empty array", []],
  ["an array", [1]],
  ["an empty object", {}],
  ["an object", { a: 1 }],
];

/**
 * Mutations of a valid arguments object of a tool, at every path the IR describes; with `only`,
 * inside those properties alone (a variant of a sample that was mutated whole).
 */
export function toolMutations(
  parameters: readonly PropertyIR[],
  definitions: Readonly<Record<string, TypeIR>>,
  value: unknown,
  only?: readonly string[],
): Probe[] {
  const type: ObjectTypeIR = { kind: "object", properties: [...parameters] };
  const site: Site<ObjectTypeIR> = { type, value, put: (next) => next, path: "$input", definitions };
  if (only === undefined) return mutations(site);
  return propertyMutations(site, value as Record<string, unknown>, only);
}

function mutations(site: Site): Probe[] {
  const swaps = OTHER_KINDS.filter(([, other]) => JSON.stringify(other) !== JSON.stringify(site.value)).map(
    ([words, other]) => probe(site, other, `${words} instead`),
  );
  // The specific changes first: a value made twice keeps the words of the specific one.
  return [...(MUTATE[site.type.kind] as Handler<Kind>)(site as never), ...swaps];
}

function probe(site: Site, next: unknown, change: string): Probe {
  return { value: site.put(next), path: site.path, change, type: site.type };
}

const MUTATE: { [K in Kind]: Handler<K> } = {
  string: stringMutations,
  number: numberMutations,
  boolean: (site) => [probe(site, !site.value, "the other boolean")],
  null: () => [],
  literal: literalMutations,
  unknown: () => [],
  array: arrayMutations,
  tuple: tupleMutations,
  object: objectMutations,
  union: unionMutations,
  ref: (site) => {
    const target = site.definitions[site.type.name];
    return target ? mutations({ ...site, type: target }) : [];
  },
};

function stringMutations(site: Site<Extract<TypeIR, { kind: "string" }>>): Probe[] {
  const { type } = site;
  const found: Probe[] = [];
  if (type.minLength !== undefined && type.minLength > 0)
    found.push(probe(site, "x".repeat(type.minLength - 1), "one character too short"));
  if (type.maxLength !== undefined)
    found.push(probe(site, "x".repeat(type.maxLength + 1), "one character too long"));
  // JSON Schema counts characters (code points), not UTF-16 units: an emoji is one character.
  if (type.maxLength !== undefined && type.maxLength > 0 && type.pattern === undefined && !type.format)
    found.push(probe(site, "😀".repeat(type.maxLength), "maxLength emoji, each one character"));
  if (type.minLength !== undefined && type.minLength > 1 && type.pattern === undefined && !type.format)
    found.push(
      probe(site, "😀".repeat(Math.ceil(type.minLength / 2)), "too few emoji, twice as many UTF-16 units"),
    );
  const format = type.format === undefined ? undefined : FORMAT_SAMPLES[type.format];
  for (const invalid of format?.invalid ?? [])
    found.push(probe(site, invalid, `breaks the format ${type.format}`));
  const { pattern } = type;
  if (pattern !== undefined) {
    const unmatched = STRING_CANDIDATES.find((s) => !fitsString({ kind: "string", pattern }, s));
    if (unmatched !== undefined) found.push(probe(site, unmatched, "does not match the pattern"));
  }
  return found;
}

function numberMutations(site: Site<Extract<TypeIR, { kind: "number" }>>): Probe[] {
  const { type } = site;
  const x = typeof site.value === "number" ? site.value : 0;
  const below = type.integer ? 1 : 0.5;
  const found: Probe[] = [probe(site, x + 0.5, "plus a half"), probe(site, x + 1, "plus one")];
  if (type.minimum !== undefined) found.push(probe(site, type.minimum - below, "just below the minimum"));
  if (type.maximum !== undefined) found.push(probe(site, type.maximum + below, "just above the maximum"));
  if (type.exclusiveMinimum !== undefined)
    found.push(probe(site, type.exclusiveMinimum, "at the exclusive minimum"));
  if (type.exclusiveMaximum !== undefined)
    found.push(probe(site, type.exclusiveMaximum, "at the exclusive maximum"));
  if (type.multipleOf !== undefined)
    found.push(probe(site, x + type.multipleOf / 2, "half a step off the multiple"));
  return found;
}

function literalMutations(site: Site<Extract<TypeIR, { kind: "literal" }>>): Probe[] {
  const { value } = site.type;
  const other = typeof value === "string" ? `${value}x` : typeof value === "number" ? value + 1 : !value;
  return [probe(site, other, "another value of the literal's type")];
}

function arrayMutations(site: Site<Extract<TypeIR, { kind: "array" }>>): Probe[] {
  const { type } = site;
  if (!Array.isArray(site.value)) return [];
  const list = site.value;
  const filler = list[0] ?? null;
  const found: Probe[] = [];
  if (type.minItems !== undefined && type.minItems > 0)
    found.push(probe(site, list.slice(0, type.minItems - 1), "one item too few"));
  if (type.maxItems !== undefined)
    found.push(probe(site, padTo(list, type.maxItems + 1, filler), "one item too many"));
  if (list.length > 0) found.push(probe(site, [...list, filler], "the first item repeated"));
  return [...found, ...itemMutations(site, list, () => type.items)];
}

function tupleMutations(site: Site<Extract<TypeIR, { kind: "tuple" }>>): Probe[] {
  const { items, minItems = items.length, rest } = site.type as TupleShape;
  if (!Array.isArray(site.value)) return [];
  const list = site.value;
  const found: Probe[] = [];
  if (minItems > 0) found.push(probe(site, list.slice(0, minItems - 1), "one required item too few"));
  found.push(probe(site, padTo(list, items.length + 1, list[0] ?? null), "one item past the last position"));
  found.push(probe(site, list.slice(0, items.length), "without the rest items"));
  return [...found, ...itemMutations(site, list, (i) => items[i] ?? rest)];
}

/** Mutations inside the first items of a list (later ones add little but time). */
function itemMutations(
  site: Site,
  list: readonly unknown[],
  typeAt: (i: number) => TypeIR | undefined,
): Probe[] {
  return list.slice(0, 3).flatMap((item, i) => {
    const type = typeAt(i);
    if (type === undefined) return [];
    const put = (next: unknown) => site.put(list.map((x, j) => (i === j ? next : x)));
    return mutations({ ...site, type, value: item, put, path: `${site.path}[${i}]` });
  });
}

function padTo(list: readonly unknown[], n: number, filler: unknown): unknown[] {
  return [...list, ...Array.from({ length: Math.max(0, n - list.length) }, () => filler)];
}

function objectMutations(site: Site<Extract<TypeIR, { kind: "object" }>>): Probe[] {
  if (typeof site.value !== "object" || site.value === null || Array.isArray(site.value)) return [];
  const record = site.value as Record<string, unknown>;
  const key = extraKey(site.type.properties);
  const unknown = probe(site, { ...record, [key]: 1 }, `unknown property "${key}"`);
  return [unknown, ...propertyMutations(site, record, Object.keys(record))];
}

/** Each named property of the object removed, and mutated as its type (or the additional type) says. */
function propertyMutations(
  site: Site<Extract<TypeIR, { kind: "object" }>>,
  record: Record<string, unknown>,
  names: readonly string[],
): Probe[] {
  const { properties, additional } = site.type;
  return names.flatMap((name) => {
    const { [name]: _, ...rest } = record;
    const property = properties.find((p) => p.name === name);
    const removed = probe(
      site,
      rest,
      `property "${name}" removed${property?.optional === false ? " (required)" : ""}`,
    );
    const type = property?.type ?? additional;
    if (type === undefined) return [removed];
    const put = (next: unknown) => site.put({ ...record, [name]: next });
    return [
      removed,
      ...mutations({ ...site, type, value: record[name], put, path: site.path + formatSegment(name) }),
    ];
  });
}

/** A union's value is mutated as the members of its own JSON kind would mutate it. */
function unionMutations(site: Site<Extract<TypeIR, { kind: "union" }>>): Probe[] {
  return site.type.members
    .filter((m) => kindMatches(m, site.value, site.definitions))
    .flatMap((m) => (MUTATE[m.kind] as Handler<Kind>)({ ...site, type: m } as never));
}

function kindMatches(type: TypeIR, value: unknown, definitions: Readonly<Record<string, TypeIR>>): boolean {
  if (type.kind === "ref")
    return (
      definitions[type.name] !== undefined &&
      kindMatches(definitions[type.name] as TypeIR, value, definitions)
    );
  if (type.kind === "union") return type.members.some((m) => kindMatches(m, value, definitions));
  if (type.kind === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  if (type.kind === "array" || type.kind === "tuple") return Array.isArray(value);
  if (type.kind === "literal") return type.value === value;
  if (type.kind === "number") return typeof value === "number";
  if (type.kind === "null") return value === null;
  return type.kind === "unknown" || typeof value === type.kind;
}
