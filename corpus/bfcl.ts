/**
 * The BFCL corpus as data: test files, function definitions in BFCL's JSON-schema dialect, and the
 * ground-truth answers. Reading only; nothing here knows about TypeScript or typecall.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The categories, in the order they are processed and reported. */
export const CATEGORIES = [
  "simple_python",
  "simple_javascript",
  "multiple",
  "parallel",
  "parallel_multiple",
] as const;

/** A BFCL test category. */
export type Category = (typeof CATEGORIES)[number];

/** A schema in BFCL's dialect: `type` is dict, integer, float, string, boolean, array, tuple or any. */
export interface BfclSchema {
  type?: string;
  description?: string;
  properties?: Record<string, BfclSchema>;
  required?: string[];
  items?: BfclSchema;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  maximum?: number;
  /** Not a JSON-schema keyword; some definitions carry it beside `required`, which rules. */
  optional?: unknown;
}

/** One function offered to the model. */
export interface BfclFunction {
  name: string;
  description: string;
  parameters: BfclSchema;
}

/** One ground-truth call: each parameter lists its allowed values; `""` means "may be left out". */
export interface GroundTruthCall {
  name: string;
  params: Record<string, unknown[]>;
}

/** One test with its functions and ground truth. */
export interface BfclTest {
  id: string;
  category: Category;
  functions: BfclFunction[];
  groundTruth: GroundTruthCall[];
}

/** Where the corpus lives unless `BFCL_DIR` says otherwise: `shared/` beside the repository. */
export const DEFAULT_BFCL_DIR: string = fileURLToPath(new URL("../../shared/corpus/bfcl", import.meta.url));

function readJsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Reads every test of every category, with its ground truth (tests without one get none). */
export function readCorpus(dir: string = DEFAULT_BFCL_DIR): BfclTest[] {
  const tests: BfclTest[] = [];
  for (const category of CATEGORIES) {
    const file = `BFCL_v4_${category}.json`;
    const answers = new Map(
      readJsonLines(join(dir, "possible_answer", file)).map((a) => [a.id as string, a.ground_truth]),
    );
    for (const line of readJsonLines(join(dir, file))) {
      const id = line.id as string;
      const truth = (answers.get(id) ?? []) as Record<string, Record<string, unknown[]>>[];
      tests.push({
        id,
        category,
        functions: line.function as BfclFunction[],
        groundTruth: truth.flatMap((call) =>
          Object.entries(call).map(([name, params]) => ({ name, params })),
        ),
      });
    }
  }
  return tests;
}

/** The dialect's type names, normalised: `String` is `string`, and an empty or missing type is `any`. */
export function bfclType(schema: BfclSchema): string {
  const type = (schema.type ?? "").toLowerCase();
  return type === "" ? "any" : type;
}

/** JSON with sorted keys: two definitions are the same when their canonical texts are. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
