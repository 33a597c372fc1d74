/**
 * BFCL function definitions as TypeScript tool modules: one exported function per distinct definition,
 * documented with JSDoc, whose body records the values of its parameters (see `log.ts` in the output).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BfclFunction, type BfclSchema, type BfclTest, type Category, canonicalJson } from "./bfcl.ts";
import { type Repair, repairSchema } from "./repair.ts";
import { identifierPart, isIdentifier, jsdoc, type TypeScope, tsType } from "./ts-type.ts";

/** One distinct definition of the corpus, and the tool name it gets. */
export interface CorpusFunction {
  /** The canonical JSON of the definition: equal keys, same definition. */
  key: string;
  definition: BfclFunction;
  /** The BFCL name, or `<name>__v<n>` for the n-th different definition under the same name. */
  toolName: string;
  /** The categories whose tests offer it, in corpus order. */
  categories: Category[];
}

/** A definition as TypeScript. */
export interface ConvertedFunction {
  toolName: string;
  exportName: string;
  /** `positional`: one parameter per property; `object`: a sole object parameter, flattened by typecall. */
  style: "positional" | "object";
  /** The properties in parameter order. */
  parameters: string[];
  /** Source defects the converter repaired. */
  repairs: Repair[];
  /** The function, with its comment and any type alias it needs. */
  source: string;
}

/** A written module and the tools in it. */
export interface ConvertedModule {
  category: Category;
  file: string;
  functions: ConvertedFunction[];
}

/** The function each tool's body calls; a parameter of that name would hide it. */
const RECORDER = "recordCall";

/** The distinct definitions of the tests, deduplicated by name and identical definition. */
export function catalogFunctions(tests: readonly BfclTest[]): Map<string, CorpusFunction> {
  const byKey = new Map<string, CorpusFunction>();
  const variants = new Map<string, number>();
  for (const test of tests) {
    for (const definition of test.functions) {
      const key = canonicalJson(definition);
      const known = byKey.get(key);
      if (known) {
        if (!known.categories.includes(test.category)) known.categories.push(test.category);
        continue;
      }
      const n = (variants.get(definition.name) ?? 0) + 1;
      variants.set(definition.name, n);
      const toolName = n === 1 ? definition.name : `${definition.name}__v${n}`;
      byKey.set(key, { key, definition, toolName, categories: [test.category] });
    }
  }
  return byKey;
}

/** Converts one definition. `exportName` must be an identifier. */
export function convertFunction(
  definition: BfclFunction,
  toolName: string,
  exportName: string,
): ConvertedFunction {
  const { schema, repairs } = repairSchema(definition.parameters);
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const names = properties.map(([name]) => name);
  // Positional parameters need identifier names, and cannot say "required, with a default".
  const positional = properties.every(
    ([name, property]) =>
      isIdentifier(name) && name !== RECORDER && !(required.has(name) && "default" in property),
  );
  const scope: TypeScope = { prefix: exportName, aliases: [] };
  const header = [definition.description.trim(), ...(exportName === toolName ? [] : [`@name ${toolName}`])];
  let signature: string;
  if (positional) {
    header.push(
      ...properties.flatMap(([name, property]) =>
        property.description === undefined ? [] : [`@param ${name} ${property.description.trim()}`],
      ),
    );
    signature = positionalParameters(properties, required, scope);
  } else {
    signature = `args: ${tsType({ ...schema, type: "dict" }, scope)}`;
  }
  const aliases = scope.aliases.map(
    (a) => `${jsdoc([a.description.trim()], "")}type ${a.name} = ${a.type};\n\n`,
  );
  // What the function sees: its parameters, defaults applied (not `arguments`, which holds only
  // what the caller passed; dispatch leaves a signature's defaults to the function).
  const seen = positional ? names.join(", ") : "args";
  const source =
    `${aliases.join("")}${jsdoc(header, "")}export function ${exportName}(${signature}): string {\n` +
    `  return ${RECORDER}(${JSON.stringify(toolName)}, [${seen}]);\n}\n`;
  return {
    toolName,
    exportName,
    style: positional ? "positional" : "object",
    parameters: names,
    repairs,
    source,
  };
}

