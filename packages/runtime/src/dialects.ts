/**
 * Each dialect's tool, as `toolset.schemas(dialect)` gives it: the provider's own fields, without the
 * envelope a request puts around them (the adapters add that: `{ type: "function", function }` for
 * OpenAI Chat Completions, `[{ functionDeclarations }]` for Gemini).
 */
import { cloneJson, isJsonObject, setOwn } from "./json.ts";
import type { Dialect, JsonSchema, ToolAnnotations, ToolDefinition } from "./types.ts";

/** A tool in the `json-schema` dialect: name, description and the arguments' JSON Schema. */
export interface JsonSchemaTool {
  name: string;
  description: string;
  parameters: JsonSchema;
}

/**
 * A tool for a provider with a strict mode (OpenAI Chat Completions and Responses, Anthropic):
 * `strict` is always stated, since Responses reads an absent one as strict.
 */
export interface StrictDialectTool extends JsonSchemaTool {
  strict: boolean;
}

/**
 * A Gemini function declaration: `parameters` in the OpenAPI subset when the schema has an exact
 * spelling there, else the JSON Schema as `parametersJsonSchema`; neither for a tool without
 * parameters.
 */
export type GeminiTool =
  | { name: string; description: string; parameters?: JsonSchema }
  | { name: string; description: string; parametersJsonSchema: JsonSchema };

/** An MCP tool, as `tools/list` lists it. */
export interface McpTool {
  name: string;
  title?: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations?: ToolAnnotations;
}

/** The shape of one tool in each dialect's tool list. */
export interface DialectTools {
  "json-schema": JsonSchemaTool;
  openai: StrictDialectTool;
  "openai-responses": StrictDialectTool;
  anthropic: StrictDialectTool;
  gemini: GeminiTool;
  mcp: McpTool;
}

/**
 * One tool in `dialect`'s shape, its schemas copied (free to mutate). Throws when the module was
 * generated without that dialect, or before dialects were chosen: regenerating is the fix.
 */
export function dialectTool<D extends Dialect>(
  definition: ToolDefinition<never>,
  dialect: D,
): DialectTools[D] {
  const schema = definition.schemas[dialect];
  if (schema === undefined) throw new Error(missingDialect(dialect));
  const name = definition.names?.[dialect] ?? definition.name;
  const { description } = definition;
  const parameters = cloneJson(schema);
  switch (dialect) {
    case "json-schema":
      return { name, description, parameters } as DialectTools[D];
    case "gemini":
      return geminiTool(name, description, parameters) as DialectTools[D];
    case "mcp":
      return {
        name,
        ...(definition.title !== undefined && { title: definition.title }),
        description,
        inputSchema: parameters,
        ...(definition.outputSchema !== undefined && {
          outputSchema: mcpOutputSchema(definition.outputSchema),
        }),
        ...(definition.annotations !== undefined && { annotations: { ...definition.annotations } }),
      } as DialectTools[D];
    default:
      return {
        name,
        description,
        parameters,
        strict: definition.strict?.includes(dialect) === true,
      } as DialectTools[D];
  }
}

/** Every dialect, by name: a dialect's tool shape is only known for these. */
const DIALECTS: { readonly [D in Dialect]: true } = {
  "json-schema": true,
  openai: true,
  "openai-responses": true,
  anthropic: true,
  gemini: true,
  mcp: true,
};

function missingDialect(dialect: string): string {
  if (!Object.hasOwn(DIALECTS, dialect))
    return `typecall: "${dialect}" is not a dialect; the dialects are ${Object.keys(DIALECTS).join(", ")}.`;
  return (
    `typecall: this toolset has no "${dialect}" schemas: its module was generated without that dialect, ` +
    `or by an earlier typecall. Run \`typecall generate\` again (with "${dialect}" among the dialects).`
  );
}

/** The key a result that is not an object is wrapped under, in MCP's `structuredContent`. */
export const MCP_RESULT_KEY = "result";

/** Whether MCP's `structuredContent` must wrap a result of this schema (its root is not an object). */
export function wrapsResult(outputSchema: JsonSchema): boolean {
  return outputSchema.type !== "object";
}

