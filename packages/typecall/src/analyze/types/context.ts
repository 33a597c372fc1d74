import type { Node, Symbol as TsSymbol, Type, TypeChecker } from "typescript";
import type { DiagnosticCode } from "../../diagnostics/codes.ts";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.ts";
import type { PropertyIR, TypeIR } from "../../ir/types.ts";
import { locationOf } from "../location.ts";
import type { ToolNaming } from "../naming.ts";
import type { ABSENT } from "./object.ts";

/** State threaded through the conversion of one parameter's type. */
export interface TypeContext {
  checker: TypeChecker;
  diagnostics: Diagnostic[];
  /** Tool > parameter > property path of the value being converted. */
  path: (string | number)[];
  /** The node blamed by diagnostics: the nearest declaration of the value being converted. */
  node: Node;
  /** Object types being converted, outermost first: a repeat means recursion. */
  stack: Type[];
  /** What the whole entry shares: options and the named definitions recursive types need. */
  entry: EntryState;
}

/** Analysis state of one entry module, shared by all of its tools. */
export interface EntryState {
  options: AnalyzeOptions;
  /** Named types (JSON Schema `$defs`), for recursion. */
  definitions: Record<string, TypeIR>;
  /** The definition name given to each recursive type. */
  names: Map<Type, string>;
  /** Properties already converted without a diagnostic, for the tools that meet them again. */
  properties: Map<TsSymbol, PropertyIR | typeof ABSENT>;
}

/** Options of the analysis. */
export interface AnalyzeOptions {
  /** `unknown` and `any` become free JSON without a warning. */
  allowAny: boolean;
  /** The casing of tool names taken from exports (a tool's `@name` is kept as written). Default: as exported. */
  naming?: ToolNaming | undefined;
  /** The tsconfig.json of every entry, instead of the nearest one above each entry. */
  tsconfig?: string | undefined;
}

/** Converts a type to its wire shape, reporting a diagnostic and returning undefined when it cannot. */
export type ConvertType = (type: Type, context: TypeContext) => TypeIR | undefined;

/**
 * One kind of type. Handlers are tried in table order; the first whose `test` accepts the type
 * converts it. A handler may report a diagnostic and return undefined.
 */
export interface TypeHandler {
  name: string;
  test(type: Type, context: TypeContext): boolean;
  convert(type: Type, context: TypeContext, convert: ConvertType): TypeIR | undefined;
}

/** Reports `code` at the context's node and path; returns undefined so handlers can `return report(...)`. */
export function report(
  context: TypeContext,
  code: DiagnosticCode,
  message: string,
  hint?: string,
): undefined {
  const at = { location: locationOf(context.node), path: [...context.path] };
  context.diagnostics.push(createDiagnostic(code, message, hint === undefined ? at : { ...at, hint }));
  return undefined;
}