function positionalParameters(
  properties: readonly [string, BfclSchema][],
  required: ReadonlySet<string>,
  scope: TypeScope,
): string {
  const lastRequired = properties.findLastIndex(([name]) => required.has(name));
  const parameters = properties.map(([name, property], i) => {
    const type = tsType(property, { ...scope, prefix: `${scope.prefix}_${identifierPart(name)}` }, "  ");
    if (required.has(name)) return `  ${name}: ${type}`;
    if ("default" in property) return `  ${name}: ${type} = ${JSON.stringify(property.default)}`;
    // `?` only where no required parameter follows; before one, `| undefined` says the same, except
    // to `unknown`, which absorbs it: there an initializer without a JSON value does.
    if (i > lastRequired) return `  ${name}?: ${type}`;
    return type === "unknown" ? `  ${name}: unknown = undefined` : `  ${name}: ${type} | undefined`;
  });
  return parameters.length === 0 ? "" : `\n${parameters.join(",\n")},\n`;
}

/** A module of converted functions. `logImport` is the specifier of the call log module. */
export function moduleSource(functions: readonly ConvertedFunction[], logImport: string): string {
  const body = functions.map((f) => f.source).join("\n");
  const imports = [
    ...(body.includes("tags.") ? ['import type { tags } from "typia";'] : []),
    `import { ${RECORDER} } from ${JSON.stringify(logImport)};`,
  ];
  return `// Converted from BFCL by corpus/convert.ts. Do not edit.\n${imports.join("\n")}\n\n${body}`;
}

/** The module every converted tool records its calls into. */
export const LOG_SOURCE = `/** Every call the converted tools received, in order. */
export const received: { name: string; args: unknown[] }[] = [];

/** Records the arguments a tool received: its parameters' values, as the function sees them. */
export function ${RECORDER}(name: string, args: unknown[]): string {
  received.push({ name, args });
  return "recorded";
}
`;

/** Options of {@link writeModules}. */
export interface WriteOptions {
  /** The folder of the modules; emptied first. */
  outDir: string;
  /** Functions per module. */
  chunkSize: number;
  /** Tool names left out (functions typecall cannot express), so the rest of their module generates. */
  exclude?: ReadonlySet<string>;
}

/** Writes `<outDir>/<category>/<n>.ts` modules and `<outDir>/log.ts`; returns what is where. */
export function writeModules(functions: Iterable<CorpusFunction>, options: WriteOptions): ConvertedModule[] {
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, "log.ts"), LOG_SOURCE);
  const byCategory = new Map<Category, CorpusFunction[]>();
  for (const fn of functions) {
    const home = fn.categories[0] as Category;
    byCategory.set(home, [...(byCategory.get(home) ?? []), fn]);
  }
  const modules: ConvertedModule[] = [];
  for (const [category, list] of byCategory) {
    mkdirSync(join(options.outDir, category), { recursive: true });
    for (let start = 0, n = 1; start < list.length; start += options.chunkSize, n++) {
      const chunk = list
        .slice(start, start + options.chunkSize)
        .filter((f) => !options.exclude?.has(f.toolName));
      const used = new Set<string>();
      const converted = chunk.map((f) =>
        convertFunction(f.definition, f.toolName, exportNameOf(f.toolName, used)),
      );
      const file = join(options.outDir, category, `${n}.ts`);
      if (converted.length > 0) writeFileSync(file, moduleSource(converted, "../log.ts"));
      modules.push({ category, file, functions: converted });
    }
  }
  return modules;
}

/** An identifier for a tool name, unique among `used` (which it joins). */
export function exportNameOf(toolName: string, used: Set<string>): string {
  const base = identifierPart(toolName);
  let name = isIdentifier(base) ? base : `${base}_`;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return name;
}
