/**
 * Finds and loads `typecall.config.ts` (or `.mts`, `.js`, `.mjs`). A TypeScript config is compiled
 * with the compiler's own TypeScript (`transpileModule`, no type check) into an ES module written
 * beside the config under a unique name, so that its imports (`typecall` for `defineConfig`)
 * resolve from the config's folder as Node resolves them; the file is removed once imported.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "../typescript.ts";
import type { TypecallConfig } from "./define.ts";
import { kindOf } from "./glob.ts";
import { configProblems } from "./validate.ts";

/** The file names looked for in the folder, in order: the first that exists is the config. */
export const CONFIG_FILES: readonly string[] = [
  "typecall.config.ts",
  "typecall.config.mts",
  "typecall.config.js",
  "typecall.config.mjs",
];

const TYPESCRIPT = [".ts", ".mts"];
const EXTENSIONS = [...TYPESCRIPT, ".js", ".mjs"];

/** A configuration found and checked, or the empty one when there is no config file. */
export interface LoadedConfig {
  /** The config file's absolute path; undefined when there is none. */
  path: string | undefined;
  /** The folder the config's relative paths are resolved from: the config file's, else `cwd`. */
  root: string;
  /** The configuration, as written (its paths relative to `root`), every value checked. */
  config: TypecallConfig;
}

/** Why no configuration could be loaded: one message per problem, each naming the file and the key. */
export interface ConfigProblems {
  path: string;
  problems: string[];
}

/**
 * Loads the config file `explicitPath` (relative to `cwd`), or else the first of
 * {@link CONFIG_FILES} in `cwd`, and checks it: unknown keys and wrong values are problems, as is
 * a `tsconfig` that does not exist. Without a config file, resolves to the empty configuration.
 * Messages start with the file's path relative to `cwd`.
 */
export async function loadConfig(cwd: string, explicitPath?: string): Promise<LoadedConfig | ConfigProblems> {
  const path = explicitPath === undefined ? findConfig(cwd) : resolve(cwd, explicitPath);
  if (path === undefined) return { path, root: cwd, config: {} };
  const shown = relative(cwd, path).replaceAll("\\", "/") || basename(path);
  const fail = (...problems: string[]) => ({ path, problems: problems.map((p) => `${shown}: ${p}`) });
  if (!isFile(path)) return fail("no such file");
  if (!EXTENSIONS.includes(extname(path)))
    return fail(`a configuration file is a .ts, .mts, .js or .mjs module (typecall.config.ts)`);
  const source = readFileSync(path, "utf8");
  const code = TYPESCRIPT.includes(extname(path)) ? transpile(source, path) : source;
  // A syntax error has its place: `typecall.config.ts:3:5: ',' expected.`
  if (typeof code !== "string") return { path, problems: code.map((p) => `${shown}:${p}`) };
  let value: unknown;
  try {
    value = await importModule(path, withOwnDefineConfig(code, path));
  } catch (error) {
    return fail(`cannot be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const problems = configProblems(value);
  if (problems.length > 0) return fail(...problems);
  const config = value as TypecallConfig;
  const root = dirname(path);
  if (config.tsconfig !== undefined && !isFile(resolve(root, config.tsconfig)))
    return fail(
      `tsconfig must name an existing file, got "${config.tsconfig}" (relative to the config's folder)`,
    );
  return { path, root, config };
}

/** The first of {@link CONFIG_FILES} in `dir`. */
export function findConfig(dir: string): string | undefined {
  return CONFIG_FILES.map((name) => join(dir, name)).find(isFile);
}

/**
 * The config's code, its `import ... from "typecall"` answered by this compiler when the package
 * cannot be found from the config's folder (typecall run with npx, or installed elsewhere):
 * `defineConfig` is all a config takes from it, and it returns its argument.
 */
function withOwnDefineConfig(code: string, path: string): string {
  try {
    createRequire(path).resolve("typecall");
    return code;
  } catch {
    const own = `data:text/javascript,${encodeURIComponent("export const defineConfig = (config) => config;")}`;
    return code.replace(/(\bfrom\s*)(["'])typecall\2/g, `$1"${own}"`);
  }
}

/** The default export of `code`, the config at `path` as an ES module. */
async function importModule(path: string, code: string): Promise<unknown> {
  // Beside the config, so that its imports resolve from there; a unique name, as two runs may overlap.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.mjs`);
  writeFileSync(temp, code);
  try {
    const module = (await import(/* @vite-ignore */ pathToFileURL(temp).href)) as { default?: unknown };
    return module.default;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The config compiled to an ES module, or its syntax errors as `line:col: message` (types are not checked). */
function transpile(source: string, path: string): string | string[] {
  const output = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return output.outputText;
  return errors.map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file || d.start === undefined) return ` ${text}`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${line + 1}:${character + 1}: ${text}`;
  });
}

/** Whether a file is there; a path through a file (`a.txt/b`) is no more one than a missing path. */
function isFile(path: string): boolean {
  return kindOf(path) === "file";
}
