/**
 * A loopback HTTP server speaking the Anthropic Messages wire format, so tests can drive the real
 * `@anthropic-ai/sdk` client (and our adapter through it) against a scripted model.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { checkAnthropicRequest } from "./anthropic-request.ts";
import type { AnthropicBlock, AnthropicError, AnthropicRequest } from "./anthropic-types.ts";
import { listen, parseJson, readBody, send, tokensOf } from "./http.ts";
import { argumentValue, type ModelView, type ScriptAnswer, type ScriptResult } from "./script.ts";

/**
 * An answer of the model; `stopReason` overrides the stop reason the server picks (`tool_use`
 * when there are calls, else `end_turn`), to play `pause_turn`, `max_tokens` or `refusal`.
 */
export interface AnthropicAnswer extends ScriptAnswer {
  readonly stopReason?: "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "pause_turn" | "refusal";
}

/** Options of {@link startAnthropicServer}. */
export interface AnthropicServerOptions {
  /** The model answering each request (see `script`); a plain `Model` fits. */
  model: (view: ModelView<AnthropicRequest>) => AnthropicAnswer | Promise<AnthropicAnswer>;
}

/** A running server. */
export interface AnthropicServer {
  /** `http://127.0.0.1:<port>`: the client's `baseURL` as it is (the SDK adds `/v1/messages`). */
  readonly url: string;
  /** Bodies of the requests that reached the model, in arrival order. */
  readonly requests: AnthropicRequest[];
  /** Every error the server answered with (400 for malformed requests, 404, 500), in order. */
  readonly errors: { status: number; error: AnthropicError }[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startAnthropicServer(options: AnthropicServerOptions): Promise<AnthropicServer> {
  const requests: AnthropicRequest[] = [];
  const errors: AnthropicServer["errors"] = [];
  const counters = { message: 0, toolUse: 0 };
  const fail = (res: ServerResponse, status: number, error: AnthropicError): void => {
    errors.push({ status, error });
    send(res, status, { type: "error", error });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((thrown: unknown) =>
      fail(res, 500, { type: "api_error", message: String(thrown) }),
    );
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== "/v1/messages")
      return fail(res, 404, { type: "not_found_error", message: `Not Found: ${req.method} ${path}` });
    const body = parseJson(await readBody(req));
    const problem =
      req.headers["anthropic-version"] === undefined
        ? { type: "invalid_request_error" as const, message: "anthropic-version: header is required" }
        : checkAnthropicRequest(body);
    if (problem) return fail(res, 400, problem);
    const request = body as AnthropicRequest;
    requests.push(request);
    const turn = await options.model(viewOf(request));
    send(res, 200, buildMessage(request, turn, counters));
  }
  return { ...(await listen(server)), requests, errors };
}

function blocksOf(content: string | AnthropicBlock[] | undefined): AnthropicBlock[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : (content ?? []);
}

/** A `tool_result`'s content as text: the string, or its text blocks joined. */
function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return (content as AnthropicBlock[])
    .filter((block) => block.type === "text")
    .map((block) => block.text ?? "")
    .join("");
}

/**
 * The request as a model reads it: the `tool_result` blocks of the last user message, and the
 * `tool_use` blocks of the assistant message before it.
 */
export function viewOf(request: AnthropicRequest): ModelView<AnthropicRequest> {
  const { messages } = request;
  const lastAssistant = messages.findLastIndex((message) => message.role === "assistant");
  const uses = blocksOf(messages[lastAssistant]?.content).filter((block) => block.type === "tool_use");
  const last = messages.at(-1);
  const answers = lastAssistant >= 0 && last?.role === "user" ? blocksOf(last.content) : [];
  const results: ScriptResult[] = answers
    .filter((block) => block.type === "tool_result")
    .map((block) => ({
      callId: block.tool_use_id ?? "",
      name: uses.find((use) => use.id === block.tool_use_id)?.name ?? "",
      content: resultText(block.content),
      isError: block.is_error === true,
    }));
  const calls = uses.map((use) => ({ name: use.name ?? "", args: use.input }));
  return { request, results, calls };
}

/** A full Message for the assistant's turn; message and tool_use ids count up per server. */
function buildMessage(
  request: AnthropicRequest,
  turn: AnthropicAnswer,
  counters: { message: number; toolUse: number },
): Record<string, unknown> {
  const toolUses = (turn.calls ?? []).map((call) => ({
    type: "tool_use",
    id: `toolu_${++counters.toolUse}`,
    name: call.name,
    input: argumentValue(call),
    caller: { type: "direct" },
  }));
  const content = [
    ...(turn.text === undefined ? [] : [{ type: "text", text: turn.text, citations: null }]),
    ...toolUses,
  ];
  return {
    id: `msg_${++counters.message}`,
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    stop_reason: turn.stopReason ?? (toolUses.length > 0 ? "tool_use" : "end_turn"),
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: {
      input_tokens: tokensOf(request.messages),
      output_tokens: tokensOf(content),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: null,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: "standard",
      speed: null,
    },
  };
}
