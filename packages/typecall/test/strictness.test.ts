/**
 * Issue 9's module with a record, a tuple and an `unknown` parameter (codegen case `strictness`):
 * generated with default options, it warns for what no strict mode can express, sends the record
 * and the tuple encoded where a strict mode takes them, and each tool dispatches correctly from the
 * arguments each dialect's schema describes (checked against that schema before dispatch).
 */
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { toolset } from "./cases/strictness/__output__/input.typecall.ts";

const ajv = new Ajv2020({ strict: false });

/** The schema a dialect sends for a tool, as JSON Schema (Gemini's OpenAPI spelling is checked elsewhere). */
function sentSchema(dialect: string, name: string): object {
  if (dialect === "gemini") return toolset.get(name)?.schemas["json-schema"] as object;
  const tool = toolset.schemas(dialect as "openai").find((t) => t.name === name) as unknown as Record<
    string,
    unknown
  >;
  return (tool.parameters ?? tool.inputSchema) as object;
}

/** Dispatches `args` as the model of `dialect` would send them (text for OpenAI, objects for the others). */
async function call(dialect: string, name: string, args: object) {
  expect(ajv.validate(sentSchema(dialect, name), args), `${dialect} ${name}: ${ajv.errorsText()}`).toBe(true);
  const text = dialect === "openai" || dialect === "openai-responses";
  const outcome = await toolset.dispatch({ name, arguments: text ? JSON.stringify(args) : args });
  expect(outcome.ok, outcome.content).toBe(true);
  return outcome.ok ? outcome.value : undefined;
}

const STRICT = ["openai", "openai-responses", "anthropic"] as const;
const PLAIN = ["json-schema", "gemini", "mcp"] as const;

describe("strictness per tool", () => {
  it("sends the record and tuple tools strict and encoded, the unknown one non-strict, stated", () => {
    for (const dialect of STRICT) {
      const tools = toolset.schemas(dialect);
      expect(tools.map((t) => [t.name, t.strict])).toEqual([
        ["label", true],
        ["moveTo", true],
        ["store", false],
      ]);
      const typeOf = (tool: number, key: string) =>
        (tools[tool]?.parameters.properties as Record<string, { type: string }> | undefined)?.[key]?.type;
      expect(typeOf(0, "labels")).toBe("array");
      expect(typeOf(1, "to")).toBe("object");
      expect(tools[2]?.parameters).toEqual(toolset.get("store")?.schemas["json-schema"]);
    }
  });

  it("dispatches a record sent as entries by strict dialects, and as an object by the others", async () => {
    const expected = { id: "doc1", labels: { lang: "en", "first name": "Ada" } };
    const entries = [
      { key: "lang", value: "en" },
      { key: "first name", value: "Ada" },
    ];
    for (const dialect of STRICT)
      expect(await call(dialect, "label", { id: "doc1", labels: entries })).toEqual(expected);
    for (const dialect of PLAIN) expect(await call(dialect, "label", expected)).toEqual(expected);
  });

  it("dispatches a tuple sent as an object of positions, an absent optional one null or left out", async () => {
    const openai = { to: { "0": 3, "1": 4, "2": null }, speed: null };
    for (const dialect of ["openai", "openai-responses"])
      expect(await call(dialect, "moveTo", openai)).toEqual({ to: [3, 4] });
    expect(await call("anthropic", "moveTo", { to: { "0": 3, "1": 4, "2": 5 }, speed: 2 })).toEqual({
      to: [3, 4, 5],
      speed: 2,
    });
    expect(await call("anthropic", "moveTo", { to: { "0": 3, "1": 4 } })).toEqual({ to: [3, 4] });
    for (const dialect of PLAIN)
      expect(await call(dialect, "moveTo", { to: [3, 4, 5] })).toEqual({ to: [3, 4, 5] });
  });

  it("dispatches the unknown payload as it is, from every dialect", async () => {
    const payload = { nested: [1, "two", { three: null }] };
    for (const dialect of [...STRICT, ...PLAIN])
      expect(await call(dialect, "store", { key: "k", payload })).toEqual({ key: "k", payload });
  });

  it("refuses an encoding that is not exact, and says what the tool takes", async () => {
    const duplicate = [
      { key: "lang", value: "en" },
      { key: "lang", value: "fr" },
    ];
    const twice = await toolset.dispatch({
      name: "label" as string,
      arguments: { id: "d", labels: duplicate },
    });
    expect(twice.ok).toBe(false);
    expect(twice.content).toContain("labels");
    const gap = await toolset.dispatch({ name: "moveTo" as string, arguments: { to: { "0": 1, "2": 3 } } });
    expect(gap.ok).toBe(false);
    expect(gap.content).toContain("to");
  });
});
