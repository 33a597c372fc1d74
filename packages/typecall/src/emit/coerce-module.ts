import { structuralKeys, WORDS } from "../ir/keys.ts";
import type { TypeIR } from "../ir/types.ts";
import { camel } from "./names.ts";

/**
 * The module-level functions that coercion adds to a generated module (coercers and shape
 * predicates of shared, named and union member types), and what their code uses.
 */
export interface CoerceModule {
  readonly definitions: Readonly<Record<string, TypeIR>>;
  /** Module-level names taken: the module's own, the validators' and schemas', these functions'. */
  readonly names: Set<string>;
  /** The declarations, each after the functions it calls (but for recursion), in order. */
  readonly declarations: FunctionDeclaration[];
  /** The function made for each key (what it does, and the type's structural key or definition name). */
  readonly made: Map<string, string>;
  /** Helpers from `@typecall/runtime/internal` the code calls. */
  readonly helpers: Set<string>;
  /** The structural key of a type: its shape and defaults, without words (made once per type object). */
  readonly keyOf: (type: TypeIR) => string;
}

/** A module-level function: its name and code, and what a call of it can reach. */
export interface FunctionDeclaration {
  readonly name: string;
  lines: readonly string[];
  readonly fn: FunctionState;
}

/** What the code of one function calls: module-level functions, and the pass memo (`_union`, `_fits`). */
export interface FunctionState {
  readonly calls: Set<string>;
  memo: boolean;
}

/** Where code is being written: its function, and how deep in nested arrow functions (for their parameter names). */
export interface Scope {
  readonly module: CoerceModule;
  readonly fn: FunctionState;
  readonly depth: number;
}

/**
 * The key coercers are shared by: a default is filled in by the coercer, so it is part of what a
 * coercer does. Kept by type object across modules and runs, as the IR is never changed.
 */
const COERCION_KEY = structuralKeys(WORDS);

/** A module with no function yet; `taken` are the names it must not declare. */
export function createCoerceModule(
  definitions: Readonly<Record<string, TypeIR>>,
  taken: Iterable<string>,
): CoerceModule {
  return {
    definitions,
    names: new Set(taken),
    declarations: [],
    made: new Map(),
    helpers: new Set(),
    keyOf: COERCION_KEY,
  };
}

/** A helper of `@typecall/runtime/internal`, recorded as imported. */
export function helper(scope: Scope, name: string): string {
  scope.module.helpers.add(name);
  return name;
}

/** A module-level function, recorded as called by the function being written. */
export function calls(scope: Scope, name: string): string {
  scope.fn.calls.add(name);
  return name;
}

/** The scope of a new module-level function. */
export function functionScope(module: CoerceModule): Scope {
  return { module, fn: { calls: new Set(), memo: false }, depth: 0 };
}

/** The scope of an arrow function inside the current one. */
export function deeper(scope: Scope): Scope {
  return { ...scope, depth: scope.depth + 1 };
}

/**
 * The parameter name of an arrow function at a depth: `x`, `y`, `z`, then `x3`, ...; an index
 * (which only an arrow inside another takes) `i`, then `j`, `k`, `i4`, ...
 */
export function parameterName(scope: Scope, base: "x" | "i" = "x"): string {
  if (base === "i") return ["i", "i", "j", "k"][scope.depth] ?? `i${scope.depth}`;
  return ["x", "y", "z"][scope.depth] ?? `x${scope.depth}`;
}

/**
 * The function made for `key`, or a new one: `make` writes its body in a fresh scope, once its name
 * is known (so that a recursive type calls itself), and the declaration is placed after the
 * functions its body made.
 */
export function madeFunction(
  module: CoerceModule,
  key: string,
  stem: readonly string[],
  make: (name: string, scope: Scope) => readonly string[],
): string {
  const known = module.made.get(key);
  if (known !== undefined) return known;
  const name = moduleName(camel(stem), module);
  module.made.set(key, name);
  const scope = functionScope(module);
  const lines = make(name, scope);
  module.declarations.push({ name, lines, fn: scope.fn });
  return name;
}

function moduleName(base: string, module: CoerceModule): string {
  let name = base;
  for (let i = 2; module.names.has(name); i++) name = `${base}_${i}`;
  module.names.add(name);
  return name;
}

/** Whether code calling `calls` can reach the pass memo: then each coercion starts a pass first. */
export function reachesMemo(fn: FunctionState, module: CoerceModule): boolean {
  if (fn.memo) return true;
  const byName = new Map(module.declarations.map((d) => [d.name, d.fn]));
  const seen = new Set<string>();
  const stack = [...fn.calls];
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const found = byName.get(name);
    if (found?.memo) return true;
    stack.push(...(found?.calls ?? []));
  }
  return false;
}
