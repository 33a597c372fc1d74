/**
 * A loopback HTTP server speaking the OpenAI Responses wire format, so tests can drive the real
 * `openai` client's `responses.create` (and our adapter through it) against a scripted model. It
 * keeps the responses it was asked to store, so `previous_response_id` works, and the items of
 * conversations made with `POST /v1/conversations` (the Conversations API), and rejects
 * conversations the real API rejects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listen, parseJson, readBody, send, tokensOf } from "./http.ts";
import type { WireError } from "./openai-types.ts";
import {
  checkConversation,
  checkResponsesRequest,
  itemType,
  type Rejection,
  type ResponsesItem,
  type ResponsesRequest,
} from "./responses-request.ts";
import { argumentText, type Model, type ModelView, parseArguments, type ScriptAnswer } from "./script.ts";

/** Options of {@link startResponsesServer}. */
export interface ResponsesServerOptions {
  /** The model answering each request (see `script`). */
  model: Model<ResponsesRequest>;
}

/** A running server. */
export interface ResponsesServer {
  /** `http://127.0.0.1:<port>`; the client's `baseURL` is this plus `/v1`. */
  readonly url: string;
  /** Bodies of the requests that reached the model, in arrival order. */
  readonly requests: ResponsesRequest[];
  /** Every error the server answered with (400 and 404 for rejected requests, 500), in order. */
  readonly errors: Rejection[];
  close(): Promise<void>;
}

