/**
 * Checks a `generateContent` body the way the Gemini API (v1beta) does, for the rules that catch
 * malformed tools and conversations. The API reports in two layers, and so does this: first the
 * JSON-to-proto parse (unknown fields, wrong kinds of value, indexed paths such as
 * `properties[2].value`), then the request's validation (one `* GenerateContentRequest.<path>:`
 * line per problem, paths naming properties). Wording follows the API's, as quoted in
 * `research/provider-rules.md` §4 and the issue threads it cites.
 */

import type { GeminiError } from "./gemini-types.ts";
import { isObject } from "./http.ts";

type Body = Record<string, unknown>;

/** Fields of the `Schema` proto that `parameters` takes (camelCase; the proto's snake_case names are read too). */
const SCHEMA_FIELDS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);
const TYPES = new Set([
  "TYPE_UNSPECIFIED",
  "STRING",
  "NUMBER",
  "INTEGER",
  "BOOLEAN",
  "ARRAY",
  "OBJECT",
  "NULL",
]);
const DECLARATION_FIELDS = new Set([
  "name",
  "description",
  "behavior",
  "parameters",
  "parametersJsonSchema",
  "response",
  "responseJsonSchema",
]);
const CONTENT_FIELDS = new Set(["role", "parts"]);
const PART_FIELDS = new Set([
  "text",
  "inlineData",
  "fileData",
  "functionCall",
  "functionResponse",
  "executableCode",
  "codeExecutionResult",
  "thought",
  "thoughtSignature",
  "videoMetadata",
  "partMetadata",
  "mediaResolution",
  "toolCall",
  "toolResponse",
]);
const CALL_FIELDS = new Set(["id", "name", "args"]);
const RESPONSE_FIELDS = new Set(["id", "name", "response", "parts", "scheduling", "willContinue"]);
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;

/** The API's message for a function-response turn that does not answer every call of the turn before it. */
export const RESPONSE_COUNT_MESSAGE =
  "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";

/** The API's message for a replayed call turn without its thought signature (Gemini 3 and later). */
export function missingSignatureMessage(name: string, position: number): string {
  return (
    "Function call is missing a thought_signature in functionCall parts. This is required for tools to work " +
    "correctly, and missing thought_signature may lead to degraded model performance. Additional data, " +
    `function call \`default_api:${name}\` , position ${position}. ` +
    "Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details."
  );
}

/** A 400 `INVALID_ARGUMENT` error. */
export function invalidArgument(message: string): GeminiError {
  return { code: 400, message, status: "INVALID_ARGUMENT" };
}

