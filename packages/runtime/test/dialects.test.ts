import { createToolset, type JsonSchema, type ToolDefinition } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { adhocTool } from "./fixtures/adhoc.ts";

const object = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...extra,
});

/** A tool whose every dialect has `schema`, and `extra` fields on its definition. */
function toolWith(schema: JsonSchema, extra: Partial<ToolDefinition> = {}): ToolDefinition {
  const schemas = {
    "json-schema": schema,
    openai: schema,
    "openai-responses": schema,
    anthropic: schema,
    gemini: schema,
    mcp: schema,
  };
  return adhocTool("t", () => 1, { schemas, ...extra });
}

const gemini = (schema: JsonSchema) => createToolset([toolWith(schema)]).schemas("gemini")[0];

describe("gemini", () => {
  it("spells an exact schema as the SDK sends it: upper-case types, nullable, no additionalProperties", () => {
    const schema = object({
      city: { type: "string", description: "A city", minLength: 1 },
      unit: { type: ["string", "null"], enum: ["c", "f", null] },
      days: { anyOf: [{ type: "array", items: { type: "integer", minimum: 1 } }, { type: "null" }] },
      when: { type: "string", format: "date-time" },
    });
    expect(gemini(schema)).toEqual({
      name: "t",
      description: "t (test tool)",
      parameters: {
        type: "OBJECT",
        properties: {
          city: { type: "STRING", description: "A city", minLength: 1 },
          unit: { type: "STRING", enum: ["c", "f"], nullable: true },
          days: { type: "ARRAY", items: { type: "INTEGER", minimum: 1 }, nullable: true },
          when: { type: "STRING", format: "date-time" },
        },
        required: ["city", "unit", "days", "when"],
      },
    });
  });

  it.each([
    ["a reference", { node: { $ref: "#/$defs/Node" } }],
    ["a tuple", { point: { type: "array", prefixItems: [{ type: "number" }], items: false } }],
    ["a record", { tags: { type: "object", properties: {}, additionalProperties: { type: "string" } } }],
    ["a number enum", { level: { type: "integer", enum: [1, 2] } }],
    ["an exclusive bound", { ratio: { type: "number", exclusiveMinimum: 0 } }],
    ["a format Gemini does not name", { site: { type: "string", format: "uri" } }],
    ["a parameter name Gemini does not take", { "first name": { type: "string" } }],
    ["a default of null", { note: { type: ["string", "null"], default: null } }],
    ["a value of any type", { payload: {} }],
    ["two types", { id: { type: ["string", "number"] } }],
  ])("sends %s as parametersJsonSchema, unchanged", (_, properties) => {
    const schema = object(properties as Record<string, JsonSchema>);
    expect(gemini(schema)).toEqual({ name: "t", description: "t (test tool)", parametersJsonSchema: schema });
  });

  it("sends a property named __proto__ as JSON Schema, as an own key", () => {
    const properties = JSON.parse('{"__proto__": {"type": "string"}}') as Record<string, JsonSchema>;
    const declaration = gemini(object(properties)) as unknown as {
      parametersJsonSchema: { properties: object };
    };
    expect(Object.keys(declaration.parametersJsonSchema.properties)).toEqual(["__proto__"]);
  });

  it("sends no parameters for a tool that takes none", () => {
    expect(gemini(object({}))).toEqual({ name: "t", description: "t (test tool)" });
  });
});

describe("mcp", () => {
  it("gives inputSchema, title, annotations, and an object output schema as it is", () => {
    const output = object({ ok: { type: "boolean" } });
    const tool = toolWith(object({ path: { type: "string" } }), {
      title: "Delete file",
      annotations: { destructiveHint: true, openWorldHint: false },
      outputSchema: output,
    });
    expect(createToolset([tool]).schemas("mcp")[0]).toEqual({
      name: "t",
      title: "Delete file",
      description: "t (test tool)",
      inputSchema: tool.schemas.mcp,
      outputSchema: output,
      annotations: { destructiveHint: true, openWorldHint: false },
    });
  });

  it("wraps a result that is not an object as { result }, its $defs kept at the root", () => {
    const defs = { Node: object({ next: { anyOf: [{ $ref: "#/$defs/Node" }, { type: "null" }] } }) };
    const tool = toolWith(object({}), { outputSchema: { $ref: "#/$defs/Node", $defs: defs } });
    expect(createToolset([tool]).schemas("mcp")[0]?.outputSchema).toEqual({
      type: "object",
      properties: { result: { $ref: "#/$defs/Node" } },
      required: ["result"],
      additionalProperties: false,
      $defs: defs,
    });
  });
});

describe("names and strictness", () => {
  it("sends each dialect the tool's name there, and dispatches a call under any of them", async () => {
    const tool = toolWith(object({}), {
      name: "math.sum",
      names: { openai: "math_sum", anthropic: "math_sum" },
    });
    const toolset = createToolset([tool]);
    expect(toolset.schemas("openai")[0]?.name).toBe("math_sum");
    expect(toolset.schemas("mcp")[0]?.name).toBe("math.sum");
    expect(toolset.names).toEqual(["math.sum"]);
    for (const name of ["math.sum", "math_sum"]) {
      const outcome = await toolset.dispatch({ name, arguments: "{}" });
      expect(outcome.ok).toBe(true);
    }
  });

  it("refuses a module where a name one tool is sent under is another tool's", () => {
    const a = adhocTool("a.b", () => 1, { names: { openai: "a_b" } });
    const b = adhocTool("a_b", () => 2);
    expect(() => createToolset([a, b])).toThrow('tool name "a_b" is used by two tools');
  });

  it("states strict in every dialect that has a strict mode, false where the tool is not sent strict", () => {
    const toolset = createToolset([toolWith(object({}), { strict: ["openai", "anthropic"] })]);
    expect(toolset.schemas("openai")[0]?.strict).toBe(true);
    expect(toolset.schemas("openai-responses")[0]?.strict).toBe(false);
    expect(toolset.schemas("anthropic")[0]?.strict).toBe(true);
  });
});