/** Ids count up per server: `resp_1`, `rs_1`, `msg_1`, `conv_1`, and `fc_N` with its `call_N`. */
interface Counters {
  conversation: number;
  response: number;
  reasoning: number;
  message: number;
  call: number;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startResponsesServer(options: ResponsesServerOptions): Promise<ResponsesServer> {
  const requests: ResponsesRequest[] = [];
  const errors: Rejection[] = [];
  // Each stored response's whole conversation: what its request carried, then its output.
  const stored = new Map<string, ResponsesItem[]>();
  const reasoningOf = new Map<string, string>();
  // The items of each conversation of the Conversations API.
  const conversations = new Map<string, ResponsesItem[]>();
  const counters: Counters = { conversation: 0, response: 0, reasoning: 0, message: 0, call: 0 };
  const fail = (res: ServerResponse, { status, error }: Rejection): void => {
    errors.push({ status, error });
    send(res, status, { error });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((thrown: unknown) => {
      const error: WireError = { message: String(thrown), type: "server_error", param: null, code: null };
      fail(res, { status: 500, error });
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0];
    if (req.method === "POST" && path === "/v1/conversations") {
      const { items, metadata } = (parseJson(await readBody(req)) ?? {}) as {
        items?: ResponsesItem[];
        metadata?: unknown;
      };
      const id = `conv_${++counters.conversation}`;
      conversations.set(id, [...(items ?? [])]);
      const created_at = Math.floor(Date.now() / 1000);
      return send(res, 200, { id, object: "conversation", created_at, metadata: metadata ?? {} });
    }
    if (req.method !== "POST" || path !== "/v1/responses") {
      const message = `Unknown request URL: ${req.method} ${path}.`;
      const error: WireError = { message, type: "invalid_request_error", param: null, code: "unknown_url" };
      return fail(res, { status: 404, error });
    }
    const body = parseJson(await readBody(req));
    const problem = checkResponsesRequest(body);
    if (problem) return fail(res, { status: 400, error: problem });
    const request = body as ResponsesRequest;
    const conversationId =
      typeof request.conversation === "string" ? request.conversation : request.conversation?.id;
    if (conversationId !== undefined && request.previous_response_id) {
      const message =
        "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.";
      const error: WireError = {
        message,
        type: "invalid_request_error",
        param: null,
        code: "mutually_exclusive_parameters",
      };
      return fail(res, { status: 400, error });
    }
    if (conversationId !== undefined && !conversations.has(conversationId)) {
      const message = `Conversation with id '${conversationId}' not found.`;
      const error: WireError = { message, type: "invalid_request_error", param: "conversation", code: null };
      return fail(res, { status: 404, error });
    }
    const before =
      conversationId !== undefined
        ? conversations.get(conversationId)
        : request.previous_response_id
          ? stored.get(request.previous_response_id)
          : [];
    if (before === undefined) {
      const message = `Previous response with id '${request.previous_response_id}' not found.`;
      const error: WireError = {
        message,
        type: "invalid_request_error",
        param: "previous_response_id",
        code: "previous_response_not_found",
      };
      return fail(res, { status: 400, error });
    }
    const conversation = [...before, ...inputItems(request)];
    const rejection = checkConversation(conversation, before.length, request.store === false, {
      reasoningOf,
    });
    if (rejection) return fail(res, rejection);
    requests.push(request);
    const turn = await options.model(viewOf(request, conversation));
    const response = buildResponse(request, conversation, turn, counters);
    // The reasoning item comes first; the real API wants it before its calls whenever they are replayed.
    const [reasoning, ...items] = response.output;
    for (const item of items) {
      if (item.type === "function_call") reasoningOf.set(item.id as string, reasoning?.id as string);
    }
    if (request.store !== false) stored.set(response.id, [...conversation, ...response.output]);
    // A conversation keeps its items whatever `store` says.
    if (conversationId !== undefined)
      conversations.set(conversationId, [...conversation, ...response.output]);
    send(res, 200, response);
  }
  return { ...(await listen(server)), requests, errors };
}

/** The request's `input` as items: a string is one user message. */
function inputItems(request: ResponsesRequest): ResponsesItem[] {
  if (request.input === undefined) return [];
  return typeof request.input === "string" ? [{ role: "user", content: request.input }] : request.input;
}

function isModelItem(item: ResponsesItem): boolean {
  const type = itemType(item);
  return (
    type === "reasoning" || type === "function_call" || (type === "message" && item.role === "assistant")
  );
}

/**
 * The request as a model reads it, from the whole conversation (stored and sent): the
 * `function_call_output` items after the model's last turn, and that turn's function calls.
 */
function viewOf(
  request: ResponsesRequest,
  conversation: readonly ResponsesItem[],
): ModelView<ResponsesRequest> {
  const end = conversation.findLastIndex(isModelItem);
  let start = end;
  while (start > 0 && isModelItem(conversation[start - 1] as ResponsesItem)) start--;
  const turn =
    end < 0 ? [] : conversation.slice(start, end + 1).filter((item) => itemType(item) === "function_call");
  const results = conversation.slice(end + 1).flatMap((item) => {
    if (end < 0 || itemType(item) !== "function_call_output") return [];
    const content = typeof item.output === "string" ? item.output : JSON.stringify(item.output);
    const call = conversation.find((c) => itemType(c) === "function_call" && c.call_id === item.call_id);
    return [{ callId: item.call_id ?? "", name: call?.name ?? "", content, isError: undefined }];
  });
  const calls = turn.map((call) => ({ name: call.name ?? "", args: parseArguments(call.arguments ?? "") }));
  return { request, results, calls };
}

/**
 * A well-formed `response` object for the model's turn: a reasoning item, then the text as a
 * `message` item, then one `function_call` item per call. `output_text` is left out: the API
 * does not send it, the SDK computes it.
 */
function buildResponse(
  request: ResponsesRequest,
  conversation: readonly ResponsesItem[],
  turn: ScriptAnswer,
  counters: Counters,
): { id: string; output: ResponsesItem[]; [key: string]: unknown } {
  const encrypted = request.include?.includes("reasoning.encrypted_content") === true;
  const reasoningId = `rs_${++counters.reasoning}`;
  const output: ResponsesItem[] = [
    {
      id: reasoningId,
      type: "reasoning",
      summary: [],
      ...(encrypted && { encrypted_content: `enc:${reasoningId}` }),
    },
  ];
  if (turn.text !== undefined) {
    output.push({
      id: `msg_${++counters.message}`,
      type: "message",
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", annotations: [], logprobs: [], text: turn.text }],
    });
  }
  for (const call of turn.calls ?? []) {
    const n = ++counters.call;
    const args = argumentText(call);
    output.push({
      id: `fc_${n}`,
      type: "function_call",
      status: "completed",
      arguments: args,
      call_id: `call_${n}`,
      name: call.name,
    });
  }
  const inputTokens = tokensOf(conversation);
  const outputTokens = tokensOf(output);
  const now = Math.floor(Date.now() / 1000);
  return {
    id: `resp_${++counters.response}`,
    object: "response",
    created_at: now,
    status: "completed",
    completed_at: now,
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: null,
    model: request.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: "medium", summary: null },
    store: request.store !== false,
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: "auto",
    tools: request.tools ?? [],
    top_p: 1,
    truncation: "disabled",
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
    metadata: {},
  };
}
