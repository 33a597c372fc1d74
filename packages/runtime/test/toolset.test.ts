import { createToolset } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";
import { toolset } from "./fixtures/toolset.ts";

describe("createToolset", () => {
  it("lists names in definition order and finds definitions by exact name", () => {
    expect(toolset.names).toEqual(["getWeather", "bookRoom", "whoAmI"]);
    expect(toolset.get("bookRoom")?.description).toBe("Books a room for some guests.");
    expect(toolset.get("bookroom")).toBeUndefined();
  });

  it("rejects two tools with one name and options that would fail every call", () => {
    expect(() => createToolset([adhocTool("a", () => 1), adhocTool("a", () => 2)])).toThrow(
      'duplicate tool name "a"',
    );
    expect(() => createToolset([], { concurrency: 0 })).toThrow(RangeError);
    expect(() => createToolset([], { timeoutMs: -1 })).toThrow(RangeError);
  });
});

describe("schemas", () => {
  it("gives the json-schema dialect as name, description and parameters", () => {
    const [weather] = toolset.schemas("json-schema");
    expect(weather).toEqual({
      name: "getWeather",
      description: "Current weather for a city.",
      parameters: toolset.get("getWeather")?.schemas["json-schema"],
    });
  });

  it("gives the openai dialect's tools without the request's envelope, strict stated", () => {
    const tools = toolset.schemas("openai");
    expect(tools.map((tool) => tool.name)).toEqual(["getWeather", "bookRoom", "whoAmI"]);
    expect(tools[0]).toEqual({
      name: "getWeather",
      description: "Current weather for a city.",
      parameters: toolset.get("getWeather")?.schemas.openai,
      strict: true,
    });
    const loose = createToolset([adhocTool("loose", () => 1)]).schemas("openai");
    expect(loose[0]?.strict).toBe(false);
  });

  it("refuses a dialect the module was not generated with, saying to regenerate", () => {
    expect(() => toolset.schemas("anthropic")).toThrow(/no "anthropic" schemas.*typecall generate/s);
  });

  it("returns fresh copies that callers may mutate", () => {
    const first = toolset.schemas("openai");
    first.pop();
    const parameters = first[0]?.parameters as { properties: Record<string, unknown> };
    parameters.properties.injected = {};
    const second = toolset.schemas("openai");
    expect(second).toHaveLength(3);
    expect(second[0]?.parameters).not.toHaveProperty("properties.injected");
    expect(toolset.get("getWeather")?.schemas.openai).not.toHaveProperty("properties.injected");
  });
});

describe("dispatchAll", () => {
  function gatedTools(concurrency?: number) {
    const state = { inFlight: 0, maxInFlight: 0, finished: [] as number[] };
    const tool = adhocTool("work", async (args) => {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      // Later calls finish first, so order by completion differs from call order.
      await new Promise((resolve) => setTimeout(resolve, 40 - 3 * Number(args.n)));
      state.inFlight--;
      state.finished.push(Number(args.n));
      return args.n;
    });
    return { state, tools: adhocToolset([tool], concurrency === undefined ? {} : { concurrency }) };
  }
  const calls = Array.from({ length: 12 }, (_, n) => ({
    name: "work",
    arguments: `{"n": ${n}}`,
    id: `c${n}`,
  }));

  it("returns outcomes in call order whatever the completion order", async () => {
    const { state, tools } = gatedTools();
    const outcomes = await tools.dispatchAll(calls);
    expect(outcomes.map((outcome) => outcome.id)).toEqual(calls.map((call) => call.id));
    expect(outcomes.map((outcome) => outcome.ok && outcome.value)).toEqual(calls.map((_, n) => n));
    expect(state.finished).not.toEqual(calls.map((_, n) => n));
  });

  it("runs at most 8 calls at once by default", async () => {
    const { state, tools } = gatedTools();
    await tools.dispatchAll(calls);
    expect(state.maxInFlight).toBe(8);
  });

  it("honours the toolset's and the batch's concurrency", async () => {
    const toolsetLimit = gatedTools(3);
    await toolsetLimit.tools.dispatchAll(calls);
    expect(toolsetLimit.state.maxInFlight).toBe(3);
    const batchLimit = gatedTools(3);
    await batchLimit.tools.dispatchAll(calls, undefined, { concurrency: 2 });
    expect(batchLimit.state.maxInFlight).toBe(2);
  });

  it("mixes failures and successes without rejecting", async () => {
    const outcomes = await toolset.dispatchAll(
      [
        { name: "getWeather", arguments: '{"city": "Rome"}', id: "a" },
        { name: "nope", arguments: "{}", id: "b" },
        { name: "getWeather", arguments: "{", id: "c" },
        { name: "getWeather", arguments: "{}", id: "d" },
      ],
      { userId: "u" },
    );
    expect(outcomes.map((outcome) => (outcome.ok ? "ok" : outcome.error.code))).toEqual([
      "ok",
      "unknown_tool",
      "invalid_json",
      "invalid_arguments",
    ]);
    expect(await toolset.dispatchAll([], { userId: "u" })).toEqual([]);
  });
});
