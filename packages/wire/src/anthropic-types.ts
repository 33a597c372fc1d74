/** The slice of the Anthropic Messages wire format the test server reads and writes. */

/** A content block of a message, as a client sends it. */
export interface AnthropicBlock {
  type: string;
  /** `tool_use`: the call id. */
  id?: string;
  /** `tool_use`: the tool's name. */
  name?: string;
  /** `tool_use`: the arguments object. */
  input?: unknown;
  /** `tool_result`: the id of the `tool_use` it answers. */
  tool_use_id?: string;
  /** `tool_result`: a string or text (and other) blocks; `text`: absent. */
  content?: unknown;
  /** `tool_result`: whether it reports a failure. */
  is_error?: boolean;
  /** `text`: the text. */
  text?: string;
  [key: string]: unknown;
}

/** One message of a request. */
export interface AnthropicMessage {
  role: "user" | "assistant";
  content: string | AnthropicBlock[];
}

/** A `tools` entry of a request: a client tool (`type` absent or `"custom"`) or a server tool. */
export interface AnthropicWireTool {
  name: string;
  type?: string | null;
  description?: string;
  input_schema?: Record<string, unknown>;
  strict?: boolean;
  cache_control?: { type: "ephemeral"; ttl?: string } | null;
  [key: string]: unknown;
}

/** A request body that passed the server's checks. */
export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  tools?: AnthropicWireTool[];
  stream?: boolean;
  [key: string]: unknown;
}

/** The `error` of an Anthropic error body, `{ type: "error", error }`. */
export interface AnthropicError {
  type: "invalid_request_error" | "not_found_error" | "api_error";
  message: string;
}
