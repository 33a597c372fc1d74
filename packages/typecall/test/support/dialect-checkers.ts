/**
 * Conformance checkers for tool lists, one per provider dialect, written from the providers' rules as
 * collected in `/work/shared/research/provider-rules.md` ("the rules doc"; § numbers below are its
 * sections) and deliberately not from typecall's emitter, so that they catch the emitter's mistakes.
 *
 * `checkDialect(dialect, tools)` returns every rule the list breaks. Each violation names a stable
 * rule id (the keys of `RULES`), the tool (its name, or `#index` when it has no usable name), a JSON
 * pointer into the schema being checked ("" is its root; MCP output schemas are prefixed
 * `outputSchema:`), and a message that quotes the rule. Where the rules doc marks a rule
 * **unverified**, the checker takes the safe side and says so next to the rule.
 */
import Ajv2020 from "ajv/dist/2020";

export type CheckedDialect = "json-schema" | "openai" | "openai-responses" | "anthropic" | "gemini" | "mcp";

export interface Violation {
  /** A short stable id of the rule, e.g. "openai/strict/additional-properties", "anthropic/strict/max-optional". */
  rule: string;
  /** The tool it is about, when it is about one tool (request-wide budgets name none, or list them in message). */
  tool?: string;
  /** JSON pointer-ish path inside the schema, e.g. "/properties/guests/items". */
  path?: string;
  /** What is wrong, in one sentence, quoting the rule. */
  message: string;
}

