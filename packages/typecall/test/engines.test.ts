/**
 * typecall's own validator engine against typia's, as a differential test: for every tool of every
 * codegen case, a valid sample and dozens of mutations of it (wrong kinds, missing and unknown
 * properties, nulls) must get the same verdict from both engines' generated validators. Coercion
 * is compiled from the IR whichever engine validates: both modules' coercers make the same of them.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate, writeFiles } from "../src/index.ts";
import { caseOptions } from "./support/case-options.ts";

type Schema = Record<string, unknown>;
type Toolset = {
  names: readonly string[];
  get(name: string): {
    validate(input: unknown): { success: boolean };
    coerce?: (input: unknown) => unknown;
    schemas: { "json-schema": Schema };
  };
};

const CASES = join(dirname(fileURLToPath(import.meta.url)), "cases");

/**
 * A value that fits the schema: every property present, the first enum value, one array item
 * (none below the second level of a recursive type), formats and constraints honoured.
 */
function sample(schema: Schema, root: Schema = schema, depth = 0): unknown {
  if (typeof schema.$ref === "string") {
    const target = (root.$defs as Record<string, Schema>)[schema.$ref.replace("#/$defs/", "")] as Schema;
    return sample(target, root, depth + 1);
  }
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.anyOf)) {
    return sample(schema.anyOf.find((s: Schema) => s.type !== "null") as Schema, root, depth);
  }
  if (Array.isArray(schema.prefixItems)) return schema.prefixItems.map((s: Schema) => sample(s, root, depth));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      return (
        FORMAT_SAMPLES[String(schema.format)] ??
        (schema.pattern ? PATTERN_SAMPLES[String(schema.pattern)] : "text")
      );
    case "integer":
    case "number":
      return 2;
    case "boolean":
      return true;
    case "array":
      return depth > 1 ? [] : [sample(schema.items as Schema, root, depth)];
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, sample(s, root, depth)]));
    }
    default:
      return null;
  }
}

const FORMAT_SAMPLES: Record<string, string> = {
  email: "ada@example.com",
  "date-time": "2026-11-23T10:00:00Z",
  uri: "https://example.com/a",
  uuid: "3f2b8a4e-9c1d-4e7f-8a2b-1c3d5e7f9a0b",
};
const PATTERN_SAMPLES: Record<string, string> = {
  "^[a-z0-9_]+$": "ada_1",
  "^order--?[0-9]+(\\.[0-9]+)?$": "order-42",
  "^-?[0-9]+$": "42",
  "^B-[0-9]{4}$": "B-0042",
  "^eu--?[0-9]+(\\.[0-9]+)?$": "eu-12",
  "^free:-?[0-9]+$": "free:7",
};

/** Copies of `value` with one change each, at every path: other kinds, null, removal, an extra key. */
function mutations(value: unknown): unknown[] {
  const results: unknown[] = [];
  const others = ["text", 7, 1.5, false, null, [], {}, [1], { a: 1 }];
  const visit = (node: unknown, replace: (next: unknown) => unknown, remove?: () => unknown) => {
    for (const other of others)
      if (JSON.stringify(other) !== JSON.stringify(node)) results.push(replace(other));
    if (remove) results.push(remove());
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, (next) => replace(node.map((x, j) => (j === i ? next : x))));
      });
      results.push(replace([...node, ...node]));
    } else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      results.push(replace({ ...record, unexpected: 1 }));
      for (const key of Object.keys(record)) {
        const { [key]: _, ...rest } = record;
        visit(
          record[key],
          (next) => replace({ ...record, [key]: next }),
          () => replace(rest),
        );
      }
    }
  };
  visit(value, (next) => next);
  return results;
}

/** A copy of a JSON value with every number and boolean in it as text: what coercion converts. */
function textOf(value: unknown): unknown {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(textOf);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, textOf(item)]));
}

describe.each(readdirSync(CASES).sort())("case %s", (name) => {
  it("gets the same verdicts from typecall's engine and from typia's", async () => {
    const entry = join(CASES, name, "input.ts");
    const typiaOut = join(CASES, name, ".typia");
    const extra = caseOptions(join(CASES, name));
    const generated = generate({ ...extra, entries: [entry], out: typiaOut, validators: "typia" });
    expect(generated.files).toHaveLength(1);
    writeFiles(generated.files);
    const ours = (await import(join(CASES, name, "__output__", "input.typecall.ts"))).toolset as Toolset;
    const theirs = (await import(join(typiaOut, "input.typecall.ts"))).toolset as Toolset;
    let compared = 0;
    for (const tool of ours.names) {
      const schema = ours.get(tool).schemas["json-schema"];
      const [coerce, theirCoerce] = [ours.get(tool).coerce, theirs.get(tool).coerce];
      expect(theirCoerce === undefined, `${tool} has a coercer`).toBe(coerce === undefined);
      const example = sample(schema);
      for (const input of [example, textOf(example), ...mutations(example)])
        expect(theirCoerce?.(input), `${tool} coerces ${JSON.stringify(input)}`).toEqual(coerce?.(input));
      // typia reads a property typed `unknown` as optional and lets an array pass for such an object;
      // JSON Schema (and typecall) require the property, so such tools are left out of the comparison.
      const properties = Object.values((schema.properties ?? {}) as Record<string, Schema>);
      if (properties.some((p) => Object.keys(p).every((key) => key === "description"))) continue;
      // typia reads inherited properties: an optional `constructor` left out is Object.prototype's
      // function to it. typecall reads own properties only (the differential test against ajv shows it).
      if (Object.keys(schema.properties ?? {}).some((key) => key in Object.prototype)) continue;
      const valid = sample(schema);
      if (valid === undefined) throw new Error(`no sample for ${tool}`);
      expect(ours.get(tool).validate(valid).success, `${tool} sample`).toBe(true);
      for (const input of [valid, ...mutations(valid)]) {
        const verdict = ours.get(tool).validate(input).success;
        expect(verdict, `${tool} ${JSON.stringify(input)}`).toBe(theirs.get(tool).validate(input).success);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