/** A field under its camelCase name or the proto's snake_case one (the API reads both). */
function field(body: Body, name: string): unknown {
  return body[name] ?? body[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** What is wrong with a body: the parse layer's messages, and the validation layer's lines. */
class Problems {
  readonly parse: string[] = [];
  readonly invalid: string[] = [];
  unknownFields(body: Body, known: ReadonlySet<string>, at: string): void {
    for (const key of Object.keys(body)) {
      if (!known.has(camel(key)))
        this.parse.push(
          `Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`,
        );
    }
  }
  /** Whether `value` is a JSON object, as the proto message `type` at `at` must be; records it when not. */
  isMessage(value: unknown, at: string, type: string): value is Body {
    if (isObject(value)) return true;
    this.wrongValue(at, type, value);
    return false;
  }
  wrongValue(at: string, type: string, value: unknown): void {
    const name = type === "Struct" ? "google.protobuf.Struct" : `google.ai.generativelanguage.v1beta.${type}`;
    this.parse.push(`Invalid value at '${at}' (type.googleapis.com/${name}), ${JSON.stringify(value)}`);
  }
  error(): GeminiError | undefined {
    if (this.parse.length > 0) return invalidArgument(this.parse.join("\n"));
    if (this.invalid.length > 0)
      return invalidArgument(this.invalid.map((line) => `* GenerateContentRequest.${line}\n`).join(""));
    return undefined;
  }
}

/** The first problem with a request body, or `undefined` when the real API would accept it. */
export function checkGeminiRequest(body: unknown): GeminiError | undefined {
  if (!isObject(body)) return invalidArgument("Invalid JSON payload received. Unexpected token.");
  const problems = new Problems();
  checkTools(field(body, "tools"), problems);
  const contents = field(body, "contents");
  if (!Array.isArray(contents) || contents.length === 0) {
    problems.invalid.push("contents: contents is not specified");
    return problems.error();
  }
  for (const [index, content] of contents.entries()) checkContent(content, `contents[${index}]`, problems);
  const shape = problems.error();
  if (shape) return shape;
  if (contents.some((content) => !["user", "model", undefined].includes(field(content, "role") as string)))
    return invalidArgument("Please use a valid role: user, model.");
  return checkTurns(contents as Body[]);
}

function checkTools(tools: unknown, problems: Problems): void {
  if (tools === undefined) return;
  if (!Array.isArray(tools)) {
    problems.wrongValue("tools", "Tool", tools);
    return;
  }
  for (const [t, tool] of tools.entries()) {
    const declarations = isObject(tool) ? field(tool, "functionDeclarations") : undefined;
    if (!Array.isArray(declarations)) continue;
    for (const [f, declaration] of declarations.entries())
      checkDeclaration(declaration, `tools[${t}].function_declarations[${f}]`, problems);
  }
}

function checkDeclaration(declaration: unknown, at: string, problems: Problems): void {
  if (!problems.isMessage(declaration, at, "FunctionDeclaration")) return;
  problems.unknownFields(declaration, DECLARATION_FIELDS, at);
  const name = declaration.name;
  if (typeof name !== "string" || !FUNCTION_NAME.test(name)) {
    problems.invalid.push(
      `${at}.name: Invalid function name. Must start with a letter or an underscore. Must be alphameric ` +
        "(a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.",
    );
  }
  const parameters = field(declaration, "parameters");
  if (parameters !== undefined && field(declaration, "parametersJsonSchema") !== undefined)
    problems.invalid.push(
      `${at}.parameters_json_schema: parameters_json_schema must not be set when parameters is set`,
    );
  if (parameters !== undefined) checkSchema(parameters, `${at}.parameters`, `${at}.parameters`, problems);
}

/**
 * One `Schema` of `parameters`, and its children. `at` is the parse layer's path (a property by
 * its index: `properties[2].value`), `named` the validation layer's (`properties[city]`).
 */
function checkSchema(schema: unknown, at: string, named: string, problems: Problems): void {
  if (!problems.isMessage(schema, at, "Schema")) return;
  problems.unknownFields(schema, SCHEMA_FIELDS, at);
  const type = schema.type;
  if (Array.isArray(type))
    problems.parse.push("Invalid JSON payload received. Proto field is not repeating, cannot start list.");
  else if (type !== undefined && !TYPES.has(type as string)) problems.wrongValue(`${at}.type`, "Type", type);
  const properties = schema.properties;
  if (isObject(properties)) {
    Object.entries(properties).forEach(([name, property], index) => {
      checkSchema(property, `${at}.properties[${index}].value`, `${named}.properties[${name}]`, problems);
    });
  }
  if (schema.items !== undefined) checkSchema(schema.items, `${at}.items`, `${named}.items`, problems);
  const anyOf = field(schema, "anyOf");
  if (Array.isArray(anyOf)) {
    anyOf.forEach((member, i) => {
      checkSchema(member, `${at}.any_of[${i}]`, `${named}.any_of[${i}]`, problems);
    });
  }
  if (type === undefined && anyOf === undefined)
    problems.invalid.push(`${named}.type: must be specified when not using one_of, any_of or all_of fields`);
  if (type === "OBJECT" && !(isObject(properties) && Object.keys(properties).length > 0))
    problems.invalid.push(`${named}.properties: should be non-empty for OBJECT type`);
  if (type === "ARRAY" && schema.items === undefined) problems.invalid.push(`${named}.items: missing field.`);
  if (schema.enum !== undefined && type !== "STRING" && schema.format !== "enum")
    problems.invalid.push(`${named}.enum: only allowed for STRING type`);
  if (Array.isArray(schema.required)) {
    schema.required.forEach((name, i) => {
      if (!(isObject(properties) && Object.hasOwn(properties, name as string)))
        problems.invalid.push(`${named}.required[${i}]: property is not defined`);
    });
  }
}

function checkContent(content: unknown, at: string, problems: Problems): void {
  if (!problems.isMessage(content, at, "Content")) return;
  problems.unknownFields(content, CONTENT_FIELDS, at);
  const parts = content.parts;
  if (!Array.isArray(parts) || parts.length === 0) {
    problems.invalid.push(`${at}.parts: contents.parts must not be empty.`);
    return;
  }
  for (const [index, part] of parts.entries()) {
    const here = `${at}.parts[${index}]`;
    if (!problems.isMessage(part, here, "Part")) continue;
    problems.unknownFields(part, PART_FIELDS, here);
    const call = field(part, "functionCall");
    if (isObject(call)) problems.unknownFields(call, CALL_FIELDS, `${here}.function_call`);
    const response = field(part, "functionResponse");
    if (!isObject(response)) continue;
    problems.unknownFields(response, RESPONSE_FIELDS, `${here}.function_response`);
    problems.isMessage(response.response, `${here}.function_response.response`, "Struct");
  }
}

const partsOf = (content: Body, kind: "functionCall" | "functionResponse"): Body[] =>
  (content.parts as Body[]).filter((part) => isObject(field(part, kind)));

/**
 * The conversation rules: a turn after a model turn with function calls answers each of them, and
 * the call turns of the current turn (since the last user prompt) come back with the thought
 * signature on their first call, as Gemini 3 requires.
 */
function checkTurns(contents: readonly Body[]): GeminiError | undefined {
  const lastPrompt = contents.findLastIndex(
    (content) => field(content, "role") !== "model" && partsOf(content, "functionResponse").length === 0,
  );
  for (const [index, content] of contents.entries()) {
    const calls = field(content, "role") === "model" ? partsOf(content, "functionCall") : [];
    const answers = partsOf(content, "functionResponse");
    const previous = contents[index - 1];
    const asked =
      previous && field(previous, "role") === "model" ? partsOf(previous, "functionCall").length : 0;
    if ((answers.length > 0 || asked > 0) && answers.length !== asked)
      return invalidArgument(RESPONSE_COUNT_MESSAGE);
    const first = calls[0];
    if (first === undefined || index < lastPrompt) continue;
    const signature = field(first, "thoughtSignature");
    if (typeof signature !== "string" || signature === "") {
      const name = (field(first, "functionCall") as Body).name;
      return invalidArgument(missingSignatureMessage(String(name), index + 1));
    }
  }
  return undefined;
}