/** Every rule the checkers know, by id, with the rule as the rules doc states it. */
export const RULES = {
  "checker/internal-error": "the checker failed on this input, which it should never do",

  "tool/list": "the tool list must be an array",
  "tool/not-json": "a tool must be plain JSON (no undefined, functions, class instances, NaN or cycles)",
  "tool/not-object": "a tool must be a JSON object",
  "tool/unknown-key": "a tool carries only the keys of its dialect's shape",
  "tool/name-type": "a tool's name must be a non-empty string",
  "tool/unique-names": 'tool names must be unique within the list ("Tool names must be unique")',
  "tool/description-type": "a tool's description must be a string",
  "tool/strict-flag":
    "strict must always be present as a boolean (Responses treats an absent strict as strict, §2; Anthropic §3.2)",
  "tool/parameters-missing": "the tool must carry its parameters schema",

  "schema/root-object": 'the parameters root must be an object schema with type "object"',
  "schema/invalid": "the schema must be valid JSON Schema draft 2020-12 (its meta-schema)",
  "schema/dialect": "a $schema, where present, must name JSON Schema draft 2020-12 (§3.1, §5.1, §5.3)",
  "schema/required-unknown": "every entry of an object's required must be a key of its properties",
  "schema/ref-unresolved": "every $ref must point at a schema inside the same document",
  "schema/pattern-invalid": "a pattern must be a valid ECMA-262 regular expression",

  "openai/name": "OpenAI function names match ^[a-zA-Z0-9_-]{1,64}$ (§1.2, assumed for Responses §2)",
  "openai/description-length":
    "OpenAI function descriptions stay within 1024 characters (§1.2, unverified now: kept to be safe)",
  "openai/max-tools":
    'OpenAI takes at most 128 tools per request ("Expected an array with maximum length 128", §1.2)',
  "openai/strict/root-any-of": 'OpenAI strict: "Root objects must not be anyOf and must be an object" (§1.1)',
  "openai/strict/additional-properties":
    "OpenAI strict: \"'additionalProperties' is required to be supplied and to be false\" on every object (§1.1)",
  "openai/strict/free-form-map":
    "OpenAI strict rejects free-form maps (additionalProperties set to a schema or true) (§1.1)",
  "openai/strict/required-all":
    "OpenAI strict: \"'required' is required to be supplied and to be an array including every key in properties\" (§1.1)",
  "openai/strict/object-properties":
    'OpenAI strict rejects objects without properties ("object schema missing properties", §1.1)',
  "openai/strict/one-of": 'OpenAI strict rejects oneOf ("not permitted", §1.1)',
  "openai/strict/all-of": 'OpenAI strict rejects allOf ("not yet supported", §1.1)',
  "openai/strict/not": 'OpenAI strict rejects not ("not yet supported", §1.1)',
  "openai/strict/if-then-else": 'OpenAI strict rejects if/then/else ("not yet supported", §1.1)',
  "openai/strict/dependent":
    'OpenAI strict rejects dependentRequired/dependentSchemas ("not yet supported", §1.1)',
  "openai/strict/pattern-properties": "OpenAI strict rejects patternProperties (§1.1)",
  "openai/strict/property-names": "OpenAI strict rejects propertyNames (§1.1)",
  "openai/strict/default": "OpenAI strict: \"'default' is not permitted\" (§1.1)",
  "openai/strict/format":
    "OpenAI strict accepts only the formats date-time time date duration email hostname ipv4 ipv6 uuid (§1.1)",
  "openai/strict/ref-siblings": 'OpenAI strict: "$ref cannot have keywords" beside it (§1.1)',
  "openai/strict/unique-items":
    "OpenAI strict: uniqueItems is not listed (unverified, treated as rejected, §1.1)",
  "openai/strict/prefix-items":
    "OpenAI strict: prefixItems is not listed (unverified, treated as rejected, §1.1)",
  "openai/strict/contains": "OpenAI strict: contains is not listed (unverified, treated as rejected, §1.1)",
  "openai/strict/unlisted-keyword":
    "OpenAI strict: a keyword the supported-schemas list does not name (unverified, treated as rejected, §1.1)",
  "openai/strict/max-properties": "OpenAI strict: at most 5,000 object properties in total (§1.1)",
  "openai/strict/max-depth": "OpenAI strict: at most 10 levels of nesting (§1.1)",
  "openai/strict/max-enum-values": "OpenAI strict: at most 1,000 enum values (§1.1)",
  "openai/strict/string-budget":
    "OpenAI strict: at most 120,000 characters of property names, definition names, enum values and const values (§1.1)",
  "openai/strict/large-enum-length":
    "OpenAI strict: at most 15,000 characters for a single string enum with more than 250 values (§1.1)",

  "anthropic/name": "Anthropic tool names match ^[a-zA-Z0-9_-]{1,128}$ (§3.1)",
  "anthropic/top-level-combinator":
    'Anthropic: "input_schema does not support oneOf, allOf, or anyOf at the top level" (§3.1)',
  "anthropic/strict/additional-properties":
    "Anthropic strict: \"For 'object' type, 'additionalProperties' must be explicitly set to false\" (§3.2)",
  "anthropic/strict/numeric-constraint":
    "Anthropic strict rejects minimum, maximum, multipleOf and exclusiveMinimum/exclusiveMaximum (§3.2)",
  "anthropic/strict/string-length": "Anthropic strict rejects minLength and maxLength (§3.2)",
  "anthropic/strict/min-items": "Anthropic strict accepts minItems only as 0 or 1 (§3.2)",
  "anthropic/strict/array-constraint":
    "Anthropic strict rejects array constraints other than minItems 0/1 (maxItems, uniqueItems, contains) (§3.2)",
  "anthropic/strict/format":
    "Anthropic strict accepts only the formats date-time time date duration email hostname uri ipv4 ipv6 uuid (§3.2)",
  "anthropic/strict/pattern":
    "Anthropic strict accepts only a regex subset: no backreferences, lookaround, \\b \\B or large {n,m} (§3.2)",
  "anthropic/strict/enum-values":
    "Anthropic strict enum values are strings, numbers, booleans or nulls only (§3.2)",
  "anthropic/strict/external-ref":
    "Anthropic strict accepts local $ref only: external $ref is rejected (§3.2)",
  "anthropic/strict/recursion":
    'Anthropic strict: "Self-referencing or mutually-referencing definitions are not supported" (§3.2)',
  "anthropic/strict/all-of-ref": "Anthropic strict accepts allOf, but not allOf with $ref (§3.2)",
  "anthropic/strict/one-of": "Anthropic strict: oneOf is not listed (unverified, treated as rejected, §3.2)",
  "anthropic/strict/unlisted-keyword":
    "Anthropic strict: a keyword the JSON Schema limitations do not list (unverified, treated as rejected, §3.2)",
  "anthropic/strict/max-tools": "Anthropic strict: at most 20 strict tools per request (§3.2)",
  "anthropic/strict/max-optional":
    'Anthropic strict: at most 24 optional parameters over all strict tools ("Each parameter not listed in required counts", nested ones included, §3.2)',
  "anthropic/strict/max-union":
    "Anthropic strict: at most 16 parameters that use anyOf or type arrays over all strict tools (§3.2)",

  "gemini/name":
    "Gemini function names start with a letter or _, contain only a-z A-Z 0-9 _ . : -, and have at most 64 characters (§4.1; 128 per the SDK docstring is unverified)",
  "gemini/max-tools":
    "Gemini: at most 128 function declarations per request (§4.1, Vertex; unverified for the Gemini API)",
  "gemini/parameters-exclusive": "Gemini: parameters and parametersJsonSchema are mutually exclusive (§4)",
  "gemini/parameter-name":
    "Gemini parameter names start with a letter or _ and contain only a-z A-Z 0-9 _, at most 64 characters (§4.1, enforcement unverified)",
  "gemini/schema/type":
    "Gemini Schema type is one of the enum names STRING NUMBER INTEGER BOOLEAN ARRAY OBJECT, sent unchanged by the SDK (§4.2)",
  "gemini/schema/type-array":
    'Gemini Schema type is one name, not an array: use nullable: true ("Proto field is not repeating", §4.2)',
  "gemini/schema/additional-properties":
    'Gemini Schema has no additionalProperties (the SDK strips it, REST rejects it: "Unknown name", §4.2)',
  "gemini/schema/ref":
    'Gemini Schema has no $ref/$defs ("$ref … not supported in function definitions", §4.2)',
  "gemini/schema/const": 'Gemini Schema has no const (the API rejects it: Unknown name "const", §4.2)',
  "gemini/schema/unknown-keyword": "Gemini Schema uses only the Schema proto's fields (§4.2)",
  "gemini/schema/enum": "Gemini Schema enum is a list of strings (the proto is string[], §4.2)",
  "gemini/schema/any-of-with-type": "Gemini Schema: type together with anyOf throws in the SDK (§4.2)",
  "gemini/schema/empty-object": "Gemini Schema: an empty OBJECT is rejected on some endpoints (§4.2)",
  "gemini/schema/array-items":
    'Gemini Schema: an ARRAY without items is rejected ("missing array items", §4.2)',
  "gemini/schema/keyword-value": "Gemini Schema fields carry values of the proto's types (§4.2)",

  "mcp/name":
    "MCP tool names SHOULD be 1-128 characters of [A-Za-z0-9_.-] (§5.1, SDK /^[A-Za-z0-9._-]{1,128}$/)",
  "mcp/title": "an MCP tool's title, where present, is a string (§5.1)",
  "mcp/annotations":
    "MCP annotations are an object of title (string) and readOnlyHint, destructiveHint, idempotentHint, openWorldHint (booleans) (§5.1)",
  "mcp/property-not-object":
    "MCP SDK 1.x: each properties value of inputSchema/outputSchema must be an object (boolean subschemas are rejected, §5.3)",
} as const;

type RuleId = keyof typeof RULES;
type JsonObject = Record<string, unknown>;
/** Records a violation of `rule` at `path` (a pointer inside the schema being checked). */
type Report = (rule: RuleId, detail: string, path?: string) => void;
/** A schema inside a document and where it is. */
interface SchemaNode {
  schema: unknown;
  path: string;
}

const JSON_SCHEMA_2020 = "https://json-schema.org/draft/2020-12/schema";
/** OpenAI (§1.2) and Gemini (§4.1, Vertex) cap the tools of one request at 128. */
const MAX_TOOLS = 128;
/** The only keys of each dialect's tool object. */
const TOOL_KEYS: Record<CheckedDialect, readonly string[]> = {
  "json-schema": ["name", "description", "parameters"],
  openai: ["name", "description", "parameters", "strict"],
  "openai-responses": ["name", "description", "parameters", "strict"],
  anthropic: ["name", "description", "parameters", "strict"],
  gemini: ["name", "description", "parameters", "parametersJsonSchema"],
  mcp: ["name", "title", "description", "inputSchema", "outputSchema", "annotations"],
};

