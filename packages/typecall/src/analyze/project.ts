import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type CompilerOptions, Project, ts } from "ts-morph";

/**
 * Compiler options typecall always needs, whatever the user's tsconfig says: analysis must see
 * `undefined` in optional types, and the validator engine (typia) requires strict mode.
 */
const requiredOptions: CompilerOptions = { strict: true, strictNullChecks: true, skipLibCheck: true, noEmit: true };

/** Options used when an entry has no tsconfig.json above it. */
const defaultOptions: CompilerOptions = {
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

/** Creates the ts-morph project that analyses entries governed by `tsconfig` (or the strict default). */
export function createProject(tsconfig: string | undefined): Project {
  if (tsconfig === undefined) {
    return new Project({ compilerOptions: { ...defaultOptions, ...requiredOptions } });
  }
  return new Project({
    tsConfigFilePath: tsconfig,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: requiredOptions,
  });
}
