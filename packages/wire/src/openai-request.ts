/**
 * Checks a request body the way the real Chat Completions endpoint does, for the rules that catch
 * malformed conversations: messages present and well-formed, every tool message answering a
 * tool call of the assistant message just before it, every tool call answered, tools well-formed.
 * Messages mirror the real API's wording so a test failure reads like production would.
 */
import { isObject } from "./http.ts";
import type { WireError } from "./openai-types.ts";

const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

type Body = Record<string, unknown>;

/** An `invalid_request_error` with the real API's fields. */
export function invalid(message: string, param: string | null, code: string | null = null): WireError {
  return { message, type: "invalid_request_error", param, code };
}

/** Whether a JSON value is an object (not an array). */
/** The first problem with a request body, or `undefined` when the real API would accept it. */
export function checkChatRequest(body: unknown): WireError | undefined {
  if (!isObject(body)) return invalid("We could not parse the JSON body of your request.", null);
  if (typeof body.model !== "string" || body.model === "")
    return invalid("you must provide a model parameter", null);
  const streamProblem = checkStream(body);
  if (streamProblem) return streamProblem;
  if (body.messages === undefined) {
    return invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
  }
  if (!Array.isArray(body.messages))
    return invalid("Invalid type for 'messages': expected an array.", "messages");
  if (body.messages.length === 0) {
    return invalid(
      "Invalid 'messages': empty array. Expected an array with minimum length 1.",
      "messages",
      "empty_array",
    );
  }
  return checkMessages(body.messages) ?? checkTools(body.tools);
}

/** `stream` and `stream_options`, which the API accepts only together. */
function checkStream(body: Body): WireError | undefined {
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== "boolean")
    return invalid("Invalid type for 'stream': expected a boolean.", "stream", "invalid_type");
  const options = body.stream_options;
  if (options === undefined || options === null) return undefined;
  if (body.stream !== true) {
    return invalid(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      "stream_options",
    );
  }
  if (!isObject(options))
    return invalid(
      "Invalid type for 'stream_options': expected an object.",
      "stream_options",
      "invalid_type",
    );
  if (options.include_usage !== undefined && typeof options.include_usage !== "boolean") {
    return invalid(
      "Invalid type for 'stream_options.include_usage': expected a boolean.",
      "stream_options.include_usage",
      "invalid_type",
    );
  }
  return undefined;
}

function checkMessages(messages: readonly unknown[]): WireError | undefined {
  let pending: { index: number; ids: Set<string> } | undefined;
  for (const [index, message] of messages.entries()) {
    const shape = checkMessage(message, index);
    if (shape) return shape;
    const { role, tool_call_id: id } = message as Body;
    if (role === "tool") {
      if (!pending?.ids.delete(id as string)) {
        return invalid(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `messages.[${index}].role`,
        );
      }
      continue;
    }
    if (pending && pending.ids.size > 0) return unanswered(pending);
    const calls = (message as Body).tool_calls;
    pending = Array.isArray(calls)
      ? { index, ids: new Set(calls.map((call) => (call as Body).id as string)) }
      : undefined;
  }
  return pending && pending.ids.size > 0 ? unanswered(pending) : undefined;
}

function unanswered(pending: { index: number; ids: Set<string> }): WireError {
  return invalid(
    "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
      `The following tool_call_ids did not have response messages: ${[...pending.ids].join(", ")}`,
    `messages.[${pending.index}].role`,
  );
}

function checkMessage(message: unknown, index: number): WireError | undefined {
  const at = `messages[${index}]`;
  if (!isObject(message)) return invalid(`Invalid type for '${at}': expected an object.`, at);
  if (!ROLES.has(message.role as string)) {
    return invalid(
      `Invalid value: '${String(message.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
      `${at}.role`,
      "invalid_value",
    );
  }
  if (message.role === "tool") {
    if (typeof message.tool_call_id !== "string") {
      return invalid(
        `Missing required parameter: '${at}.tool_call_id'.`,
        `${at}.tool_call_id`,
        "missing_required_parameter",
      );
    }
    if (!isTextContent(message.content))
      return invalid(`Invalid type for '${at}.content': expected text.`, `${at}.content`);
  }
  if (message.role === "assistant" && message.tool_calls !== undefined && message.tool_calls !== null) {
    return checkToolCalls(message.tool_calls, `${at}.tool_calls`);
  }
  return undefined;
}

function isTextContent(content: unknown): boolean {
  if (typeof content === "string") return true;
  return (
    Array.isArray(content) &&
    content.every((part) => isObject(part) && part.type === "text" && typeof part.text === "string")
  );
}

function checkToolCalls(calls: unknown, at: string): WireError | undefined {
  if (!Array.isArray(calls)) return invalid(`Invalid type for '${at}': expected an array.`, at);
  for (const [index, call] of calls.entries()) {
    const here = `${at}[${index}]`;
    if (!isObject(call) || typeof call.id !== "string") {
      return invalid(`Missing required parameter: '${here}.id'.`, `${here}.id`, "missing_required_parameter");
    }
    if (call.type !== "function")
      return invalid(`Invalid value for '${here}.type'.`, `${here}.type`, "invalid_value");
    const fn = call.function;
    if (!isObject(fn) || typeof fn.name !== "string" || typeof fn.arguments !== "string") {
      return invalid(
        `Invalid '${here}.function': expected { name: string, arguments: string }.`,
        `${here}.function`,
      );
    }
  }
  return undefined;
}

function checkTools(tools: unknown): WireError | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return invalid("Invalid type for 'tools': expected an array.", "tools");
  for (const [index, tool] of tools.entries()) {
    const at = `tools[${index}]`;
    if (!isObject(tool) || tool.type !== "function") {
      return invalid(`Invalid value for '${at}.type': expected 'function'.`, `${at}.type`, "invalid_value");
    }
    const fn = tool.function;
    if (!isObject(fn))
      return invalid(
        `Missing required parameter: '${at}.function'.`,
        `${at}.function`,
        "missing_required_parameter",
      );
    if (typeof fn.name !== "string" || !TOOL_NAME.test(fn.name)) {
      return invalid(
        `Invalid '${at}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
        `${at}.function.name`,
        "invalid_value",
      );
    }
    if (fn.parameters !== undefined && !isObject(fn.parameters)) {
      return invalid(
        `Invalid type for '${at}.function.parameters': expected an object.`,
        `${at}.function.parameters`,
      );
    }
  }
  return undefined;
}