/** Every rule of `dialect` that the tool list breaks; [] when it conforms. Request-wide limits are checked over the whole list. */
export function checkDialect(dialect: CheckedDialect, tools: readonly unknown[]): Violation[] {
  const out: Violation[] = [];
  try {
    checkList(dialect, tools, out);
  } catch (error) {
    out.push({ rule: "checker/internal-error", message: `the checker threw ${String(error)}` });
  }
  return out;
}

/** The list-wide limits, each tool as its dialect's shape, then unique names and request-wide budgets. */
function checkList(dialect: CheckedDialect, tools: unknown, out: Violation[]): void {
  const listReport = reporter(out, undefined);
  if (!Array.isArray(tools)) {
    listReport("tool/list", `got ${describe(tools)}`);
    return;
  }
  const isOpenAi = dialect === "openai" || dialect === "openai-responses";
  if (isOpenAi && tools.length > MAX_TOOLS)
    listReport("openai/max-tools", `the list has ${tools.length} tools`);
  // §4.1: 128 is the Vertex AI figure; the Gemini API's is unverified, so the same cap is kept to be safe.
  if (dialect === "gemini" && tools.length > MAX_TOOLS) {
    listReport("gemini/max-tools", `the list has ${tools.length} declarations`);
  }

  const strictAnthropic: { tool: string; schema: unknown }[] = [];
  const names = new Map<string, number>();
  for (let index = 0; index < tools.length; index++) {
    const label = toolLabel(tools[index], index);
    const report = reporter(out, label);
    const notJson = nonJsonAt(tools[index], "", new Set());
    if (notJson !== undefined) {
      report("tool/not-json", `the value at "${notJson}" of the tool is not JSON`);
      continue;
    }
    // What the SDKs send: JSON.stringify drops the keys whose value is undefined.
    const tool: unknown = JSON.parse(JSON.stringify(tools[index]));
    if (!isObject(tool)) {
      report("tool/not-object", `got ${describe(tool)}`);
      continue;
    }
    if (typeof tool.name === "string") names.set(tool.name, (names.get(tool.name) ?? 0) + 1);
    checkToolShape(dialect, tool, report);
    checkName(dialect, tool.name, report);
    if (dialect === "json-schema") checkJsonSchemaTool(tool.parameters, "parameters", report);
    if (isOpenAi) checkOpenAiTool(tool, report);
    if (dialect === "anthropic") {
      checkAnthropicTool(tool, report);
      if (tool.strict === true) strictAnthropic.push({ tool: label, schema: tool.parameters });
    }
    if (dialect === "gemini") checkGeminiTool(tool, report);
    if (dialect === "mcp") checkMcpTool(tool, out, label);
  }
  for (const [name, count] of names) {
    if (count > 1) reporter(out, name)("tool/unique-names", `${count} tools are named "${name}"`);
  }
  if (dialect === "anthropic") checkAnthropicBudgets(strictAnthropic, listReport);
}

// ---------------------------------------------------------------------------------------------------
// The tool object: keys, name, description, strict

/** Keys, description and strict flag, as the dialect's tool shape has them. */
function checkToolShape(dialect: CheckedDialect, tool: JsonObject, report: Report): void {
  const allowed = TOOL_KEYS[dialect];
  for (const key of Object.keys(tool)) {
    if (!allowed.includes(key))
      report("tool/unknown-key", `the tool has the key "${key}" (allowed: ${allowed.join(", ")})`);
  }
  if (typeof tool.description !== "string") {
    report("tool/description-type", `the description is ${describe(tool.description)}`);
  }
  const hasStrict = dialect === "openai" || dialect === "openai-responses" || dialect === "anthropic";
  if (hasStrict && typeof tool.strict !== "boolean")
    report("tool/strict-flag", `strict is ${describe(tool.strict)}`);
}

/** The name is a non-empty string, in the dialect's alphabet and length. */
function checkName(dialect: CheckedDialect, name: unknown, report: Report): void {
  if (typeof name !== "string" || name === "") {
    report("tool/name-type", `the name is ${describe(name)}`);
    return;
  }
  const quoted = `the name "${name}" (${name.length} characters) does not conform`;
  if ((dialect === "openai" || dialect === "openai-responses") && !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    report("openai/name", quoted);
  }
  if (dialect === "anthropic" && !/^[a-zA-Z0-9_-]{1,128}$/.test(name)) report("anthropic/name", quoted);
  // §4.1: the live API says 64, the SDK docstring 128 (unverified); 64 is the safe side.
  if (dialect === "gemini" && !/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/.test(name)) report("gemini/name", quoted);
  if (dialect === "mcp" && !/^[A-Za-z0-9_.-]{1,128}$/.test(name)) report("mcp/name", quoted);
}

// ---------------------------------------------------------------------------------------------------
// JSON Schema 2020-12, common to every dialect that sends JSON Schema

/** The root is an object schema, valid 2020-12 with resolvable refs, known required keys and valid patterns. */
function checkJsonSchemaTool(schema: unknown, key: string, report: Report): void {
  if (schema === undefined) {
    report("tool/parameters-missing", `the tool has no ${key}`);
    return;
  }
  if (!isObject(schema) || schema.type !== "object") {
    report(
      "schema/root-object",
      `the root is ${isObject(schema) ? `of type ${describe(schema.type)}` : describe(schema)}`,
      "",
    );
    if (!isObject(schema)) return;
  }
  for (const error of metaSchemaErrors(schema)) report("schema/invalid", error.message, error.path);
  for (const node of allSchemas(schema)) {
    const s = node.schema;
    if (!isObject(s)) continue;
    if (s.$schema !== undefined && s.$schema !== JSON_SCHEMA_2020 && s.$schema !== `${JSON_SCHEMA_2020}#`) {
      report("schema/dialect", `$schema is ${describe(s.$schema)}`, node.path);
    }
    if (isObjectSchema(s)) checkRequiredKnown(s, node.path, report);
    if (typeof s.$ref === "string" && resolveRef(schema, s.$ref).kind !== "local") {
      report("schema/ref-unresolved", `"${s.$ref}" does not resolve inside the schema`, node.path);
    }
    if (typeof s.pattern === "string" && !isValidRegExp(s.pattern)) {
      report(
        "schema/pattern-invalid",
        `the pattern ${JSON.stringify(s.pattern)} does not compile`,
        node.path,
      );
    }
  }
}

