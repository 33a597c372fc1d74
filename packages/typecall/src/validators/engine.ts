/**
 * The validator engine behind one small interface: given the wire type of each tool's arguments,
 * it returns plain JavaScript/TypeScript code of a validator per tool. Today typia does the work
 * (see typia.ts); TypeScript 7 or another engine can take its place without touching the rest.
 */
export interface ValidatorEngine {
  compile(request: ValidatorRequest): ValidatorOutput;
}

/** The validators of one generated module. */
export interface ValidatorRequest {
  /** A stable key for the module (its entry path), so engines can cache or name scratch files. */
  key: string;
  /** One wire type (TypeScript text, see `wireTypeText`) per validator, in order. */
  types: string[];
}

/** Code for each requested validator, in request order, and what that code needs imported. */
export interface ValidatorOutput {
  /** Each an expression of type `(input: unknown) => ValidatorResult`. */
  validators: string[];
  /** Names the code uses from `@typecall/runtime/internal`. */
  helpers: string[];
}
