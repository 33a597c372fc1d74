/**
 * fast-check arbitraries of what a model or a hostile caller sends: argument values shaped by a
 * tool's canonical JSON Schema (often right, sometimes coercible, sometimes wrong), the texts a
 * model writes for them (cut off, fenced, single-quoted, ...), JSON-ish noise, deep nesting, many
 * keys, prototype-polluting keys, and hostile JavaScript values. The property tests assert over
 * them; `pnpm fuzz` samples them with a fixed seed.
 */
import type { JsonSchema } from "@typecall/runtime";
import fc from "fast-check";
import { HOSTILE_VALUES, type Specimen, specimen } from "./hostile-values.ts";

/** An arbitrary that picks one specimen of a list (shrinking towards the first). */
export function specimenOf<T>(list: readonly Specimen<T>[]): fc.Arbitrary<Specimen<T>> {
  return fc.constantFrom(...list);
}

const MAX_SCHEMA_DEPTH = 4;
const SAMPLE_STRINGS = [
  "Paris",
  "",
  "2026-12-01T10:00:00Z",
  "2026-12-01",
  "a@b.co",
  "https://example.com",
  "42",
  "true",
];

/** Values shaped by `schema` (the canonical JSON Schema of a tool's arguments, `$defs` in `root`). */
export function schemaValue(schema: JsonSchema, root: JsonSchema = schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, root);
  if (depth > MAX_SCHEMA_DEPTH) return fc.constantFrom(null, 0, "", {}, []);
  const members = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(members))
    return fc.oneof(...members.map((member) => schemaValue(member, root, depth + 1)));
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...(s.enum as unknown[]));
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === "string" ? [s.type] : [];
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => typedValue(type, s, root, depth)));
}

function typedValue(type: string, s: JsonSchema, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case "object":
      return objectValue(s, root, depth);
    case "array": {
      const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as JsonSchema[]) : [];
      const items =
        typeof s.items === "object"
          ? schemaValue(s.items as JsonSchema, root, depth + 1)
          : fc.jsonValue({ maxDepth: 1 });
      return fc
        .tuple(
          fc.tuple(...prefix.map((item) => schemaValue(item, root, depth + 1))),
          fc.array(items, { maxLength: 4 }),
        )
        .map(([head, tail]) => [...head, ...tail]);
    }
    case "string":
      return fc.oneof(fc.constantFrom(...SAMPLE_STRINGS), fc.string({ maxLength: 20 }));
    case "integer":
      return fc.oneof(fc.integer(), fc.constantFrom(0, 1, -1, 2 ** 53, 1e21));
    case "number":
      return fc.oneof(fc.double(), fc.integer());
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(s: JsonSchema, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = (typeof s.properties === "object" ? s.properties : {}) as Record<string, JsonSchema>;
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  const shape = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, schemaValue(property, root, depth + 1)]),
  );
  const known = fc.record(shape, { requiredKeys: required.filter((key) => key in shape) });
  const extra = s.additionalProperties;
  if (typeof extra !== "object" || extra === null) return known;
  const more = fc.dictionary(fc.string({ maxLength: 8 }), schemaValue(extra as JsonSchema, root, depth + 1), {
    maxKeys: 3,
  });
  return fc.tuple(known, more).map(([a, b]) => ({ ...b, ...(a as object) }));
}

/** Follows `#/$defs/...` references into `root`. */
function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hop = 0; hop < 16 && typeof current.$ref === "string"; hop++) {
    const path = current.$ref.replace(/^#\/?/, "").split("/").filter(Boolean);
    let target: unknown = root;
    for (const part of path) target = (target as Record<string, unknown> | undefined)?.[part];
    current = typeof target === "object" && target !== null ? (target as JsonSchema) : {};
  }
  return current;
}

/** Values a model sends instead of the right ones: strings of numbers and booleans, double-encoded JSON, wrong types. */
export function confusedValue(value: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(value),
    fc.constant(typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)),
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, "null", 2 ** 64, "12345678901234567890", 1e308, -0, "", "  7  "),
  );
}

/** The arguments of a tool, mostly shaped by its schema, with some values confused. */
export function argumentValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  return schemaValue(schema).chain((value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return fc.constant(value);
    const keys = Object.keys(value);
    if (keys.length === 0) return fc.constant(value);
    return fc.constantFrom(...keys).chain((key) =>
      confusedValue((value as Record<string, unknown>)[key]).map((confused) => ({
        ...value,
        [key]: confused,
      })),
    );
  });
}

/** What models do to JSON: each a formatting slip the lenient parser repairs, or a cut. */
const SLIPS: readonly [string, (text: string, cut: number) => string][] = [
  ["as is", (text) => text],
  ["cut off", (text, cut) => text.slice(0, Math.floor(text.length * (cut / 100)))],
  ["markdown fence", (text) => `\`\`\`json\n${text}\n\`\`\``],
  ["chatter around", (text) => `Sure! Here are the arguments: ${text} Let me know.`],
  ["single quotes", (text) => text.replaceAll('"', "'")],
  ["trailing commas", (text) => text.replace(/([}\]])/g, ",$1")],
  ["unquoted keys", (text) => text.replace(/"(\w+)":/g, "$1:")],
  ["python literals", (text) => text.replaceAll("true", "True").replaceAll("null", "None")],
  ["comments", (text) => `// arguments\n${text.replace(",", ", /* next */")}`],
  ["two values", (text) => `${text} ${text}`],
  ["raw newlines in strings", (text) => text.replaceAll(" ", "\n")],
];