/** An object schema's required names only keys of its properties. */
function checkRequiredKnown(schema: JsonObject, path: string, report: Report): void {
  if (!Array.isArray(schema.required)) return;
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const name of schema.required) {
    if (typeof name === "string" && !Object.hasOwn(properties, name)) {
      report("schema/required-unknown", `"${name}" is required but is not a property`, path);
    }
  }
}

let metaValidator: ReturnType<Ajv2020["getSchema"]>;

/** The schema's errors against the 2020-12 meta-schema, one per place and message. */
function metaSchemaErrors(schema: unknown): { path: string; message: string }[] {
  metaValidator ??= new Ajv2020({ allErrors: true, strict: false }).getSchema(JSON_SCHEMA_2020);
  if (metaValidator === undefined || metaValidator(schema)) return [];
  const seen = new Map<string, { path: string; message: string }>();
  for (const error of metaValidator.errors ?? []) {
    const message = `${error.instancePath || "the root"} ${error.message ?? "is invalid"}`;
    seen.set(`${error.instancePath}\u0000${message}`, { path: error.instancePath, message });
  }
  return [...seen.values()];
}

/** Keywords whose value is an object of schemas. */
const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = [
  "additionalProperties",
  "additionalItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
  "contentSchema",
];
/** Keywords whose value is a list of schemas (and `items`, which is one schema or, in draft 7, a list). */
const SCHEMA_LIST_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems"];

/** The subschemas directly inside `schema`, by keyword. */
function childSchemas(schema: JsonObject, path: string, withDefinitions = true): SchemaNode[] {
  const children: SchemaNode[] = [];
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = schema[keyword];
    if (!isObject(map) || (!withDefinitions && (keyword === "$defs" || keyword === "definitions"))) continue;
    for (const [key, child] of Object.entries(map)) {
      children.push({ schema: child, path: `${path}/${keyword}/${escapePointer(key)}` });
    }
  }
  for (const keyword of SCHEMA_KEYWORDS) {
    if (schema[keyword] !== undefined) children.push({ schema: schema[keyword], path: `${path}/${keyword}` });
  }
  const lists = [...SCHEMA_LIST_KEYWORDS, "items"];
  for (const keyword of lists) {
    const value = schema[keyword];
    if (Array.isArray(value)) {
      for (const [i, child] of value.entries())
        children.push({ schema: child, path: `${path}/${keyword}/${i}` });
    } else if (keyword === "items" && value !== undefined)
      children.push({ schema: value, path: `${path}/items` });
  }
  return children;
}

/** Every schema in the document, the root first (the input is a JSON tree, so this ends). */
function allSchemas(root: unknown): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  const visit = (node: SchemaNode): void => {
    nodes.push(node);
    if (isObject(node.schema)) for (const child of childSchemas(node.schema, node.path)) visit(child);
  };
  visit({ schema: root, path: "" });
  return nodes;
}

type RefTarget =
  | { kind: "local"; schema: unknown; path: string }
  | { kind: "missing" }
  | { kind: "external" };

/** Where a `$ref` points inside `root`: a JSON pointer, `#`, or a `$anchor`; anything else is external. */
function resolveRef(root: unknown, ref: string): RefTarget {
  if (!ref.startsWith("#")) return { kind: "external" };
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return { kind: "missing" };
  }
  if (fragment === "") return { kind: "local", schema: root, path: "" };
  if (!fragment.startsWith("/")) {
    const anchored = allSchemas(root).find(
      (node) => isObject(node.schema) && node.schema.$anchor === fragment,
    );
    return anchored === undefined ? { kind: "missing" } : { kind: "local", ...anchored };
  }
  let node: unknown = root;
  for (const token of fragment.slice(1).split("/")) {
    const key = token.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(key)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return { kind: "missing" };
  }
  const isSchema = isObject(node) || typeof node === "boolean";
  return isSchema ? { kind: "local", schema: node, path: fragment } : { kind: "missing" };
}

// ---------------------------------------------------------------------------------------------------
// OpenAI Chat Completions and Responses (§1, §2)

const OPENAI_FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
]);
/** Keywords the supported-schemas list accepts in strict mode (§1.1). */
const OPENAI_ACCEPTED = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "anyOf",
  "$defs",
  "$ref",
  "enum",
  "const",
  "pattern",
  "format",
  // §1.1: implied accepted for base models (unverified); accepted here, as the doc reads them.
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
]);
/** Keywords that only annotate (no rule in the doc names them; they do not constrain the output). */
const ANNOTATION_KEYWORDS = new Set([
  "description",
  "title",
  "examples",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$schema",
]);
/** Keywords OpenAI strict rejects, each with its rule. */
const OPENAI_REJECTED = new Map<string, RuleId>([
  ["oneOf", "openai/strict/one-of"],
  ["allOf", "openai/strict/all-of"],
  ["not", "openai/strict/not"],
  ["if", "openai/strict/if-then-else"],
  ["then", "openai/strict/if-then-else"],
  ["else", "openai/strict/if-then-else"],
  ["dependentRequired", "openai/strict/dependent"],
  ["dependentSchemas", "openai/strict/dependent"],
  ["dependencies", "openai/strict/dependent"],
  ["patternProperties", "openai/strict/pattern-properties"],
  ["propertyNames", "openai/strict/property-names"],
  ["default", "openai/strict/default"],
  // §1.1: uniqueItems, prefixItems and contains are not listed (unverified): treated as rejected.
  ["uniqueItems", "openai/strict/unique-items"],
  ["prefixItems", "openai/strict/prefix-items"],
  ["contains", "openai/strict/contains"],
  ["minContains", "openai/strict/contains"],
  ["maxContains", "openai/strict/contains"],
]);
const OPENAI_MAX_PROPERTIES = 5_000;
const OPENAI_MAX_DEPTH = 10;
const OPENAI_MAX_ENUM_VALUES = 1_000;
const OPENAI_STRING_BUDGET = 120_000;
const OPENAI_LARGE_ENUM = 250;
const OPENAI_LARGE_ENUM_BUDGET = 15_000;
// §1.2: 1024 was enforced in 2025 and reported lifted since; unverified now, so 1024 is kept to be safe.
const OPENAI_MAX_DESCRIPTION = 1_024;

