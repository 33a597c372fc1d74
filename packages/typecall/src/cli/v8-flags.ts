/**
 * The V8 flags the CLI sets for itself before it loads the compiler (see bin.ts): no optimizing
 * compiler beyond Maglev. A typecall run is short, so TurboFan spends more CPU compiling the
 * TypeScript checker's hot functions than their optimized code saves before the process exits.
 */
export const CLI_V8_FLAGS = "--max-opt=2";