/** The text a model writes for some arguments, with up to two slips. */
export function argumentText(schema: JsonSchema): fc.Arbitrary<string> {
  const slip = fc.tuple(fc.constantFrom(...SLIPS), fc.integer({ min: 0, max: 100 }));
  return fc
    .tuple(argumentValue(schema), fc.array(slip, { maxLength: 2 }))
    .map(([value, slips]) =>
      slips.reduce((text, [[, apply], cut]) => apply(text, cut), JSON.stringify(value) ?? "null"),
    );
}

const JSONISH = [..."{}[]:,\"'` \n\\/*.-+eE0123456789truefalsnTFN_$abcxyz\u0000\u2028\ud800"];

/** Texts that are not meant to be arguments at all. */
export function noiseText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ unit: fc.constantFrom(...JSONISH), maxLength: 300 }),
    fc.string({ maxLength: 100 }),
    fc.constantFrom("", " ", "null", "[]", "0", '"text"', "{", "}", "```", "```json\n", "/*", "\ufeff{}"),
  );
}

/** Nested values `depth` levels deep, as text: closed, cut off, or shaped like a recursive type. */
export const NESTINGS: readonly [string, (depth: number) => string][] = [
  ["arrays", (d) => `${"[".repeat(d)}${"]".repeat(d)}`],
  ["objects", (d) => `${'{"a":'.repeat(d)}1${"}".repeat(d)}`],
  ["arrays of objects", (d) => `${'[{"a":'.repeat(d)}1${"}]".repeat(d)}`],
  ["folders", (d) => `${'{"name":"n","children":['.repeat(d)}${"]}".repeat(d)}`],
  ["expressions", (d) => `${'{"op":"add","args":['.repeat(d)}${"]}".repeat(d)}`],
  ["arrays, cut off", (d) => "[".repeat(d)],
  ["objects, cut off", (d) => '{"a":'.repeat(d)],
];

/** The argument text with `nested` as the value of `key`. */
export function nestedText(key: string, nested: string): string {
  return `{${JSON.stringify(key)}:${nested}}`;
}

/** Argument texts with a value nested up to `maxDepth` deep under one of `keys` (the tool's properties). */
export function deepText(keys: readonly string[], maxDepth = 20_000): fc.Arbitrary<string> {
  const depths = [10, 100, 1_000, 10_000, 20_000].filter((depth) => depth < maxDepth);
  const depth = fc.oneof(fc.constantFrom(...depths, maxDepth), fc.integer({ min: 1, max: maxDepth }));
  return fc
    .record({ key: fc.constantFrom(...keys, "extra"), nesting: fc.constantFrom(...NESTINGS), depth })
    .map(({ key, nesting: [, nest], depth: d }) => nestedText(key, nest(d)));
}

/** Texts built to be large: many keys, many brackets, long digit runs, long strings (sizes x `maxScale`). */
export function stressText(key: string, maxScale = 1): fc.Arbitrary<string> {
  const n = (max: number) => fc.integer({ min: 1, max: Math.max(1, Math.floor(max * maxScale)) });
  const k = JSON.stringify(key);
  return fc.oneof(
    n(2_000).map((count) => `{${k}:[${"[],".repeat(count)}]}`),
    n(2_000).map((count) => `{'${key}':[${"[],".repeat(count)}]}`),
    n(3_000).map((digits) => `{${k}:"${"9".repeat(digits)}x"}`),
    n(3_000).map((count) => `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(",")}}`),
    n(200_000).map((length) => `{${k}:"${"y".repeat(length)}"}`),
    n(200_000).map((length) => `{${k}:'${"y".repeat(length)}`),
  );
}

/** Argument texts that try to pollute prototypes, alone or beside real keys. */
export function pollutingText(key: string): fc.Arbitrary<string> {
  const payloads = [
    '"__proto__":{"polluted":1}',
    '"constructor":{"prototype":{"polluted":1}}',
    '"__proto__":{"__proto__":{"polluted":1}}',
    "'__proto__':{'polluted':1}",
    "__proto__:{polluted:1}",
  ];
  return fc
    .tuple(fc.constantFrom(...payloads), fc.boolean())
    .map(([payload, nested]) =>
      nested ? `{${JSON.stringify(key)}:{${payload}},${payload}}` : `{${payload}}`,
    );
}

const ANYTHING = {
  maxDepth: 3,
  withBigInt: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  withMap: true,
};

/**
 * Argument values that are not JSON: a hostile specimen, or anything with odd prototypes, bigints
 * and holes. Specimens, not values, so that a counterexample prints without touching a Proxy.
 */
export function hostileArgument(): fc.Arbitrary<Specimen> {
  return fc.oneof(
    specimenOf(HOSTILE_VALUES),
    fc.anything(ANYTHING).map((value) => specimen(fc.stringify(value), () => value)),
  );
}