/** A Chat Completions or Responses function tool: basic validity always, the strict subset when strict. */
function checkOpenAiTool(tool: JsonObject, report: Report): void {
  if (typeof tool.description === "string" && tool.description.length > OPENAI_MAX_DESCRIPTION) {
    report("openai/description-length", `the description has ${tool.description.length} characters`);
  }
  checkJsonSchemaTool(tool.parameters, "parameters", report);
  if (tool.strict === true && isObject(tool.parameters)) checkOpenAiStrict(tool.parameters, report);
}

/** The strict subset of §1.1, keyword by keyword, then its size limits. */
function checkOpenAiStrict(root: JsonObject, report: Report): void {
  if (root.anyOf !== undefined) report("openai/strict/root-any-of", "the root has anyOf", "");
  for (const { schema, path } of allSchemas(root)) {
    if (!isObject(schema)) continue;
    for (const key of Object.keys(schema)) {
      const rejected = OPENAI_REJECTED.get(key);
      if (rejected !== undefined) report(rejected, `"${key}" is used`, path);
      else if (!OPENAI_ACCEPTED.has(key) && !ANNOTATION_KEYWORDS.has(key)) {
        report("openai/strict/unlisted-keyword", `"${key}" is used`, path);
      }
    }
    if (typeof schema.format === "string" && !OPENAI_FORMATS.has(schema.format)) {
      report("openai/strict/format", `"${schema.format}" is not a valid format`, path);
    }
    if (schema.$ref !== undefined) {
      const siblings = Object.keys(schema).filter((key) => key !== "$ref");
      if (siblings.length > 0)
        report("openai/strict/ref-siblings", `$ref has the keywords ${siblings.join(", ")}`, path);
    }
    if (isObjectSchema(schema)) checkOpenAiObject(schema, path, report);
  }
  checkOpenAiLimits(root, report);
}

/** additionalProperties false, properties present, every property required. */
function checkOpenAiObject(schema: JsonObject, path: string, report: Report): void {
  const additional = schema.additionalProperties;
  if (additional === true || isObject(additional)) {
    report("openai/strict/free-form-map", "additionalProperties is a schema or true", path);
  } else if (additional !== false) {
    report("openai/strict/additional-properties", `additionalProperties is ${describe(additional)}`, path);
  }
  if (!isObject(schema.properties)) {
    report("openai/strict/object-properties", "the object has no properties", path);
    return;
  }
  const required = schema.required;
  if (!Array.isArray(required)) {
    report("openai/strict/required-all", `required is ${describe(required)}`, path);
    return;
  }
  const missing = Object.keys(schema.properties).filter((key) => !required.includes(key));
  if (missing.length > 0) report("openai/strict/required-all", `required misses ${missing.join(", ")}`, path);
}

/** The size limits of §1.1, over the schema as written (definitions counted once). */
function checkOpenAiLimits(root: JsonObject, report: Report): void {
  let properties = 0;
  let enumValues = 0;
  let characters = 0;
  for (const { schema, path } of allSchemas(root)) {
    if (!isObject(schema)) continue;
    if (isObject(schema.properties)) {
      const names = Object.keys(schema.properties);
      properties += names.length;
      characters += totalLength(names);
    }
    for (const keyword of ["$defs", "definitions"]) {
      const definitions = schema[keyword];
      if (isObject(definitions)) characters += totalLength(Object.keys(definitions));
    }
    if (Array.isArray(schema.enum)) {
      enumValues += schema.enum.length;
      const length = totalLength(schema.enum);
      characters += length;
      const allStrings = schema.enum.every((value) => typeof value === "string");
      if (allStrings && schema.enum.length > OPENAI_LARGE_ENUM && length > OPENAI_LARGE_ENUM_BUDGET) {
        report(
          "openai/strict/large-enum-length",
          `the enum has ${schema.enum.length} values of ${length} characters`,
          path,
        );
      }
    }
    if (schema.const !== undefined) characters += totalLength([schema.const]);
  }
  if (properties > OPENAI_MAX_PROPERTIES)
    report("openai/strict/max-properties", `the schema has ${properties} properties`);
  if (enumValues > OPENAI_MAX_ENUM_VALUES)
    report("openai/strict/max-enum-values", `the schema has ${enumValues} enum values`);
  if (characters > OPENAI_STRING_BUDGET)
    report("openai/strict/string-budget", `the schema counts ${characters} characters`);
  const depth = objectDepth(root);
  if (depth > OPENAI_MAX_DEPTH)
    report("openai/strict/max-depth", `objects nest ${depth} levels deep (the root is level 1)`);
}

/**
 * The most object schemas on one path down from the root (the root is level 1), following local
 * `$ref`s into definitions but not around a cycle (OpenAI accepts recursion, §1.1).
 */
function objectDepth(root: JsonObject): number {
  const onPath = new Set<unknown>();
  const depthOf = (schema: unknown): number => {
    if (!isObject(schema) || onPath.has(schema)) return 0;
    onPath.add(schema);
    const children = childSchemas(schema, "", false).map((child) => child.schema);
    if (typeof schema.$ref === "string") {
      const target = resolveRef(root, schema.$ref);
      if (target.kind === "local") children.push(target.schema);
    }
    const below = Math.max(0, ...children.map(depthOf));
    onPath.delete(schema);
    return below + (isObjectSchema(schema) ? 1 : 0);
  };
  return depthOf(root);
}

// ---------------------------------------------------------------------------------------------------
// Anthropic Messages (§3)

