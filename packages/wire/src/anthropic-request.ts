/**
 * Checks a request body the way the real Messages endpoint does, for the rules that catch
 * malformed conversations and tool lists: required fields; every `tool_use` answered by a
 * `tool_result` in the very next user message, the results first there; no result for an unknown
 * call; tool names, `input_schema`, and the strict tool use subset. The wording is the API's
 * (research/provider-rules.md section 3, and API error bodies quoted in issues).
 */

import type { AnthropicError } from "./anthropic-types.ts";
import { isObject } from "./http.ts";

type Body = Record<string, unknown>;

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

/** Keywords strict tool use answers with a 400, by the type they constrain. */
const STRICT_UNSUPPORTED: Record<string, readonly string[]> = {
  integer: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  number: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  string: ["minLength", "maxLength"],
};

/** Optional parameters summed over the strict tools of a request. */
const MAX_OPTIONAL = 24;

function invalid(message: string): AnthropicError {
  return { type: "invalid_request_error", message };
}

/** The first problem with a request body, or `undefined` when the real API would accept it. */
export function checkAnthropicRequest(body: unknown): AnthropicError | undefined {
  if (!isObject(body)) return invalid("There was an issue with your request body: it is not a JSON object.");
  for (const field of ["model", "max_tokens", "messages"])
    if (body[field] === undefined) return invalid(`${field}: Field required`);
  if (typeof body.model !== "string") return invalid("model: Input should be a valid string");
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens))
    return invalid("max_tokens: Input should be a valid integer");
  if (body.stream === true) return invalid("stream: this test server does not stream; send stream: false.");
  if (!Array.isArray(body.messages)) return invalid("messages: Input should be a valid list");
  return checkMessages(body.messages) ?? checkTools(body.tools);
}

function checkMessages(messages: readonly unknown[]): AnthropicError | undefined {
  // The ids of the last assistant turn's `tool_use` blocks; consecutive assistant messages are one turn.
  let pending: { index: number; ids: string[] } | undefined;
  for (const [index, message] of messages.entries()) {
    const shape = checkMessage(message, index, index === messages.length - 1);
    if (shape) return shape;
    const { role, content } = message as { role: string; content: unknown };
    const blocks = Array.isArray(content) ? (content as Body[]) : [];
    if (role === "assistant") {
      const ids = blocks.filter((block) => block.type === "tool_use").map((block) => block.id as string);
      if (ids.length > 0) pending = { index, ids: [...(pending?.ids ?? []), ...ids] };
      continue;
    }
    const problem = checkResults(blocks, index, pending);
    if (problem) return problem;
    pending = undefined;
  }
  return pending ? unanswered(pending.index, pending.ids) : undefined;
}

/** A user message's `tool_result` blocks against the calls of the assistant turn before it. */
function checkResults(
  blocks: readonly Body[],
  index: number,
  pending: { index: number; ids: string[] } | undefined,
): AnthropicError | undefined {
  const open = new Set(pending?.ids);
  let leading = true;
  for (const [position, block] of blocks.entries()) {
    if (block.type !== "tool_result") {
      leading = false;
      continue;
    }
    const id = block.tool_use_id as string;
    if (!open.delete(id)) {
      return invalid(
        `messages.${index}.content.${position}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. ` +
          "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
      );
    }
    // A result after other content does not come "immediately after" its call.
    if (!leading) open.add(id);
  }
  return pending && open.size > 0 ? unanswered(pending.index, [...open]) : undefined;
}

function unanswered(index: number, ids: readonly string[]): AnthropicError {
  return invalid(
    `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids.join(", ")}. ` +
      "Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
  );
}

function checkMessage(message: unknown, index: number, last: boolean): AnthropicError | undefined {
  const at = `messages.${index}`;
  if (!isObject(message)) return invalid(`${at}: Input should be a valid dictionary`);
  if (message.role !== "user" && message.role !== "assistant")
    return invalid(`${at}.role: Input should be 'user' or 'assistant'`);
  const { content } = message;
  if (content === undefined) return invalid(`${at}.content: Field required`);
  if (
    (content === "" || (Array.isArray(content) && content.length === 0)) &&
    !(last && message.role === "assistant")
  )
    return invalid(
      `${at}: all messages must have non-empty content except for the optional final assistant message`,
    );
  if (typeof content === "string") return undefined;
  if (!Array.isArray(content)) return invalid(`${at}.content: Input should be a valid list`);
  for (const [position, block] of content.entries()) {
    const here = `${at}.content.${position}`;
    if (!isObject(block) || typeof block.type !== "string") return invalid(`${here}.type: Field required`);
    if (block.type === "tool_use" && (typeof block.id !== "string" || typeof block.name !== "string"))
      return invalid(`${here}.tool_use: \`id\` and \`name\` are required strings`);
    if (block.type === "tool_use" && !isObject(block.input))
      return invalid(`${here}.tool_use.input: Input should be a valid dictionary`);
    if (block.type === "tool_result" && typeof block.tool_use_id !== "string")
      return invalid(`${here}.tool_result.tool_use_id: Field required`);
    if (block.type === "tool_result" && message.role !== "user")
      return invalid(`${here}: \`tool_result\` blocks can only be in \`user\` messages`);
  }
  return undefined;
}

