/** The slice of the Gemini `generateContent` wire format (v1beta, camelCase JSON) the test server reads and writes. */

/** A function call the model made, inside a part. */
export interface GeminiFunctionCall {
  id?: string;
  name: string;
  args?: Record<string, unknown>;
}

/** The answer to a function call, inside a part: `response` holds `output` or `error`. */
export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  response: Record<string, unknown>;
}

/** One part of a content. */
export interface GeminiPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  [key: string]: unknown;
}

/** One turn of a conversation: the user's (prompts and function responses) or the model's. */
export interface GeminiContent {
  role?: "user" | "model";
  parts: GeminiPart[];
}

/** A function declaration of a request's `tools`. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  parametersJsonSchema?: unknown;
  [key: string]: unknown;
}

/** A request that passed the server's checks: its body, with the model named in the URL as `model`. */
export interface GeminiRequest {
  model: string;
  contents: GeminiContent[];
  tools?: { functionDeclarations?: GeminiFunctionDeclaration[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

/** A Google API error body: `{ error: GeminiError }`. */
export interface GeminiError {
  code: number;
  message: string;
  status: "INVALID_ARGUMENT" | "NOT_FOUND" | "PERMISSION_DENIED" | "INTERNAL";
}