const ANTHROPIC_FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "uri",
  "ipv4",
  "ipv6",
  "uuid",
]);
/** Keywords §3.2 accepts in strict mode (besides those with a rule of their own below). */
const ANTHROPIC_ACCEPTED = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "anyOf",
  "allOf",
  "$ref",
  "$defs",
  "definitions",
  "default",
  "format",
  "pattern",
  "minItems",
]);
/** Keywords §3.2 rejects in strict mode, each with its rule. */
const ANTHROPIC_REJECTED = new Map<string, RuleId>([
  ["minimum", "anthropic/strict/numeric-constraint"],
  ["maximum", "anthropic/strict/numeric-constraint"],
  ["exclusiveMinimum", "anthropic/strict/numeric-constraint"],
  ["exclusiveMaximum", "anthropic/strict/numeric-constraint"],
  ["multipleOf", "anthropic/strict/numeric-constraint"],
  ["minLength", "anthropic/strict/string-length"],
  ["maxLength", "anthropic/strict/string-length"],
  ["maxItems", "anthropic/strict/array-constraint"],
  ["uniqueItems", "anthropic/strict/array-constraint"],
  ["contains", "anthropic/strict/array-constraint"],
  ["minContains", "anthropic/strict/array-constraint"],
  ["maxContains", "anthropic/strict/array-constraint"],
  // §3.2: oneOf is not listed (unverified; the SDK's helpers rewrite it to anyOf): treated as rejected.
  ["oneOf", "anthropic/strict/one-of"],
]);
const ANTHROPIC_MAX_STRICT_TOOLS = 20;
const ANTHROPIC_MAX_OPTIONAL = 24;
const ANTHROPIC_MAX_UNION = 16;
/**
 * §3.2 rejects "large {n,m}" without a number; a bound above this one counts as large (a choice of
 * this checker, on the safe side).
 */
const ANTHROPIC_MAX_QUANTIFIER = 100;

/** Rules of every Anthropic tool, and the strict subset when strict. */
function checkAnthropicTool(tool: JsonObject, report: Report): void {
  checkJsonSchemaTool(tool.parameters, "parameters", report);
  const schema = tool.parameters;
  if (!isObject(schema)) return;
  const combinators = ["oneOf", "anyOf", "allOf"].filter((key) => schema[key] !== undefined);
  if (combinators.length > 0) {
    report("anthropic/top-level-combinator", `the root has ${combinators.join(", ")}`, "");
  }
  if (tool.strict === true) checkAnthropicStrict(schema, report);
}

/** The strict subset of §3.2, keyword by keyword, and recursion. */
function checkAnthropicStrict(root: JsonObject, report: Report): void {
  for (const { schema, path } of allSchemas(root)) {
    if (!isObject(schema)) continue;
    for (const key of Object.keys(schema)) {
      const rejected = ANTHROPIC_REJECTED.get(key);
      if (rejected !== undefined) report(rejected, `"${key}" is used`, path);
      else if (!ANTHROPIC_ACCEPTED.has(key) && !ANNOTATION_KEYWORDS.has(key)) {
        report("anthropic/strict/unlisted-keyword", `"${key}" is used`, path);
      }
    }
    if (isObjectSchema(schema) && schema.additionalProperties !== false) {
      report(
        "anthropic/strict/additional-properties",
        `additionalProperties is ${describe(schema.additionalProperties)}`,
        path,
      );
    }
    if (schema.minItems !== undefined && schema.minItems !== 0 && schema.minItems !== 1) {
      report("anthropic/strict/min-items", `minItems is ${describe(schema.minItems)}`, path);
    }
    if (typeof schema.format === "string" && !ANTHROPIC_FORMATS.has(schema.format)) {
      report("anthropic/strict/format", `"${schema.format}" is not a supported format`, path);
    }
    if (typeof schema.pattern === "string") {
      const problem = anthropicPatternProblem(schema.pattern);
      if (problem !== undefined) report("anthropic/strict/pattern", `the pattern uses ${problem}`, path);
    }
    if (Array.isArray(schema.enum) && !schema.enum.every(isPrimitive)) {
      report("anthropic/strict/enum-values", "the enum has an object or array value", path);
    }
    if (typeof schema.$ref === "string" && !schema.$ref.startsWith("#")) {
      report("anthropic/strict/external-ref", `"${schema.$ref}" is external`, path);
    }
    const allOf = schema.allOf;
    if (
      Array.isArray(allOf) &&
      (schema.$ref !== undefined || allOf.some((branch) => isObject(branch) && "$ref" in branch))
    ) {
      report("anthropic/strict/all-of-ref", "allOf is used with $ref", path);
    }
  }
  for (const path of recursiveRefs(root)) {
    report("anthropic/strict/recursion", "this $ref closes a cycle of references", path);
  }
}

/**
 * What in `pattern` is outside the regex subset §3.2 names, or undefined: backreferences,
 * lookahead/lookbehind, \b and \B, and {n,m} bounds above ANTHROPIC_MAX_QUANTIFIER.
 */
function anthropicPatternProblem(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      i++;
      if (inClass) continue;
      if (/[1-9]/.test(next)) return `the backreference \\${next}`;
      if (next === "k" && pattern[i + 1] === "<") return "a named backreference \\k<…>";
      if (next === "b" || next === "B") return `the word boundary \\${next}`;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    if (c === "(" && pattern[i + 1] === "?") {
      const kind = pattern.slice(i + 2, i + 4);
      if (kind.startsWith("=") || kind.startsWith("!")) return "a lookahead";
      if (kind === "<=" || kind === "<!") return "a lookbehind";
    }
    if (c === "{") {
      const bounds = /^\{([0-9]+)(?:,([0-9]*))?\}/.exec(pattern.slice(i));
      const largest = Math.max(Number(bounds?.[1] ?? 0), Number(bounds?.[2] || 0));
      if (largest > ANTHROPIC_MAX_QUANTIFIER) return `the large quantifier ${bounds?.[0]}`;
    }
  }
  return undefined;
}

/** The paths of the `$ref`s that close a cycle (self or mutual reference), found by depth-first search. */
function recursiveRefs(root: JsonObject): string[] {
  const state = new Map<unknown, "open" | "done">();
  const found: string[] = [];
  const visit = (schema: unknown, path: string): void => {
    if (!isObject(schema) || state.has(schema)) return;
    state.set(schema, "open");
    for (const child of childSchemas(schema, path)) visit(child.schema, child.path);
    if (typeof schema.$ref === "string") {
      const target = resolveRef(root, schema.$ref);
      if (target.kind === "local") {
        if (state.get(target.schema) === "open") found.push(path);
        else visit(target.schema, target.path);
      }
    }
    state.set(schema, "done");
  };
  visit(root, "");
  return found;
}

