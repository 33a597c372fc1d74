/**
 * `@typecall/wire` (private, tests only): loopback servers that speak providers' wire formats, so
 * tests run the real SDK clients end to end.
 *
 * @packageDocumentation
 */
export { checkChatRequest } from "./openai-request.ts";
export {
  type OpenAIServer,
  type OpenAIServerOptions,
  type Respond,
  startOpenAIServer,
} from "./openai-server.ts";
export type {
  AssistantTurn,
  ChatMessage,
  ChatRequest,
  WireError,
  WireTool,
  WireToolCall,
} from "./openai-types.ts";
export { lastToolResults, scriptedModel, type ToolResult, type Turn, toolCall } from "./scripted-model.ts";
