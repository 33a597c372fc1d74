/**
 * `@typecall/wire` (private, tests only): loopback servers that speak providers' wire formats, so
 * tests run the real SDK clients end to end. Every server plays a {@link Model}: one script, in
 * provider-neutral terms, runs the same conversation through every format.
 *
 * @packageDocumentation
 */

export { checkAnthropicRequest } from "./anthropic-request.ts";
export {
  type AnthropicAnswer,
  type AnthropicServer,
  type AnthropicServerOptions,
  startAnthropicServer,
} from "./anthropic-server.ts";
export type {
  AnthropicBlock,
  AnthropicError,
  AnthropicMessage,
  AnthropicRequest,
  AnthropicWireTool,
} from "./anthropic-types.ts";
export { checkGeminiRequest } from "./gemini-request.ts";
export { type GeminiServer, type GeminiServerOptions, startGeminiServer } from "./gemini-server.ts";
export type {
  GeminiContent,
  GeminiError,
  GeminiFunctionCall,
  GeminiFunctionDeclaration,
  GeminiFunctionResponse,
  GeminiPart,
  GeminiRequest,
} from "./gemini-types.ts";
export {
  type McpCallResult,
  type McpClientLike,
  type McpConversation,
  type McpHostRequest,
  type McpRound,
  type PlayMcpOptions,
  playMcp,
  textOf,
} from "./mcp-host.ts";
export { checkChatRequest } from "./openai-request.ts";
export { type OpenAIServer, type OpenAIServerOptions, startOpenAIServer } from "./openai-server.ts";
export type { ChatMessage, ChatRequest, WireError, WireTool, WireToolCall } from "./openai-types.ts";
export {
  checkConversation,
  checkResponsesRequest,
  type Rejection,
  type ResponsesItem,
  type ResponsesRequest,
  type ResponsesWireTool,
} from "./responses-request.ts";
export {
  type ResponsesServer,
  type ResponsesServerOptions,
  startResponsesServer,
} from "./responses-server.ts";
export {
  argumentText,
  argumentValue,
  type Model,
  type ModelView,
  parseArguments,
  type ScriptAnswer,
  type ScriptCall,
  type ScriptResult,
  type ScriptTurn,
  script,
} from "./script.ts";
