/**
 * `@typecall/runtime`: what a generated `<entry>.typecall.ts` module and the application use at
 * runtime. No dependencies, no Node API.
 *
 * @packageDocumentation
 */

export type { ApprovalStore } from "./approval.ts";
export type {
  DialectTools,
  GeminiTool,
  JsonSchemaTool,
  McpTool,
  StrictDialectTool,
} from "./dialects.ts";
export { type ParseResult, parseArguments } from "./lenient-json.ts";
export {
  type AllowRule,
  type CallEvent,
  DEFAULTS,
  type Limits,
  type OutcomeEvent,
  type ResolvedToolsetOptions,
  type ToolsetHooks,
  type ToolsetOptions,
} from "./options.ts";
export type {
  AnyOutcome,
  Approval,
  BatchOptions,
  CallOptions,
  ContextArg,
  DispatchArgs,
  ErrorCode,
  Issue,
  RawOutcome,
  ToolCall,
  ToolError,
  ToolFailure,
  ToolMapShape,
  ToolOutcome,
  ToolSuccess,
  ToolTypes,
  TypedToolCall,
} from "./outcome.ts";
export { combineToolsets, createToolset, type ListOptions, type Toolset } from "./toolset.ts";
export type {
  Dialect,
  DialectSchemas,
  EmptyContext,
  JsonSchema,
  ToolAnnotations,
  ToolContext,
  ToolDefinition,
  ValidatorError,
  ValidatorResult,
} from "./types.ts";
