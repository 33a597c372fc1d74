/** Scripted conversations for the test server: one turn per request, each free to read the request. */
import type { Respond } from "./openai-server.ts";
import type { AssistantTurn, ChatRequest } from "./openai-types.ts";

/** One scripted answer: fixed, or computed from the request (to react to the last tool results). */
export type Turn = AssistantTurn | ((request: ChatRequest) => AssistantTurn | Promise<AssistantTurn>);

/**
 * A `respond` function that plays `turns` in order, one per request. A request beyond the script
 * fails (the server answers 500), so a test notices a loop that calls the model too often.
 */
export function scriptedModel(turns: readonly Turn[]): Respond {
  let next = 0;
  return (request) => {
    const turn = turns[next++];
    if (turn === undefined) throw new Error(`scripted model: no turn left for request #${next}`);
    return typeof turn === "function" ? turn(request) : turn;
  };
}

/** A tool call of a turn, its arguments given as a value (serialised) or as raw text. */
export function toolCall(name: string, args: unknown): { name: string; arguments: string } {
  return { name, arguments: typeof args === "string" ? args : JSON.stringify(args) };
}

/** A tool result as the model sees it in a request. */
export interface ToolResult {
  toolCallId: string;
  /** The name of the function the answered call named. */
  name: string;
  content: string;
}

/** The tool messages after the request's last assistant message, with the names of the calls they answer. */
export function lastToolResults(request: ChatRequest): ToolResult[] {
  const lastAssistant = request.messages.findLastIndex((message) => message.role === "assistant");
  if (lastAssistant < 0) return [];
  const calls = request.messages[lastAssistant]?.tool_calls ?? [];
  return request.messages.slice(lastAssistant + 1).flatMap((message) => {
    if (message.role !== "tool") return [];
    const content =
      typeof message.content === "string" ? message.content : JSON.stringify(message.content ?? "");
    const name = calls.find((call) => call.id === message.tool_call_id)?.function.name ?? "";
    return [{ toolCallId: message.tool_call_id ?? "", name, content }];
  });
}
