/**
 * The generated module of the `guard` codegen case: the definitions the runtime gets carry the
 * guard's fields as the contract of `ToolDefinition` spells them (`approval`, `sensitive`,
 * `sensitiveResult`, `maxArgumentsLength`, `maxContentLength`), and only the tools tagged so.
 * That the module type-checks against the contract is the cases suite's own test.
 */
import type { ToolDefinition } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { toolset } from "../packages/typecall/test/cases/guard/__output__/input.typecall.ts";

const GUARD_FIELDS = [
  "approval",
  "sensitive",
  "sensitiveResult",
  "maxArgumentsLength",
  "maxContentLength",
] as const;

/** The guard's fields of a tool's definition, as the runtime reads them. */
function guard(name: string): Partial<Pick<ToolDefinition, (typeof GUARD_FIELDS)[number]>> {
  const definition = toolset.get(name);
  if (!definition) throw new Error(`no tool ${name}`);
  return Object.fromEntries(GUARD_FIELDS.filter((f) => f in definition).map((f) => [f, definition[f]]));
}

describe("the guard's fields in generated definitions", () => {
  it("@approval and the length limits", () => {
    expect(guard("pay")).toMatchObject({ approval: true, maxArgumentsLength: 4000, maxContentLength: 2000 });
    for (const name of toolset.names.filter((n) => n !== "pay")) {
      expect(toolset.get(name)).not.toHaveProperty("approval");
      expect(toolset.get(name)).not.toHaveProperty("maxArgumentsLength");
    }
  });

  it("@sensitive paths from the arguments object and the result", () => {
    expect(guard("pay").sensitive).toEqual([
      ["card", "number"],
      ["card", "cvc"],
      ["payee", "iban"],
    ]);
    expect(guard("pay").sensitiveResult).toEqual([["card", "number"], ["card", "cvc"], ["authorization"]]);
    expect(guard("bookTrip").sensitive).toContainEqual(["travellers", "*", "loyalty", "*", "number"]);
    expect(guard("bookTrip").sensitive).toContainEqual(["stops", "*", "doorCode"]);
    expect(guard("signIn")).toEqual({ sensitive: [[]] });
    expect(guard("openSession")).toEqual({ sensitiveResult: [[]] });
  });

  it("paths name wire properties: each path's first property is one the schema lists", () => {
    for (const name of toolset.names) {
      const definition = toolset.get(name) as ToolDefinition;
      const schema = definition.schemas["json-schema"] as { properties?: Record<string, unknown> };
      for (const path of definition.sensitive ?? [])
        if (path.length > 0) expect(Object.keys(schema.properties ?? {}), name).toContain(path[0]);
    }
  });

  it("a wrong value below a record in an array is refused at its path", async () => {
    const traveller = { name: "Ada", cards: [], loyalty: { ba: { number: 7, tier: "gold" } } };
    const args = {
      travellers: [traveller],
      pin: "1234",
      stops: [{ city: "A", doorCode: "9" }, { city: "B" }],
    };
    const outcome = await toolset.dispatch(
      { name: "bookTrip", arguments: JSON.stringify(args) },
      { userId: "u1" },
    );
    expect(outcome.ok ? [] : outcome.error.issues?.map((i) => i.path)).toEqual([
      "travellers[0].loyalty.ba.number",
    ]);
  });
});
