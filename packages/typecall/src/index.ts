/**
 * typecall: compile plain exported TypeScript functions into LLM tools.
 *
 * @packageDocumentation
 */
export type { ToolNaming } from "./analyze/naming.ts";
export { type CliIO, runCli, USAGE } from "./cli/cli.ts";
export type { InspectDiagnostic, InspectDocument, InspectModule, InspectTool } from "./cli/inspect.ts";
export { defineConfig, type TypecallConfig } from "./config/define.ts";
export type { DiagnosticCode } from "./diagnostics/codes.ts";
export { codes } from "./diagnostics/codes.ts";
export type { Diagnostic } from "./diagnostics/diagnostic.ts";
export { formatDiagnostic, formatSummary } from "./diagnostics/format.ts";
export type { DialectName, StrictDialect, StrictMode } from "./emit/dialects/index.ts";
export type { ToolDialects } from "./emit/dialects/run.ts";
export {
  findStale,
  type GeneratedFile,
  type GenerateOptions,
  type GenerateResult,
  generate,
  type ModuleResult,
  outputPath,
} from "./generate.ts";
export type {
  ArgumentIR,
  ObjectTypeIR,
  PropertyIR,
  SourceLocation,
  ToolIR,
  ToolsetIR,
  TypeIR,
} from "./ir/types.ts";
export { writeFiles } from "./write.ts";
