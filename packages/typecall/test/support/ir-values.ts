/**
 * Valid values generated from the IR, not from a schema: every property present and only the
 * required ones, each union member, each enum value, bounds met exactly, formats and patterns from
 * sample tables, records through `additional`, tuples with their optional and rest items, named
 * types followed to a depth limit. Invalid values are made from these in `ir-mutations.ts`.
 */
import type { PropertyIR, TypeIR } from "../../src/index.ts";
import {
  FORMAT_SAMPLES,
  fitsNumber,
  fitsString,
  STRING_CANDIDATES,
  samplePattern,
  type TupleShape,
} from "./ir-rules.ts";

/** What generation needs beside the type, and what it could not do. */
export interface ValueScope {
  /** The toolset's named types, which `{ kind: "ref" }` points into. */
  definitions: Readonly<Record<string, TypeIR>>;
  /** Rules no sample satisfies (a pattern outside the sample table), by path: those values may be invalid. */
  unsatisfied: string[];
}

/** Where in the value generation is: the nesting depth, the named types followed, the path. */
interface At {
  depth: number;
  refs: number;
  path: string;
}

/** Below this nesting depth a type gives several variants; deeper, only its plainest value. */
const VARIANT_DEPTH = 3;
/** Variants of a nested type; the arguments object (depth 0) keeps every one of its properties' variants. */
const MAX_VARIANTS = 16;
/** How many named types deep a recursive value goes; past it, arrays are empty and optional parts absent. */
const MAX_REF_DEPTH = 3;

type Kind = TypeIR["kind"];
type Handler<K extends Kind> = (type: Extract<TypeIR, { kind: K }>, scope: ValueScope, at: At) => unknown[];

/** Valid values of a tool's arguments object: all properties, only the required ones, then one change each. */
export function toolValues(parameters: readonly PropertyIR[], scope: ValueScope): unknown[] {
  return validValues({ kind: "object", properties: [...parameters] }, scope, {
    depth: 0,
    refs: 0,
    path: "$input",
  });
}

/** Valid values of a type, the plainest first; none when recursion ran out before a required part. */
function validValues(type: TypeIR, scope: ValueScope, at: At): unknown[] {
  const handler = VALID[type.kind] as Handler<Kind>;
  const values = distinct(handler(type as never, scope, at));
  if (at.depth === 0) return values;
  return values.slice(0, at.depth < VARIANT_DEPTH ? MAX_VARIANTS : 1);
}

const VALID: { [K in Kind]: Handler<K> } = {
  string: stringValues,
  number: numberValues,
  boolean: () => [true, false],
  null: () => [null],
  literal: (type) => [type.value],
  unknown: () => ["any", 0, null, { any: [1] }],
  array: arrayValues,
  tuple: tupleValues,
  object: (type, scope, at) => objectValues(type.properties, type.additional, scope, at),
  union: unionValues,
  ref: refValues,
};

function stringValues(type: Extract<TypeIR, { kind: "string" }>, scope: ValueScope, at: At): unknown[] {
  const known = type.format === undefined ? undefined : FORMAT_SAMPLES[type.format];
  const sampled = type.pattern === undefined ? undefined : samplePattern(type.pattern);
  const bases = known ? known.valid : [...STRING_CANDIDATES, ...(sampled === undefined ? [] : [sampled])];
  // Exact bounds are reached by resizing a plain text; a formatted string cannot be resized.
  const sized = known
    ? []
    : [type.minLength, type.maxLength].flatMap((n) => (n === undefined ? [] : sizes(n)));
  // Two plain strings say as much as twenty: one that fits, and another in case the first is special.
  const plain = bases.filter((s) => fitsString(type, s)).slice(0, known ? undefined : 2);
  const fitting = [...plain, ...sized.filter((s) => fitsString(type, s))];
  if (fitting.length > 0) return fitting;
  scope.unsatisfied.push(`${at.path}: no sample fits ${JSON.stringify(type)}`);
  return [bases[0]];
}

/** Strings of exactly `n` characters, of letters and of digits (a pattern may want either). */
function sizes(n: number): string[] {
  return n > 200 ? [] : ["x".repeat(n), "7".repeat(n)];
}

function numberValues(type: Extract<TypeIR, { kind: "number" }>, scope: ValueScope, at: At): unknown[] {
  const step = type.multipleOf ?? (type.integer ? 1 : 0.5);
  const { minimum, maximum, exclusiveMinimum: above, exclusiveMaximum: below } = type;
  // The plainest numbers and each bound, met exactly or one step inside.
  const inside = [
    above === undefined ? undefined : above + step,
    below === undefined ? undefined : below - step,
  ];
  const preferred = [2, 1.5, minimum, maximum, ...inside];
  const fitting = preferred.filter((x): x is number => x !== undefined && fitsNumber(type, x));
  if (fitting.length > 0) return fitting;
  // Failing those, multiples of the step near each bound.
  const near = [2, 0, minimum, maximum, above, below].flatMap((a) => {
    if (a === undefined) return [];
    const multiples = [Math.ceil(a / step) * step, Math.floor(a / step) * step];
    return [...multiples, ...multiples.map((m) => m + step), ...multiples.map(Math.round)];
  });
  const found = near.find((x) => fitsNumber(type, x));
  if (found !== undefined) return [found];
  scope.unsatisfied.push(`${at.path}: no sample fits ${JSON.stringify(type)}`);
  return [2];
}

