// Type-level tests: `tsc -p tsconfig.json` checks this file, so every `@ts-expect-error` below must
// meet an error (or tsc fails on the unused directive). The runtime assertions only keep vitest honest.
import {
  type ContextArg,
  createToolset,
  type EmptyContext,
  type ErrorCode,
  type GeminiTool,
  type ToolOutcome,
  type Toolset,
} from "@typecall/runtime";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type ToolMap, toolset } from "./fixtures/toolset.ts";

const ctx = { userId: "u1" };

describe("types", () => {
  it("checks typed calls: tool names, argument types and the context", async () => {
    const outcome = await toolset.dispatch(
      { name: "getWeather", arguments: { city: "Paris", unit: "f" } },
      ctx,
    );
    expectTypeOf(outcome).toEqualTypeOf<ToolOutcome<ToolMap, "getWeather">>();
    if (outcome.ok) expectTypeOf(outcome.value.temperature).toEqualTypeOf<number>();
    expect(outcome.ok).toBe(true);

    // @ts-expect-error: no tool by that name
    await toolset.dispatch({ name: "getWether", arguments: { city: "Paris" } }, ctx);
    // @ts-expect-error: city must be a string
    await toolset.dispatch({ name: "getWeather", arguments: { city: 42 } }, ctx);
    // @ts-expect-error: unit is "c" | "f"
    await toolset.dispatch({ name: "getWeather", arguments: { city: "Paris", unit: "k" } }, ctx);
    // @ts-expect-error: hotelId is required
    await toolset.dispatch({ name: "bookRoom", arguments: { guests: [] } }, ctx);
    // JSON text is what a model sends: any name type-checks and the runtime answers unknown_tool.
    await toolset.dispatch({ name: "getWether", arguments: '{"city": "Paris"}' }, ctx);
    // @ts-expect-error: excess property
    await toolset.dispatch({ name: "getWeather", arguments: { city: "Paris", country: "FR" } }, ctx);
    // @ts-expect-error: this toolset needs { userId }
    await toolset.dispatch({ name: "getWeather", arguments: { city: "Paris" } });
    // @ts-expect-error: userId must be a string
    await toolset.dispatch({ name: "getWeather", arguments: { city: "Paris" } }, { userId: 1 });
  });

  it("accepts model calls with any name and raw arguments, and narrows outcomes by name", async () => {
    const fromModel: { name: string; arguments: string; id: string } = {
      name: "getWeather",
      arguments: "{}",
      id: "x",
    };
    const outcome = await toolset.dispatch(fromModel, ctx, { timeoutMs: 1000 });
    if (outcome.ok && outcome.name === "bookRoom")
      expectTypeOf(outcome.value.confirmation).toEqualTypeOf<string>();
    if (!outcome.ok) expectTypeOf(outcome.error.code).toEqualTypeOf<ErrorCode>();
    expectTypeOf(toolset.names).toEqualTypeOf<readonly ("getWeather" | "bookRoom" | "whoAmI")[]>();
    const all = await toolset.dispatchAll([fromModel], ctx, { concurrency: 2 });
    expect(all).toHaveLength(1);
  });

  it("makes the context optional exactly when the context type has no required keys", async () => {
    expectTypeOf<ContextArg<EmptyContext>>().toEqualTypeOf<[ctx?: EmptyContext | undefined]>();
    expectTypeOf<ContextArg<{ userId: string }>>().toEqualTypeOf<[ctx: { userId: string }]>();
    expectTypeOf<ContextArg<{ userId?: string }>>().toEqualTypeOf<[ctx?: { userId?: string } | undefined]>();
    const free: Toolset<{ ping: { args: { n: number }; result: number } }> = createToolset([]);
    await free.dispatch({ name: "ping", arguments: { n: 1 } });
    await free.dispatch({ name: "ping", arguments: { n: 1 } }, undefined, { timeoutMs: 10 });
    // @ts-expect-error: n is a number
    await free.dispatch({ name: "ping", arguments: { n: "1" } });
    expect(free.names).toEqual([]);
  });

  it("types each dialect's tool list", () => {
    expectTypeOf(toolset.schemas("openai")[0]?.strict).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(toolset.schemas("json-schema")[0]?.parameters).toEqualTypeOf<
      { readonly [key: string]: unknown } | undefined
    >();
    expectTypeOf<ReturnType<typeof toolset.schemas<"gemini">>>().toEqualTypeOf<GeminiTool[]>();
    // @ts-expect-error: not a dialect
    expect(() => toolset.schemas("claude")).toThrow(
      '"claude" is not a dialect; the dialects are json-schema, openai,',
    );
    expect(toolset.schemas("openai")).toHaveLength(3);
  });
});