/** §3.2's limits, summed over the strict tools of the request. */
function checkAnthropicBudgets(strict: readonly { tool: string; schema: unknown }[], report: Report): void {
  const names = strict.map((entry) => entry.tool).join(", ");
  if (strict.length > ANTHROPIC_MAX_STRICT_TOOLS) {
    report("anthropic/strict/max-tools", `the request has ${strict.length} strict tools (${names})`);
  }
  let optional = 0;
  let unions = 0;
  for (const { schema } of strict) {
    for (const node of allSchemas(schema)) {
      const s = node.schema;
      if (!isObject(s)) continue;
      if (isObjectSchema(s) && isObject(s.properties)) {
        const required = Array.isArray(s.required) ? s.required : [];
        optional += Object.keys(s.properties).filter((key) => !required.includes(key)).length;
      }
      if (Array.isArray(s.anyOf) || Array.isArray(s.type)) unions++;
    }
  }
  if (optional > ANTHROPIC_MAX_OPTIONAL) {
    report(
      "anthropic/strict/max-optional",
      `the strict tools have ${optional} optional parameters (${names})`,
    );
  }
  if (unions > ANTHROPIC_MAX_UNION) {
    report(
      "anthropic/strict/max-union",
      `the strict tools have ${unions} parameters with anyOf or a type array (${names})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Gemini function declarations (§4)

const GEMINI_TYPES = new Set(["STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT"]);
/** The fields of the Schema proto (§4.2). */
const GEMINI_KEYWORDS = new Set([
  "anyOf",
  "default",
  "description",
  "enum",
  "example",
  "format",
  "items",
  "maxItems",
  "maxLength",
  "maxProperties",
  "maximum",
  "minItems",
  "minLength",
  "minProperties",
  "minimum",
  "nullable",
  "pattern",
  "properties",
  "propertyOrdering",
  "required",
  "title",
  "type",
]);
/** Fields outside the proto that have a rule of their own. */
const GEMINI_REJECTED = new Map<string, RuleId>([
  ["additionalProperties", "gemini/schema/additional-properties"],
  ["$ref", "gemini/schema/ref"],
  ["$defs", "gemini/schema/ref"],
  ["definitions", "gemini/schema/ref"],
  ["const", "gemini/schema/const"],
]);
const GEMINI_COUNTS = ["maxItems", "maxLength", "maxProperties", "minItems", "minLength", "minProperties"];

/** A declaration has parameters (Schema) or parametersJsonSchema (JSON Schema), or neither; never both. */
function checkGeminiTool(tool: JsonObject, report: Report): void {
  const hasSchema = tool.parameters !== undefined;
  const hasJsonSchema = tool.parametersJsonSchema !== undefined;
  if (hasSchema && hasJsonSchema) report("gemini/parameters-exclusive", "the declaration has both");
  if (hasSchema) checkGeminiSchema(tool.parameters, report);
  if (hasJsonSchema) checkJsonSchemaTool(tool.parametersJsonSchema, "parametersJsonSchema", report);
}

/** The `parameters` Schema: an OBJECT root, then every node as the proto and the SDK take it. */
function checkGeminiSchema(root: unknown, report: Report): void {
  const rootType = isObject(root) && typeof root.type === "string" ? root.type.toUpperCase() : undefined;
  if (rootType !== "OBJECT") {
    report(
      "schema/root-object",
      `the root is ${isObject(root) ? `of type ${describe(root.type)}` : describe(root)}`,
      "",
    );
  }
  const visit = (schema: unknown, path: string): void => {
    if (!isObject(schema)) {
      report("gemini/schema/keyword-value", `a Schema must be an object, got ${describe(schema)}`, path);
      return;
    }
    checkGeminiNode(schema, path, report);
    if (isObject(schema.properties)) {
      for (const [key, child] of Object.entries(schema.properties))
        visit(child, `${path}/properties/${escapePointer(key)}`);
    }
    if (schema.items !== undefined) visit(schema.items, `${path}/items`);
    if (Array.isArray(schema.anyOf)) {
      for (const [i, child] of schema.anyOf.entries()) visit(child, `${path}/anyOf/${i}`);
    }
  };
  if (isObject(root)) visit(root, "");
}

/** One Schema node: its fields, type, enum, and what an OBJECT or ARRAY needs. */
function checkGeminiNode(schema: JsonObject, path: string, report: Report): void {
  for (const key of Object.keys(schema)) {
    const rejected = GEMINI_REJECTED.get(key);
    if (rejected !== undefined) report(rejected, `"${key}" is used`, path);
    else if (!GEMINI_KEYWORDS.has(key)) {
      const note = key === "$schema" ? " (the SDK would move the whole schema to parametersJsonSchema)" : "";
      report("gemini/schema/unknown-keyword", `"${key}" is not a Schema field${note}`, path);
    }
  }
  const type = schema.type;
  if (Array.isArray(type)) report("gemini/schema/type-array", `type is ${JSON.stringify(type)}`, path);
  else if (type !== undefined && !(typeof type === "string" && GEMINI_TYPES.has(type))) {
    report("gemini/schema/type", `type is ${describe(type)}`, path);
  }
  if (type !== undefined && schema.anyOf !== undefined) {
    report("gemini/schema/any-of-with-type", "type and anyOf are both set", path);
  }
  if (
    schema.enum !== undefined &&
    !(Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string"))
  ) {
    report("gemini/schema/enum", `enum is ${JSON.stringify(schema.enum)}`, path);
  }
  if (type === "OBJECT") checkGeminiObject(schema, path, report);
  if (type === "ARRAY" && schema.items === undefined)
    report("gemini/schema/array-items", "the ARRAY has no items", path);
  checkGeminiValues(schema, path, report);
}

/** An OBJECT has properties, with Gemini parameter names, and required and propertyOrdering among them. */
function checkGeminiObject(schema: JsonObject, path: string, report: Report): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  if (Object.keys(properties).length === 0)
    report("gemini/schema/empty-object", "the OBJECT has no properties", path);
  for (const key of Object.keys(properties)) {
    // §4.1: the SDK docstring's rule; its enforcement is unverified, so it is checked to be safe.
    if (!/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/.test(key)) {
      report(
        "gemini/parameter-name",
        `the parameter "${key}" does not conform`,
        `${path}/properties/${escapePointer(key)}`,
      );
    }
  }
  checkRequiredKnown(schema, path, report);
  if (Array.isArray(schema.propertyOrdering)) {
    for (const key of schema.propertyOrdering) {
      if (typeof key === "string" && !Object.hasOwn(properties, key)) {
        report(
          "gemini/schema/keyword-value",
          `propertyOrdering names "${key}", which is not a property`,
          path,
        );
      }
    }
  }
}

/** Each proto field holds a value of its type. */
function checkGeminiValues(schema: JsonObject, path: string, report: Report): void {
  const wrong = (key: string, expected: string): void =>
    report("gemini/schema/keyword-value", `${key} must be ${expected}, got ${describe(schema[key])}`, path);
  if (schema.nullable !== undefined && typeof schema.nullable !== "boolean") wrong("nullable", "a boolean");
  for (const key of ["description", "title", "format", "pattern"]) {
    if (schema[key] !== undefined && typeof schema[key] !== "string") wrong(key, "a string");
  }
  for (const key of ["required", "propertyOrdering"]) {
    const value = schema[key];
    if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === "string"))) {
      wrong(key, "a list of strings");
    }
  }
  if (schema.properties !== undefined && !isObject(schema.properties))
    wrong("properties", "an object of Schemas");
  if (schema.anyOf !== undefined && !(Array.isArray(schema.anyOf) && schema.anyOf.length > 0)) {
    wrong("anyOf", "a non-empty list of Schemas");
  }
  for (const key of ["minimum", "maximum"]) {
    if (schema[key] !== undefined && typeof schema[key] !== "number") wrong(key, "a number");
  }
  for (const key of GEMINI_COUNTS) {
    const value = schema[key];
    const isCount =
      (typeof value === "number" && Number.isInteger(value) && value >= 0) ||
      (typeof value === "string" && /^[0-9]+$/.test(value));
    if (value !== undefined && !isCount) wrong(key, "a non-negative integer (int64)");
  }
  if (typeof schema.pattern === "string" && !isValidRegExp(schema.pattern)) {
    report("schema/pattern-invalid", `the pattern ${JSON.stringify(schema.pattern)} does not compile`, path);
  }
}

// ---------------------------------------------------------------------------------------------------
// MCP tools, protocol 2025-11-25 as the TS SDK 1.x speaks it (§5)

const MCP_HINTS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"];

/** inputSchema (and outputSchema) object roots of 2020-12 with object property values; title; annotations. */
function checkMcpTool(tool: JsonObject, out: Violation[], label: string): void {
  const report = reporter(out, label);
  if (tool.title !== undefined && typeof tool.title !== "string")
    report("mcp/title", `title is ${describe(tool.title)}`);
  checkJsonSchemaTool(tool.inputSchema, "inputSchema", report);
  checkMcpProperties(tool.inputSchema, report);
  if (tool.outputSchema !== undefined) {
    const outputReport = reporter(out, label, "outputSchema:");
    checkJsonSchemaTool(tool.outputSchema, "outputSchema", outputReport);
    checkMcpProperties(tool.outputSchema, outputReport);
  }
  if (tool.annotations !== undefined) checkMcpAnnotations(tool.annotations, report);
}

/** The SDK's ToolSchema checks each top-level properties value is an object. */
function checkMcpProperties(schema: unknown, report: Report): void {
  if (!isObject(schema) || !isObject(schema.properties)) return;
  for (const [key, value] of Object.entries(schema.properties)) {
    if (!isObject(value)) {
      report(
        "mcp/property-not-object",
        `the property "${key}" is ${describe(value)}`,
        `/properties/${escapePointer(key)}`,
      );
    }
  }
}

/** Annotations: an object of a string title and boolean hints, nothing else. */
function checkMcpAnnotations(annotations: unknown, report: Report): void {
  if (!isObject(annotations)) {
    report("mcp/annotations", `annotations is ${describe(annotations)}`);
    return;
  }
  for (const [key, value] of Object.entries(annotations)) {
    if (key === "title") {
      if (typeof value !== "string") report("mcp/annotations", `annotations.title is ${describe(value)}`);
    } else if (MCP_HINTS.includes(key)) {
      if (typeof value !== "boolean") report("mcp/annotations", `annotations.${key} is ${describe(value)}`);
    } else {
      report("mcp/annotations", `annotations has the unknown key "${key}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

/** A reporter that files violations for `tool` (if any), with paths prefixed by `label`. */
function reporter(out: Violation[], tool: string | undefined, label = ""): Report {
  return (rule, detail, path) => {
    const violation: Violation = { rule, message: `${detail}; ${RULES[rule]}` };
    if (tool !== undefined) violation.tool = tool;
    if (path !== undefined) violation.path = `${label}${path}`;
    out.push(violation);
  };
}

/** The tool's name, or `#index` when it has none to show (read without running a getter). */
function toolLabel(tool: unknown, index: number): string {
  const name: unknown = isObject(tool) ? Object.getOwnPropertyDescriptor(tool, "name")?.value : undefined;
  return typeof name === "string" && name !== "" ? name : `#${index}`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** A schema that describes objects: its type is or includes "object", or it has properties and no type. */
function isObjectSchema(schema: JsonObject): boolean {
  const type = schema.type;
  if (type === undefined) return isObject(schema.properties);
  return type === "object" || (Array.isArray(type) && type.includes("object"));
}

/** The characters of the values, strings as themselves and others as JSON. */
function totalLength(values: readonly unknown[]): number {
  let total = 0;
  for (const value of values)
    total += typeof value === "string" ? value.length : (JSON.stringify(value)?.length ?? 0);
  return total;
}

function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

function escapePointer(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A short description of a value for messages. */
function describe(value: unknown): string {
  if (value === undefined) return "absent";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `${typeof value} ${String(value)}`;
}

/**
 * The path of the first value in `value` that is not JSON, or undefined when it is all JSON. A key
 * whose value is undefined counts as absent (JSON.stringify drops it), but not an undefined array item.
 */
function nonJsonAt(value: unknown, path: string, ancestors: Set<object>): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (typeof value !== "object" || ancestors.has(value)) return path;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return path;
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const at = nonJsonAt(value[i], `${path}/${i}`, ancestors);
        if (at !== undefined) return at;
      }
    } else {
      // Descriptors rather than values, so that a getter is reported and never run.
      for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
        const at = `${path}/${escapePointer(key)}`;
        if (!("value" in descriptor)) return at;
        const inside =
          descriptor.value === undefined ? undefined : nonJsonAt(descriptor.value, at, ancestors);
        if (inside !== undefined) return inside;
      }
    }
  } finally {
    ancestors.delete(value);
  }
  return undefined;
}
