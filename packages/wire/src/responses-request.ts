/**
 * Checks a Responses request the way the real `/v1/responses` endpoint does: the body and its
 * tools (strict-mode schema rules included), then the conversation it continues or carries:
 * every `function_call_output` answering a function call before it, every function call
 * answered, no item sent twice, reasoning items where the API needs them. Messages mirror the
 * real API's wording so a test failure reads like production would.
 */
import { isObject } from "./http.ts";
import { invalid } from "./openai-request.ts";
import type { WireError } from "./openai-types.ts";

/** An input or output item, as the server reads it (a message item may omit `type`). */
export interface ResponsesItem {
  type?: string;
  role?: string;
  id?: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  output?: unknown;
  content?: unknown;
  encrypted_content?: string | null;
  [key: string]: unknown;
}

/** A function tool of a Responses request (flat, no `function` envelope). */
export interface ResponsesWireTool {
  type: "function";
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

/** A request body that passed the server's checks. */
export interface ResponsesRequest {
  model: string;
  input?: string | ResponsesItem[];
  tools?: ResponsesWireTool[];
  previous_response_id?: string | null;
  /** A conversation of the Conversations API, by id. */
  conversation?: string | { id: string } | null;
  store?: boolean | null;
  include?: string[] | null;
  stream?: boolean | null;
  [key: string]: unknown;
}

/** A rejection: the HTTP status and the error body's `error`. */
export interface Rejection {
  status: number;
  error: WireError;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]+$/;
const ITEM_TYPES = new Set(["message", "function_call", "function_call_output", "reasoning"]);

/** The item's type: a message item may leave it out. */
export function itemType(item: ResponsesItem): string | undefined {
  return item.type ?? (item.role === undefined ? undefined : "message");
}

/** The first problem with a request body on its own, or `undefined` when the real API would accept it. */
export function checkResponsesRequest(body: unknown): WireError | undefined {
  if (!isObject(body)) return invalid("We could not parse the JSON body of your request.", null);
  if (typeof body.model !== "string" || body.model === "") {
    return invalid("Missing required parameter: 'model'.", "model", "missing_required_parameter");
  }
  if (body.stream === true) {
    return invalid("This test server does not stream; send stream: false.", "stream", "unsupported_value");
  }
  return checkInput(body.input) ?? checkTools(body.tools);
}

function checkInput(input: unknown): WireError | undefined {
  if (input === undefined || typeof input === "string") return undefined;
  if (!Array.isArray(input)) {
    return invalid("Invalid type for 'input': expected a string or an array of input items.", "input");
  }
  for (const [index, item] of input.entries()) {
    const at = `input[${index}]`;
    if (!isObject(item)) return invalid(`Invalid type for '${at}': expected an object.`, at, "invalid_type");
    const type = itemType(item);
    if (type === undefined || !ITEM_TYPES.has(type)) {
      return invalid(
        `Invalid value: '${String(type)}'. Supported values are: ${[...ITEM_TYPES].map((t) => `'${t}'`).join(", ")}.`,
        `${at}.type`,
        "invalid_value",
      );
    }
    if (type === "function_call" || type === "function_call_output") {
      const problem = checkCallItem(item, at);
      if (problem) return problem;
    }
  }
  return undefined;
}

function checkCallItem(item: Record<string, unknown>, at: string): WireError | undefined {
  const fields = item.type === "function_call" ? ["call_id", "name", "arguments"] : ["call_id"];
  for (const field of fields) {
    if (typeof item[field] !== "string") {
      return invalid(
        `Missing required parameter: '${at}.${field}'.`,
        `${at}.${field}`,
        "missing_required_parameter",
      );
    }
  }
  const callId = item.call_id as string;
  if (callId.length > 64) {
    return invalid(
      `Invalid '${at}.call_id': string too long. Expected a string with maximum length 64, but got a string with length ${callId.length} instead.`,
      `${at}.call_id`,
      "string_above_max_length",
    );
  }
  if (
    item.type === "function_call_output" &&
    typeof item.output !== "string" &&
    !Array.isArray(item.output)
  ) {
    return invalid(
      `Invalid type for '${at}.output': expected a string or an array of content items.`,
      `${at}.output`,
      "invalid_type",
    );
  }
  return undefined;
}

function checkTools(tools: unknown): WireError | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return invalid("Invalid type for 'tools': expected an array.", "tools");
  for (const [index, tool] of tools.entries()) {
    const at = `tools[${index}]`;
    if (!isObject(tool) || tool.type !== "function") {
      const type = isObject(tool) ? String(tool.type) : typeof tool;
      return invalid(
        `Invalid value: '${type}'. Supported values are: 'function', 'file_search', 'web_search', 'computer_use_preview', 'mcp', 'code_interpreter', 'image_generation', 'local_shell', 'custom'.`,
        `${at}.type`,
        "invalid_value",
      );
    }
    const problem = checkTool(tool, at);
    if (problem) return problem;
  }
  return undefined;
}

