import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { createWrappedNode, type SourceFile, ts } from "ts-morph";

const LIB_DIR = dirname(createRequire(import.meta.url).resolve("typescript/lib/lib.d.ts"));

/**
 * Compiler options typecall always needs, whatever the user's tsconfig says: analysis must see
 * `undefined` in optional types.
 */
const requiredOptions: ts.CompilerOptions = {
  strict: true,
  strictNullChecks: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Options used when an entry has no tsconfig.json above it. */
const defaultOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts"],
  types: [],
  allowImportingTsExtensions: true,
};

/** The nearest `tsconfig.json` at or above the entry's folder, if any. */
export function findTsconfig(entry: string): string | undefined {
  for (let dir = dirname(resolve(entry)); ; dir = dirname(dir)) {
    const candidate = join(dir, "tsconfig.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A TypeScript program over some entry modules, with ts-morph's navigation on top.
 *
 * The program is TypeScript's own (the copy ts-morph bundles), not a ts-morph `Project`: a Project
 * re-parses every lib file with parent pointers and wraps each node, which made analysis cost
 * twice the program itself. ts-morph wraps only the entry files we walk.
 */
export interface AnalysisProgram {
  program: ts.Program;
  checker: ts.TypeChecker;
  options: ts.CompilerOptions;
  /** The compiler host the program was made with (lib files from the `typescript` package). */
  host: ts.CompilerHost;
  /** The entry as a ts-morph SourceFile, or undefined when the program does not contain it. */
  sourceFile(path: string): SourceFile | undefined;
}

/** Creates the program for entries governed by `tsconfig` (or the strict default when there is none). */
export function createAnalysisProgram(
  tsconfig: string | undefined,
  entries: readonly string[],
): AnalysisProgram {
  const options = { ...(tsconfig ? readTsconfig(tsconfig) : defaultOptions), ...requiredOptions };
  const host = createHost(options);
  const program = ts.createProgram({ rootNames: [...entries], options, host });
  const checker = program.getTypeChecker();
  return {
    program,
    checker,
    options,
    host,
    sourceFile(path) {
      const file = program.getSourceFile(path);
      return file && createWrappedNode(file, { typeChecker: checker, compilerOptions: options });
    },
  };
}

/**
 * TypeScript's default host, reading lib files from the `typescript` package: ts-morph's bundled
 * compiler keeps its own lib files in memory only, where a plain program cannot find them.
 */
function createHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  host.getDefaultLibLocation = () => LIB_DIR;
  host.getDefaultLibFileName = (o) => join(LIB_DIR, ts.getDefaultLibFileName(o));
  return host;
}

/** The compiler options of a tsconfig.json, with `extends` followed; errors fall back to defaults. */
function readTsconfig(path: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  return parsed?.options ?? defaultOptions;
}
