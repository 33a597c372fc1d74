import type { PropertyIR, TypeIR } from "../ir/types.ts";

/**
 * The validator engine behind one small interface: given the wire parameters of each tool, it
 * returns plain TypeScript code of a validator per tool. Two engines exist: typecall's own
 * (`ir-engine.ts`, the default: it compiles straight from the IR, in microseconds) and typia
 * (`typia.ts`, in-process, used to cross-check the first). Either can change without touching the rest.
 */
export interface ValidatorEngine {
  /** Compiles the validators of several modules at once (engines amortise their set-up over a batch). */
  compile(requests: readonly ValidatorRequest[]): ValidatorOutput[];
}

/** The validators of one generated module. */
export interface ValidatorRequest {
  /** A stable key for the module (its output path), so engines can cache or name scratch files. */
  key: string;
  /** The wire parameters of each tool, in order: each validator checks one arguments object. */
  tools: readonly (readonly PropertyIR[])[];
  /** Each tool's export name, in the same order: engines name what they share after where it is first used. */
  names?: readonly string[];
  /** Named types the parameters refer to (recursive types). */
  definitions?: Readonly<Record<string, TypeIR>>;
}

/** A module-level declaration: the name it declares, and its code. */
export interface Declaration {
  readonly name: string;
  readonly code: string;
}

/** Code for each requested validator, in request order, and what that code needs imported. */
export interface ValidatorOutput {
  /**
   * Each an expression of type `(input: unknown) => ValidatorResult`, reporting failures with
   * final paths (`guests[0].email`) and expected types as text.
   */
  validators: string[];
  /** Module-level declarations the validators share (checkers of shared types, patterns), in order. */
  declarations?: Declaration[];
  /** Names the code uses from `@typecall/runtime/internal`. */
  helpers: string[];
  /** Types the code uses from `@typecall/runtime`. */
  typeImports?: string[];
  /** Other import declarations the code needs, verbatim (the typia engine imports typia's helpers). */
  imports?: string[];
}