function checkTool(tool: Record<string, unknown>, at: string): WireError | undefined {
  const { name, parameters } = tool;
  if (typeof name !== "string") {
    return invalid(`Missing required parameter: '${at}.name'.`, `${at}.name`, "missing_required_parameter");
  }
  if (!TOOL_NAME.test(name)) {
    return invalid(
      `Invalid '${at}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      `${at}.name`,
      "invalid_value",
    );
  }
  if (name.length > 64) {
    return invalid(
      `Invalid '${at}.name': string too long. Expected a string with maximum length 64, but got a string with length ${name.length} instead.`,
      `${at}.name`,
      "string_above_max_length",
    );
  }
  if (parameters !== undefined && parameters !== null && !isObject(parameters)) {
    return invalid(
      `Invalid type for '${at}.parameters': expected an object, but got ${Array.isArray(parameters) ? "an array" : `a ${typeof parameters}`} instead.`,
      `${at}.parameters`,
      "invalid_type",
    );
  }
  // Responses reads a `strict` left out (or null) as strict.
  if (tool.strict === false || !isObject(parameters)) return undefined;
  const problem = strictProblem(parameters, []);
  return problem === undefined
    ? undefined
    : invalid(
        `Invalid schema for function '${name}': ${problem}`,
        `${at}.parameters`,
        "invalid_function_parameters",
      );
}

/**
 * The first strict-mode rule a schema breaks (OAI-SO): an object root; on every object
 * `additionalProperties: false` and every property required. Walks properties, items, anyOf and
 * definitions, naming the path like the API's `context=(...)`.
 */
function strictProblem(schema: Record<string, unknown>, path: readonly string[]): string | undefined {
  const context = `In context=(${path.map((part) => `'${part}'`).join(", ")}${path.length === 1 ? "," : ""})`;
  if (path.length === 0 && schema.type !== "object") {
    return `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type)}"'.`;
  }
  const isObjectSchema =
    schema.type === "object" || (Array.isArray(schema.type) && schema.type.includes("object"));
  if (isObjectSchema && schema.additionalProperties !== false) {
    return `${context}, 'additionalProperties' is required to be supplied and to be false.`;
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const missing = Object.keys(properties).find((key) => !required.includes(key));
  if (missing !== undefined) {
    return `${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
  }
  const children: [string[], unknown][] = [
    ...Object.entries(properties).map(([key, child]): [string[], unknown] => [["properties", key], child]),
    [["items"], schema.items],
    ...(Array.isArray(schema.anyOf) ? schema.anyOf : []).map((child, i): [string[], unknown] => [
      ["anyOf", String(i)],
      child,
    ]),
    ...["$defs", "definitions"].flatMap((key) =>
      Object.entries(isObject(schema[key]) ? schema[key] : {}).map(([name, child]): [string[], unknown] => [
        [key, name],
        child,
      ]),
    ),
  ];
  for (const [step, child] of children) {
    if (!isObject(child)) continue;
    const problem = strictProblem(child, [...path, ...step]);
    if (problem) return problem;
  }
  return undefined;
}

/** What the server knows of the items it produced: the reasoning item each function call belongs to. */
export interface ServerItems {
  readonly reasoningOf: ReadonlyMap<string, string>;
}

/**
 * The first problem with the conversation a request makes: `items` is the stored conversation
 * (when the request continues one) followed by the request's input, which starts at `fresh`.
 */
export function checkConversation(
  items: readonly ResponsesItem[],
  fresh: number,
  stateless: boolean,
  known: ServerItems,
): Rejection | undefined {
  const ids = new Set(items.slice(0, fresh).flatMap((item) => (item.id ? [item.id] : [])));
  const callIds = new Set(
    items.slice(0, fresh).flatMap((item) => (itemType(item) === "function_call" ? [item.call_id] : [])),
  );
  for (const item of items.slice(fresh)) {
    const type = itemType(item);
    if (item.id !== undefined && item.id !== null) {
      if (ids.has(item.id)) {
        return bad(
          `Duplicate item found with id ${item.id}. Remove duplicate items from your input and try again.`,
        );
      }
      const reasoning = known.reasoningOf.get(item.id);
      if (type === "function_call" && reasoning !== undefined && !ids.has(reasoning)) {
        return bad(
          `Item '${item.id}' of type 'function_call' was provided without its required 'reasoning' item: '${reasoning}'.`,
        );
      }
      if (type === "reasoning" && stateless && !item.encrypted_content) {
        return {
          status: 404,
          error: invalid(
            `Item with id '${item.id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
            "input",
          ),
        };
      }
      ids.add(item.id);
    }
    if (type === "function_call") callIds.add(item.call_id);
    if (type === "function_call_output" && !callIds.has(item.call_id)) {
      return bad(`No tool call found for function call output with call_id ${item.call_id}.`);
    }
  }
  const answered = new Set(
    items.flatMap((item) => (itemType(item) === "function_call_output" ? [item.call_id] : [])),
  );
  const unanswered = items.find((item) => itemType(item) === "function_call" && !answered.has(item.call_id));
  return unanswered && bad(`No tool output found for function call ${unanswered.call_id}.`);
}

function bad(message: string): Rejection {
  return { status: 400, error: invalid(message, "input") };
}
