/**
 * A loopback HTTP server speaking the OpenAI Chat Completions wire format, so tests can drive the
 * real `openai` client (and our adapters through it) against a scripted model. With `stream: true`
 * it answers as the API does, with server-sent `chat.completion.chunk` events.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listen, parseJson, readBody, send, tokensOf } from "./http.ts";
import { checkChatRequest } from "./openai-request.ts";
import type { ChatRequest, WireError, WireToolCall } from "./openai-types.ts";
import { argumentText, type Model, type ModelView, parseArguments, type ScriptAnswer } from "./script.ts";

/** Options of {@link startOpenAIServer}. */
export interface OpenAIServerOptions {
  /** The model answering each request (see `script`). */
  model: Model<ChatRequest>;
}

/** A running server. */
export interface OpenAIServer {
  /** `http://127.0.0.1:<port>`; the client's `baseURL` is this plus `/v1`. */
  readonly url: string;
  /** Bodies of the requests that reached the model, in arrival order. */
  readonly requests: ChatRequest[];
  /** Every error the server answered with (400 for malformed requests, 404, 500), in order. */
  readonly errors: { status: number; error: WireError }[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startOpenAIServer(options: OpenAIServerOptions): Promise<OpenAIServer> {
  const requests: ChatRequest[] = [];
  const errors: OpenAIServer["errors"] = [];
  const counters = { completion: 0, toolCall: 0 };
  const fail = (res: ServerResponse, status: number, error: WireError): void => {
    errors.push({ status, error });
    send(res, status, { error });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((thrown: unknown) => {
      fail(res, 500, { message: String(thrown), type: "server_error", param: null, code: null });
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      const message = `Unknown request URL: ${req.method} ${path}.`;
      return fail(res, 404, { message, type: "invalid_request_error", param: null, code: "unknown_url" });
    }
    const body = parseJson(await readBody(req));
    const problem = checkChatRequest(body);
    if (problem) return fail(res, 400, problem);
    const request = body as ChatRequest;
    requests.push(request);
    const turn = await options.model(viewOf(request));
    const completion = buildCompletion(request, turn, counters);
    if (request.stream === true) sendEvents(res, completionChunks(completion, request));
    else send(res, 200, completion);
  }
  return { ...(await listen(server)), requests, errors };
}

/** The request as a model reads it: the tool messages after the last assistant message, and its calls. */
export function viewOf(request: ChatRequest): ModelView<ChatRequest> {
  const lastAssistant = request.messages.findLastIndex((message) => message.role === "assistant");
  const toolCalls = request.messages[lastAssistant]?.tool_calls ?? [];
  const results = request.messages.slice(lastAssistant + 1).flatMap((message) => {
    if (lastAssistant < 0 || message.role !== "tool") return [];
    const content =
      typeof message.content === "string" ? message.content : JSON.stringify(message.content ?? "");
    const name = toolCalls.find((call) => call.id === message.tool_call_id)?.function.name ?? "";
    return [{ callId: message.tool_call_id ?? "", name, content, isError: undefined }];
  });
  const calls = toolCalls.map((call) => ({
    name: call.function.name,
    args: parseArguments(call.function.arguments),
  }));
  return { request, results, calls };
}

/** The parts of a `chat.completion` that its stream of chunks carries too. */
interface Completion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: { index: 0; message: CompletionMessage; logprobs: null; finish_reason: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  system_fingerprint: null;
}

interface CompletionMessage {
  role: "assistant";
  content: string | null;
  refusal: null;
  annotations: never[];
  tool_calls?: WireToolCall[];
}

/** A well-formed `chat.completion` for the assistant's turn; tool call ids count up per server. */
function buildCompletion(
  request: ChatRequest,
  turn: ScriptAnswer,
  counters: { completion: number; toolCall: number },
): Completion {
  const toolCalls = (turn.calls ?? []).map((call) => ({
    id: `call_${++counters.toolCall}`,
    type: "function" as const,
    function: { name: call.name, arguments: argumentText(call) },
  }));
  const message: CompletionMessage = {
    role: "assistant",
    content: turn.text ?? null,
    refusal: null,
    annotations: [],
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  const promptTokens = tokensOf(request.messages);
  const completionTokens = tokensOf(message);
  return {
    id: `chatcmpl-${++counters.completion}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop" },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: null,
  };
}

/**
 * The completion as the stream the API sends for it: a first chunk with the role, the text in
 * pieces, each tool call opened with its id and name and its arguments in two pieces, a chunk
 * with the finish reason and, when `stream_options.include_usage` asks, one with the usage and no
 * choices (the other chunks then carry `usage: null`).
 */
function completionChunks(completion: Completion, request: ChatRequest): Record<string, unknown>[] {
  const { choices, usage, ...head } = completion;
  const [{ message, finish_reason }] = choices as [Completion["choices"][0]];
  const withUsage = request.stream_options?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> => ({
    ...head,
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(withUsage && { usage: null }),
  });
  const chunks = [chunk({ role: "assistant", content: "", refusal: null })];
  for (const piece of message.content?.match(/\S*\s*/g) ?? []) {
    if (piece !== "") chunks.push(chunk({ content: piece }));
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    const { id, type, function: fn } = call;
    chunks.push(chunk({ tool_calls: [{ index, id, type, function: { name: fn.name, arguments: "" } }] }));
    const half = Math.ceil(fn.arguments.length / 2);
    for (const piece of [fn.arguments.slice(0, half), fn.arguments.slice(half)]) {
      if (piece !== "") chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push(chunk({}, finish_reason));
  if (withUsage) chunks.push({ ...head, object: "chat.completion.chunk", choices: [], usage });
  return chunks;
}

/** Sends chunks as server-sent events, then `data: [DONE]`. */
function sendEvents(res: ServerResponse, chunks: readonly unknown[]): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  res.end("data: [DONE]\n\n");
}