/**
 * MCP's `outputSchema`: an object root (protocol 2025-11-25), so a result of another kind is wrapped
 * as `{ result }`, with the `$defs` it refers to kept at the root.
 */
export function mcpOutputSchema(outputSchema: JsonSchema): JsonSchema {
  const copy = cloneJson(outputSchema) as Record<string, unknown>;
  if (!wrapsResult(outputSchema)) return copy;
  const { $defs, ...result } = copy;
  return {
    type: "object",
    properties: { [MCP_RESULT_KEY]: result },
    required: [MCP_RESULT_KEY],
    additionalProperties: false,
    ...($defs !== undefined && { $defs }),
  };
}

function geminiTool(name: string, description: string, parameters: JsonSchema): GeminiTool {
  const properties = parameters.properties;
  if (isJsonObject(properties) && Object.keys(properties).length === 0 && parameters.$defs === undefined)
    return { name, description };
  const openApi = openApiSchema(parameters);
  return openApi === undefined
    ? { name, description, parametersJsonSchema: parameters }
    : { name, description, parameters: openApi };
}

/** Keywords the OpenAPI subset of Gemini's `Schema` has, with the same meaning as in JSON Schema. */
const SAME_KEYWORDS = new Set([
  "description",
  "default",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "required",
  "title",
]);

/** String formats Gemini's `Schema` names. */
const GEMINI_FORMATS = new Set(["date-time", "date", "email"]);

/** Gemini's rule for a parameter name in `parameters`. */
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * A JSON Schema in the OpenAPI spelling of Gemini's `Schema` (upper-case types, `nullable`), which
 * the SDK sends unchanged; undefined when some keyword has no exact spelling there (`$ref`, tuples,
 * records, `const`, non-string enums, exclusive bounds...). `additionalProperties: false` is left
 * out: the subset cannot close an object, and the dispatcher refuses an unknown property anyway.
 */
export function openApiSchema(schema: unknown): JsonSchema | undefined {
  if (!isJsonObject(schema)) return undefined;
  const out: Record<string, unknown> = {};
  let nullable = false;
  for (const [key, value] of Object.entries(schema)) {
    // The SDK drops a `default` of null, and a property named `__proto__` (it assigns keys).
    if (key === "default" && value === null) return undefined;
    if (SAME_KEYWORDS.has(key)) out[key] = value;
    else if (key === "type") {
      const types = Array.isArray(value) ? value : [value];
      const named = types.filter((t) => t !== "null");
      if (named.length !== 1 || typeof named[0] !== "string") return undefined;
      out.type = named[0].toUpperCase();
      nullable ||= named.length < types.length;
    } else if (key === "enum") {
      if (!Array.isArray(value)) return undefined;
      const values = value.filter((v) => v !== null);
      if (!values.every((v) => typeof v === "string")) return undefined;
      out.enum = values;
      nullable ||= values.length < value.length;
    } else if (key === "format") {
      if (!GEMINI_FORMATS.has(value as string)) return undefined;
      out.format = value;
    } else if (key === "properties") {
      if (!isJsonObject(value)) return undefined;
      const properties: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(value)) {
        const converted =
          PARAMETER_NAME.test(name) && name !== "__proto__" ? openApiSchema(property) : undefined;
        if (converted === undefined) return undefined;
        setOwn(properties, name, converted);
      }
      out.properties = properties;
    } else if (key === "items") {
      const items = openApiSchema(value);
      if (items === undefined) return undefined;
      out.items = items;
    } else if (key === "anyOf") {
      if (!Array.isArray(value)) return undefined;
      const members = value.filter(
        (m) => !(isJsonObject(m) && m.type === "null" && Object.keys(m).length === 1),
      );
      nullable ||= members.length < value.length;
      const converted = members.map(openApiSchema);
      if (converted.some((m) => m === undefined)) return undefined;
      // `anyOf: [X, null]` is X, nullable: the SDK folds it so, and so does this.
      if (converted.length === 1) Object.assign(out, converted[0]);
      else out.anyOf = converted;
    } else if (!(key === "additionalProperties" && value === false)) return undefined;
  }
  if (out.type === undefined && out.anyOf === undefined) return undefined;
  if (out.anyOf !== undefined && out.type !== undefined) return undefined;
  return nullable ? { ...out, nullable: true } : out;
}
