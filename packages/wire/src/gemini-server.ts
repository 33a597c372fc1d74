/**
 * A loopback HTTP server speaking the Gemini API's `generateContent` wire format (v1beta), so tests
 * can drive the real `@google/genai` client (and our adapter through it) against a scripted model.
 * It answers as a thinking model does: the first function call of each turn carries a
 * `thoughtSignature`, which the client must send back with the turn.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { checkGeminiRequest } from "./gemini-request.ts";
import type { GeminiContent, GeminiError, GeminiPart, GeminiRequest } from "./gemini-types.ts";
import { listen, parseJson, readBody, send, tokensOf } from "./http.ts";
import { argumentValue, type Model, type ModelView, type ScriptAnswer, type ScriptResult } from "./script.ts";

/** Options of {@link startGeminiServer}. */
export interface GeminiServerOptions {
  /** The model answering each request (see `script`). */
  model: Model<GeminiRequest>;
}

/** A running server. */
export interface GeminiServer {
  /** `http://127.0.0.1:<port>`: the client's `httpOptions.baseUrl`. */
  readonly url: string;
  /** Bodies of the requests that reached the model, in arrival order (with the URL's model as `model`). */
  readonly requests: GeminiRequest[];
  /** Every error the server answered with (400 for malformed requests, 403, 404, 500), in order. */
  readonly errors: { status: number; error: GeminiError }[];
  /** The thought signatures the server gave, in order: one per answer with function calls. */
  readonly signatures: string[];
  close(): Promise<void>;
}

const ROUTE = /^\/v1beta\/models\/([^/:]+):generateContent$/;

/** Starts the server on 127.0.0.1 and a free port. */
export async function startGeminiServer(options: GeminiServerOptions): Promise<GeminiServer> {
  const requests: GeminiRequest[] = [];
  const errors: GeminiServer["errors"] = [];
  const signatures: string[] = [];
  const counters = { response: 0, call: 0 };
  const fail = (res: ServerResponse, error: GeminiError): void => {
    errors.push({ status: error.code, error });
    send(res, error.code, { error });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((thrown: unknown) => {
      fail(res, { code: 500, message: String(thrown), status: "INTERNAL" });
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const route = ROUTE.exec(path);
    if (req.method !== "POST" || route === null) {
      const message = `The requested URL ${req.method} ${path} was not found on this test server (it serves generateContent only).`;
      return fail(res, { code: 404, message, status: "NOT_FOUND" });
    }
    if (!req.headers["x-goog-api-key"]) {
      const message =
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
      return fail(res, { code: 403, message, status: "PERMISSION_DENIED" });
    }
    const body = parseJson(await readBody(req));
    const problem = checkGeminiRequest(body);
    if (problem) return fail(res, problem);
    const request = { model: decodeURIComponent(route[1] ?? ""), ...(body as object) } as GeminiRequest;
    requests.push(request);
    const turn = await options.model(viewOf(request));
    const content = modelContent(turn, counters, signatures);
    send(res, 200, {
      candidates: [{ content, finishReason: "STOP", index: 0 }],
      usageMetadata: usage(request, content),
      modelVersion: request.model,
      responseId: `resp-${++counters.response}`,
    });
  }
  return { ...(await listen(server)), requests, errors, signatures };
}

/**
 * The request as a model reads it: the function responses of the last content when it answers the
 * model's last turn (their text: the `error`, or the `output` as JSON, a string as is), and the
 * calls of that model turn.
 */
export function viewOf(request: GeminiRequest): ModelView<GeminiRequest> {
  const { contents } = request;
  const lastModel = contents.findLastIndex((content) => content.role === "model");
  const calls = (contents[lastModel]?.parts ?? []).flatMap(({ functionCall: call }) =>
    call ? [{ name: call.name, args: call.args ?? {} }] : [],
  );
  const answers = lastModel >= 0 && lastModel === contents.length - 2 ? (contents.at(-1)?.parts ?? []) : [];
  const results = answers.flatMap(({ functionResponse: answer }): ScriptResult[] => {
    if (!answer) return [];
    const failed = "error" in answer.response;
    const value = failed ? answer.response.error : answer.response.output;
    const content = typeof value === "string" ? value : JSON.stringify(value ?? null);
    return [{ callId: answer.id ?? "", name: answer.name, content, isError: failed }];
  });
  return { request, results, calls };
}

/** The model's content for a scripted answer: its text, then its calls, the first one signed. */
function modelContent(turn: ScriptAnswer, counters: { call: number }, signatures: string[]): GeminiContent {
  const parts: GeminiPart[] = turn.text === undefined ? [] : [{ text: turn.text }];
  for (const [index, call] of (turn.calls ?? []).entries()) {
    const part: GeminiPart = {
      functionCall: {
        id: `fc_${++counters.call}`,
        name: call.name,
        args: argumentValue(call) as Record<string, unknown>,
      },
    };
    if (index === 0) {
      // Opaque to the client, like the real one: base64 of bytes it cannot read.
      const signature = Buffer.from(`typecall-wire thought ${signatures.length + 1}`).toString("base64");
      signatures.push(signature);
      part.thoughtSignature = signature;
    }
    parts.push(part);
  }
  return { role: "model", parts };
}

function usage(request: GeminiRequest, content: GeminiContent): Record<string, number> {
  const promptTokenCount = tokensOf(request.contents);
  const candidatesTokenCount = tokensOf(content);
  return { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount };
}
