/** The slice of the OpenAI Chat Completions wire format the test server reads and writes. */

/** A tool call inside an assistant message, on the wire. */
export interface WireToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** One message of a request, as sent by a client. */
export interface ChatMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool" | "function";
  content?: unknown;
  name?: string;
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
  [key: string]: unknown;
}

/** A `tools` entry of a request. */
export interface WireTool {
  type: "function";
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
    strict?: boolean | null;
  };
}

/** A request body that passed the server's checks. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: WireTool[];
  stream?: boolean | null;
  /** With `stream: true`: `include_usage` adds a last chunk with the usage and no choices. */
  stream_options?: { include_usage?: boolean } | null;
  [key: string]: unknown;
}

/** An OpenAI-style error body: `{ error: WireError }`. */
export interface WireError {
  message: string;
  type: "invalid_request_error" | "server_error";
  param: string | null;
  code: string | null;
}
