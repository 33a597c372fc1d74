import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type {
  CompilerHost,
  CompilerOptions,
  ParsedCommandLine,
  Program,
  SourceFile,
  TsConfigSourceFile,
  TypeChecker,
} from "typescript";
import { ts } from "../typescript.ts";

/**
 * Compiler options typecall always needs, whatever the user's tsconfig says: analysis must see
 * `undefined` in optional types.
 */
const requiredOptions: CompilerOptions = {
  strict: true,
  strictNullChecks: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Options used when an entry has no tsconfig.json above it. */
const defaultOptions: CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts"],
  types: [],
  allowImportingTsExtensions: true,
};

/**
 * The nearest `tsconfig.json` at or above the entry's folder, if any. `passed` is given each nearer
 * one that does not exist: if it appears, it is the entry's.
 */
export function findTsconfig(entry: string, passed?: (candidate: string) => void): string | undefined {
  for (let dir = dirname(resolve(entry)); ; dir = dirname(dir)) {
    const candidate = join(dir, "tsconfig.json");
    if (existsSync(candidate)) return candidate;
    passed?.(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** A TypeScript program over some entry modules, and its type checker. */
export interface AnalysisProgram {
  program: Program;
  checker: TypeChecker;
  options: CompilerOptions;
  /** The compiler host the program was made with. */
  host: CompilerHost;
  /** The entry's source file, or undefined when the program does not contain it. */
  sourceFile(path: string): SourceFile | undefined;
}

/** Creates the program for entries governed by `tsconfig` (or the strict default when there is none). */
export function createAnalysisProgram(
  tsconfig: string | undefined,
  entries: readonly string[],
  reuse?: { readonly host: CompilerHost; readonly options: CompilerOptions; readonly oldProgram?: Program },
): AnalysisProgram {
  const options = reuse?.options ?? analysisOptions(tsconfig);
  const host = reuse?.host ?? analysisHost(options);
  const program = ts.createProgram({
    rootNames: [...entries],
    options,
    host,
    ...(reuse?.oldProgram && { oldProgram: reuse.oldProgram }),
  });
  const checker = program.getTypeChecker();
  return { program, checker, options, host, sourceFile: (path) => program.getSourceFile(path) };
}

/** The compiler options of the program for entries governed by `tsconfig` (the strict default without one). */
export function analysisOptions(tsconfig: string | undefined): CompilerOptions {
  return analysisConfig(tsconfig).options;
}

/**
 * The compiler options of `tsconfig` (the strict default without one), and the files they were
 * read from: the tsconfig and those it extends, for a watcher.
 */
export function analysisConfig(tsconfig: string | undefined): {
  options: CompilerOptions;
  files: string[];
} {
  if (!tsconfig) return { options: { ...defaultOptions, ...requiredOptions }, files: [] };
  const parsed = readTsconfig(tsconfig);
  const extended = (parsed?.options.configFile as TsConfigSourceFile | undefined)?.extendedSourceFiles ?? [];
  return {
    options: { ...(parsed?.options ?? defaultOptions), ...requiredOptions },
    files: [resolve(tsconfig), ...extended.map((file) => resolve(file))],
  };
}

/** The compiler host of an analysis program. */
export function analysisHost(options: CompilerOptions): CompilerHost {
  const host = ts.createCompilerHost(options);
  // Parse doc comments only where types depend on them (JavaScript files), as tsc does: typecall
  // reads every doc comment it needs from the source text (jsdoc.ts), so TypeScript need not
  // build JSDoc nodes for the lib files, whose comments are most of their text.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  return host;
}

/**
 * A tsconfig.json, with `extends` followed; undefined when it cannot be read (defaults then apply).
 * Its `include` patterns are not expanded: the program's files are the entries and what they import.
 */
function readTsconfig(path: string): ParsedCommandLine | undefined {
  return ts.getParsedCommandLineOfConfigFile(
    path,
    {},
    { ...ts.sys, readDirectory: () => [], onUnRecoverableConfigFileDiagnostic: () => {} },
  );
}
