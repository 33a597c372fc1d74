/**
 * (e) Cold start: a fresh Node process imports the bundled 200-tool corpus and makes a first call
 * of every tool, against a fresh process importing a module that holds only the same tools'
 * canonical JSON Schemas (what an app without typecall would still ship). Both are timed inside the
 * child (bench/cold-child.mjs), so Node's own start-up counts for neither.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { JsonSchema, JsonSchemaTool } from "@typecall/runtime";
import { type Comparison, compareEach } from "./measure.ts";

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "cold-child.mjs");

/** One call of a tool, as the child makes it. */
interface ColdCall {
  toolset: string;
  name: string;
  arguments: string;
}

/**
 * A small value that fits `schema` (JSON Schema 2020-12 as typecall emits it): required properties
 * only, empty arrays, the first enum member or union member, the least number the bounds allow.
 * Throws on a schema it does not know, so the bench fails instead of sending arguments that miss.
 */
export function sampleValue(schema: JsonSchema, root: JsonSchema = schema): unknown {
  if (typeof schema.$ref === "string") {
    const path = schema.$ref.replace(/^#\/?/, "").split("/").filter(Boolean);
    const target = path.reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], root);
    return sampleValue(target as JsonSchema, root);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const members = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(members)) return sampleValue(members[0] as JsonSchema, root);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== "null") ?? types[0];
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, sampleValue(properties[key] ?? {}, root)]));
    }
    case "array": {
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      return Array.from({ length: count }, () => sampleValue((schema.items ?? {}) as JsonSchema, root));
    }
    case "string":
      if (schema.format !== undefined) throw new Error(`no sample for format ${String(schema.format)}`);
      return "x".repeat(typeof schema.minLength === "number" ? Math.max(1, schema.minLength) : 1);
    case "number":
    case "integer": {
      const least = typeof schema.minimum === "number" ? schema.minimum : 0;
      return type === "integer" ? Math.ceil(least) : least;
    }
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      throw new Error(`no sample for schema ${JSON.stringify(schema)}`);
  }
}

/** The files a cold start reads, written by {@link prepareColdStart}. */
export interface ColdStartFiles {
  bundle: string;
  baseline: string;
  calls: string;
  tools: number;
}

/**
 * Imports the bundle once here (not timed) to read, through the public API, each tool's canonical
 * schema (`toolset.schemas("json-schema")`); writes the baseline module (those schemas as one object
 * literal, keyed by tool name) and the calls the child makes (valid sample arguments for each tool).
 */
export async function prepareColdStart(bundle: string, exports: readonly string[]): Promise<ColdStartFiles> {
  const module = (await import(pathToFileURL(bundle).href)) as Record<
    string,
    { schemas(dialect: "json-schema"): JsonSchemaTool[] } | undefined
  >;
  const schemas: Record<string, { description: string; parameters: JsonSchema }> = {};
  const calls: ColdCall[] = [];
  for (const name of exports) {
    const toolset = module[name];
    if (toolset === undefined) throw new Error(`the bundle exports no ${name}`);
    for (const tool of toolset.schemas("json-schema")) {
      schemas[tool.name] = { description: tool.description, parameters: tool.parameters };
      calls.push({ toolset: name, name: tool.name, arguments: JSON.stringify(sampleValue(tool.parameters)) });
    }
  }
  const dir = dirname(bundle);
  const baseline = join(dir, "schemas.baseline.mjs");
  const callsPath = join(dir, "calls.json");
  writeFileSync(baseline, `export default ${JSON.stringify(schemas)};\n`);
  writeFileSync(callsPath, JSON.stringify(calls));
  return { bundle, baseline, calls: callsPath, tools: calls.length };
}

/** Runs one child and returns its time, checking that it reached every tool. */
function coldRun(args: readonly string[], tools: number): number {
  const env = { ...process.env };
  // The child must start as cold as an app's first start: no preloaded loader, no compile cache.
  delete env.NODE_OPTIONS;
  delete env.NODE_COMPILE_CACHE;
  const out = execFileSync(process.execPath, [CHILD, ...args], { env, encoding: "utf8" });
  const result = JSON.parse(out) as { ms: number; tools: number };
  if (result.tools !== tools) throw new Error(`a cold start reached ${result.tools} of ${tools} tools`);
  return result.ms;
}

/**
 * Times the two kinds of child in interleaved rounds (`compareEach`), `rounds` times after one
 * warm-up pair (which warms the file cache): the median times and their ratio.
 */
export async function benchColdStart(files: ColdStartFiles, rounds: number): Promise<Comparison> {
  const subject = async () => coldRun(["typecall", files.bundle, files.calls], files.tools);
  const baseline = async () => coldRun(["baseline", files.baseline], files.tools);
  return (await compareEach({ typecall: subject }, baseline, { rounds, warmup: 1 })).typecall;
}