function checkTools(tools: unknown): AnthropicError | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return invalid("tools: Input should be a valid list");
  const names = new Set<string>();
  const strictSchemas: Body[] = [];
  for (const [index, tool] of tools.entries()) {
    const at = `tools.${index}`;
    if (!isObject(tool)) return invalid(`${at}: Input should be a valid dictionary`);
    if (typeof tool.name !== "string") return invalid(`${at}.custom.name: Field required`);
    if (names.has(tool.name)) return invalid("tools: Tool names must be unique.");
    names.add(tool.name);
    // A server tool (`web_search_...`, `bash_...`) has its own shape; this server checks client tools.
    if (tool.type !== undefined && tool.type !== null && tool.type !== "custom") continue;
    const problem = checkTool(tool, `${at}.custom`);
    if (problem) return problem;
    if (tool.strict === true) strictSchemas.push(tool.input_schema as Body);
  }
  return checkOptionalBudget(strictSchemas);
}

function checkTool(tool: Body, at: string): AnthropicError | undefined {
  const name = tool.name as string;
  if (name.length > 128) return invalid(`${at}.name: String should have at most 128 characters`);
  if (!TOOL_NAME.test(name)) return invalid(`${at}.name: String should match pattern '${TOOL_NAME.source}'`);
  const schema = tool.input_schema;
  if (schema === undefined) return invalid(`${at}.input_schema: Field required`);
  if (!isObject(schema)) return invalid(`${at}.input_schema: Input should be a valid dictionary`);
  if (schema.type !== "object") return invalid(`${at}.input_schema.type: Input should be 'object'`);
  if (schema.oneOf !== undefined || schema.anyOf !== undefined || schema.allOf !== undefined)
    return invalid(
      `${at}.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level`,
    );
  return tool.strict === true ? checkStrictSchema(schema, `${at}.input_schema`) : undefined;
}

/** The strict tool use subset, as far as its 400s are cheap to tell: closed objects, no bounds. */
function checkStrictSchema(schema: Body, at: string): AnthropicError | undefined {
  let problem: AnthropicError | undefined;
  walk(schema, (node) => {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (types.includes("object") && node.additionalProperties !== false) {
      problem ??= invalid(`${at}: For 'object' type, 'additionalProperties' must be explicitly set to false`);
    }
    for (const type of types) {
      const keyword = STRICT_UNSUPPORTED[type as string]?.find((key) => node[key] !== undefined);
      if (keyword) problem ??= invalid(`${at}: For '${type}' type, property '${keyword}' is not supported`);
    }
  });
  return problem;
}

function checkOptionalBudget(schemas: readonly Body[]): AnthropicError | undefined {
  let optional = 0;
  for (const schema of schemas) {
    walk(schema, (node) => {
      if (!isObject(node.properties)) return;
      const required = new Set(Array.isArray(node.required) ? node.required : []);
      optional += Object.keys(node.properties).filter((key) => !required.has(key)).length;
    });
  }
  if (optional <= MAX_OPTIONAL) return undefined;
  return invalid(
    `Schemas contains too many optional parameters (${optional}), which would make grammar compilation inefficient. ` +
      `Reduce the number of optional parameters in your tool schemas (limit: ${MAX_OPTIONAL}).`,
  );
}

/** Calls `visit` on every schema node: properties, items, union members and definitions. */
function walk(node: unknown, visit: (node: Body) => void): void {
  if (!isObject(node)) return;
  visit(node);
  const children = [
    ...Object.values(isObject(node.properties) ? node.properties : {}),
    ...Object.values(isObject(node.$defs) ? node.$defs : {}),
    ...Object.values(isObject(node.definitions) ? node.definitions : {}),
    ...[node.anyOf, node.allOf, node.oneOf, node.prefixItems].flatMap((list) =>
      Array.isArray(list) ? list : [],
    ),
    node.items,
    node.additionalProperties,
  ];
  for (const child of children) walk(child, visit);
}
