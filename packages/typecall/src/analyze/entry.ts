import { extname } from "node:path";

/** The extensions of the TypeScript modules typecall reads as entries. */
export const TS_EXTENSIONS: readonly string[] = [".ts", ".tsx", ".mts", ".cts"];

/** A declaration file (`.d.ts`, `.d.mts`, `.d.cts`): types without functions, never an entry. */
export function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/.test(path);
}

/** Whether a path names a TypeScript module that can be an entry. */
export function isTypeScriptModule(path: string): boolean {
  return TS_EXTENSIONS.includes(extname(path)) && !isDeclarationFile(path);
}