function arrayValues(type: Extract<TypeIR, { kind: "array" }>, scope: ValueScope, at: At): unknown[] {
  const min = type.minItems ?? 0;
  const max = type.maxItems ?? Number.POSITIVE_INFINITY;
  // Unique items need distinct values however deep the array is.
  const itemAt = { ...child(at, "[]"), depth: type.uniqueItems ? 1 : at.depth + 1 };
  const items = validValues(type.items, scope, itemAt);
  const lengths = [Math.min(Math.max(1, min), max), min, max <= 10 ? max : min, items.length];
  const lists = lengths.flatMap((n) => {
    const list = fill(items, Math.min(Math.max(n, min), max), type.uniqueItems === true);
    return list ? [list] : [];
  });
  // No items at all is recursion running out, not a rule the samples miss.
  if (lists.length === 0 && items.length > 0) scope.unsatisfied.push(`${at.path}: too few distinct items`);
  return lists;
}

/** `n` items cycling through `items` (each at most once when unique), or undefined when impossible. */
function fill(items: readonly unknown[], n: number, unique: boolean): unknown[] | undefined {
  if (n === 0) return [];
  if (items.length === 0 || (unique && items.length < n)) return undefined;
  return Array.from({ length: n }, (_, i) => items[i % items.length]);
}

function tupleValues(type: Extract<TypeIR, { kind: "tuple" }>, scope: ValueScope, at: At): unknown[] {
  const { items, minItems = items.length, rest } = type as TupleShape;
  const positions = items.map((item, i) => validValues(item, scope, child(at, i)));
  const leading: unknown[] = [];
  for (const values of positions) {
    if (values.length === 0) break;
    leading.push(values[0]);
  }
  if (leading.length < minItems) return [];
  const further = rest ? validValues(rest, scope, child(at, "[]")) : [];
  const variants = [
    [...leading, ...further.slice(0, 1)],
    leading,
    leading.slice(0, minItems),
    ...further.map((extra) => [...leading, extra, extra]),
    ...positions.flatMap((values, i) => values.slice(1).map((v) => leading.map((x, j) => (i === j ? v : x)))),
  ];
  return variants.filter((v) => v.length >= minItems && (rest !== undefined || v.length <= items.length));
}

function objectValues(
  properties: readonly PropertyIR[],
  additional: TypeIR | undefined,
  scope: ValueScope,
  at: At,
): unknown[] {
  const choices = properties.map((p) => ({
    property: p,
    values: validValues(p.type, scope, child(at, p.name)),
  }));
  if (choices.some((c) => !c.property.optional && c.values.length === 0)) return [];
  const present = choices.filter((c) => c.values.length > 0);
  const key = extraKey(properties);
  const extras = additional ? validValues(additional, scope, child(at, key)) : [];
  const entries = (change?: [string, unknown]): [string, unknown][] => [
    ...present.map((c): [string, unknown] => [c.property.name, c.values[0]]),
    ...(extras.length > 0 ? [[key, extras[0]] as [string, unknown]] : []),
    ...(change ? [change] : []),
  ];
  const required = present.filter((c) => !c.property.optional).map((c) => [c.property.name, c.values[0]]);
  return [
    Object.fromEntries(entries()),
    Object.fromEntries(required),
    ...present.flatMap((c) =>
      c.values.slice(1).map((v) => Object.fromEntries(entries([c.property.name, v]))),
    ),
    ...extras.slice(1).map((v) => Object.fromEntries(entries([key, v]))),
  ];
}

/** A key that is none of the object's properties, for records and unknown-property probes. */
export function extraKey(properties: readonly PropertyIR[]): string {
  let key = "extra";
  while (properties.some((p) => p.name === key)) key += "_";
  return key;
}

/** Each member's plainest value first, then their other values: every member gets in under the cap. */
function unionValues(type: Extract<TypeIR, { kind: "union" }>, scope: ValueScope, at: At): unknown[] {
  const lists = type.members.map((m) => validValues(m, scope, at));
  const longest = Math.max(0, ...lists.map((l) => l.length));
  return Array.from({ length: longest }, (_, i) => lists.flatMap((l) => (i < l.length ? [l[i]] : []))).flat();
}

function refValues(type: Extract<TypeIR, { kind: "ref" }>, scope: ValueScope, at: At): unknown[] {
  const target = scope.definitions[type.name];
  if (target === undefined) throw new Error(`no definition named ${type.name}`);
  if (at.refs >= MAX_REF_DEPTH) return [];
  return validValues(target, scope, { ...at, refs: at.refs + 1 });
}

function child(at: At, segment: string | number): At {
  return { depth: at.depth + 1, refs: at.refs, path: `${at.path}${formatSegment(segment)}` };
}

/** `.city`, `[0]` or `["my key"]`: how a segment extends a path, as the validators print it. */
export function formatSegment(segment: string | number): string {
  if (typeof segment === "number" || segment === "[]")
    return typeof segment === "number" ? `[${segment}]` : "[]";
  return /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
}

/** The values without repeats, equal as JSON text. */
function distinct<T>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const text = JSON.stringify(v);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
