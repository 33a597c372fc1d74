import { memoized } from "../ir/memo.ts";
import { printJson, type Replacements } from "./json.ts";
import { WIDTH } from "./layout.ts";
import { camel } from "./names.ts";

/** One schema the module carries: a tool's arguments in a dialect, or its result. */
export interface SchemaRoot {
  /** Words the root's constant is named from (`["searchHotels"]`, `["searchHotels", "openai"]`). */
  readonly stem: readonly string[];
  readonly schema: object;
}

/** The module-level schema constants, and how each root is written once they exist. */
export interface PooledSchemas {
  /** `const nameSchema = {...};` declarations, each after the constants it uses. */
  readonly declarations: string[];
  /** The expression of a root (a constant's name, or an object literal using constants), printed at `indent`. */
  expression(root: SchemaRoot, indent: number, used: number): string;
}

/** Schemas shorter than this (as one line of JSON) stay inline wherever they repeat: a name would say less. */
const MIN_SHARED = 40;

/**
 * One constant per distinct schema object used more than once: identical dialects of a tool cost
 * one reference, and a type several tools use is written once. An object that differs from a shared
 * one only by its description and what follows it (`default`, `examples`) spreads the shared part:
 * `{ ...optionsSchema, "description": "..." }`. Constants are named after where they first appear
 * (`tool0x0OptionsSchema`), so an edit elsewhere leaves their names alone.
 */
export function poolSchemas(roots: readonly SchemaRoot[], taken: ReadonlySet<string>): PooledSchemas {
  // Count each text once per place it would be printed: the copies of a repeated object are not
  // walked again, so what sits inside a shared object counts once, as it is printed once.
  const seen = new Map<string, { count: number; stem: string[]; value: object }>();
  const see = (text: string, value: object, stem: string[]): boolean => {
    const entry = seen.get(text);
    if (entry) entry.count++;
    else seen.set(text, { count: 1, stem, value });
    return entry !== undefined;
  };
  // `childStem`: the stem the entries of a `properties` or `$defs` map are named from (the map's owner).
  const visit = (node: unknown, stem: string[], childStem: string[] = stem): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, [...stem, String(i)]);
      });
      return;
    }
    const repeated = see(textOf(node), node, stem);
    if (repeated) return;
    // The part before the description counts where it is not a copy of a repeated whole.
    const shared = coreOf(node);
    if (shared !== undefined && see(textOf(shared), shared, stem)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "properties" || key === "$defs") visit(value, [...childStem, key], childStem);
      else visit(value, [...childStem, key]);
    }
  };
  for (const root of roots) visit(root.schema, [...root.stem]);

  // A tool's dialects that are equal are one constant, whatever their size: one costs a reference.
  const equalDialects = new Set<string>();
  const byTool = new Map<string, Set<string>>();
  const firstRoots = new Map<string, SchemaRoot>();
  for (const root of roots) {
    const tool = root.stem[0] ?? "";
    const texts = byTool.get(tool) ?? new Set();
    if (texts.has(textOf(root.schema))) equalDialects.add(textOf(root.schema));
    texts.add(textOf(root.schema));
    byTool.set(tool, texts);
    if (!firstRoots.has(textOf(root.schema))) firstRoots.set(textOf(root.schema), root);
  }
  const pooled = (text: string): boolean => {
    const entry = seen.get(text);
    return entry !== undefined && entry.count > 1 && text.length >= MIN_SHARED;
  };
  const names = new Map<string, string>();
  const used = new Set(taken);
  const declarations: string[] = [];
  const replacements: Replacements = {
    replace(node, isTop) {
      const text = textOf(node);
      if (!isTop && pooled(text)) return { name: declare(text) };
      const shared = coreOf(node);
      if (shared && pooled(textOf(shared)))
        return { spread: declare(textOf(shared)), skip: Object.keys(shared).length };
      return undefined;
    },
  };
  const declare = (text: string): string => {
    const known = names.get(text);
    if (known) return known;
    // A root's constant is named after its tool (and dialect), whatever it equals elsewhere.
    const root = firstRoots.get(text);
    const { stem, value } = root
      ? { stem: root.stem, value: root.schema }
      : (seen.get(text) as { stem: readonly string[]; value: object });
    let name = camel([...stem, "schema"]);
    for (let i = 2; used.has(name); i++) name = camel([...stem, "schema", String(i)]);
    used.add(name);
    names.set(text, name);
    // Printing declares what the value uses first, so every constant comes after its parts.
    const head = `const ${name} = `;
    const body = printJson(value, 0, WIDTH, head.length, replacements);
    declarations.push(`${head}${body};`);
    return name;
  };
  return {
    declarations,
    expression: (root, indent, at) => {
      const text = textOf(root.schema);
      if (pooled(text) || equalDialects.has(text)) return declare(text);
      return printJson(root.schema, indent, WIDTH, at, replacements);
    },
  };
}

/**
 * The JSON text of each schema object, and its part before the description: a tool's schemas are
 * the same objects from one run of the engine to the next while the tool does not change
 * (`dialects/run.ts`).
 */
const textOf = memoized((node: object): string => JSON.stringify(node));
const coreOf = memoized(core);

/**
 * The part of a schema object before its `description`: the type's own schema, to which a
 * property adds its words (and `default`, `examples`). Undefined when there is no such part.
 */
function core(node: object): object | undefined {
  const keys = Object.keys(node);
  const at = keys.indexOf("description");
  if (at <= 0) return undefined;
  return Object.fromEntries(keys.slice(0, at).map((k) => [k, (node as Record<string, unknown>)[k]]));
}
