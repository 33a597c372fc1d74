import { createRequire } from "node:module";
import type * as TypeScript from "typescript";

/**
 * The `typescript` package: the one copy of the compiler typecall loads. It is required, not
 * imported: importing a CommonJS module from ESM makes Node scan its source for export names first,
 * which for TypeScript's 9 MB costs about as much CPU as the rest of a small run (bench (c)).
 * Modules take its types with `import type { ... } from "typescript"`, which is erased.
 */
export const ts: typeof TypeScript = createRequire(import.meta.url)("typescript");
