import { describe, expect, it } from "vitest";
import type { BfclSchema } from "../bfcl.ts";
import { compareTool } from "../fidelity.ts";

const original: BfclSchema = {
  type: "dict",
  properties: {
    size: { type: "float", description: "Size. " },
    mode: { type: "string", enum: ["fast", "slow"], default: "fast" },
    data: { type: "any", description: "Anything." },
    point: { type: "tuple", items: { type: "integer" } },
    opts: { type: "dict", properties: { deep: { type: "boolean", description: "Deep." } } },
    counts: { type: "dict", required: ["adults"] },
    full: { type: "boolean", default: "false" },
  },
  required: ["size"],
};

const generated = {
  type: "object",
  properties: {
    size: { type: "number", description: "Size." },
    mode: { type: "string", enum: ["fast", "slow"], default: "fast" },
    data: { description: "Anything." },
    point: { type: "array", items: { type: "integer" } },
    opts: {
      type: "object",
      properties: { deep: { type: "boolean", description: "Deep." } },
      required: [],
      additionalProperties: false,
    },
    counts: { type: "object", properties: { adults: {} }, required: ["adults"], additionalProperties: {} },
    full: { type: "boolean", default: false },
  },
  required: ["size"],
  additionalProperties: false,
};

const tool = <T>(parameters: T, description = "Tool.") => ({ description, parameters });
const repair = { path: ["full"], aspect: "default" as const, reason: "", from: "false", to: false };

describe("compareTool", () => {
  it("finds nothing when the schemas agree up to the dialect's equivalences", () => {
    expect(compareTool(tool(original), tool(generated), [repair])).toEqual({
      mismatches: [],
      repaired: [{ path: ["full"], aspect: "default", expected: "false", actual: false }],
    });
  });

  it("reports each kind of difference with its path", () => {
    const changed = structuredClone(generated);
    changed.properties.size.type = "integer";
    changed.properties.mode.enum = ["slow", "fast"];
    changed.properties.data = { type: "string", description: "Anything." } as never;
    changed.properties.opts.properties.deep.description = "Deeper.";
    changed.properties.opts.additionalProperties = true as never;
    changed.properties.point.items = { type: "number" };
    changed.required = [];
    changed.properties.full.default = true;
    const found = compareTool(tool(original), tool(changed, "Other."), [repair]).mismatches;
    expect(found.map((m) => `${m.path.join(".")}: ${m.aspect}`)).toEqual([
      ": tool description",
      ": required",
      "size: type",
      "mode: enum order",
      "data: type",
      "point.[]: type",
      "opts: additionalProperties",
      "opts.deep: description",
      "full: default",
    ]);
  });

  it("reports missing properties and keywords it does not know", () => {
    const changed = structuredClone(generated) as Record<string, unknown> & typeof generated;
    delete (changed.properties as Record<string, unknown>).counts;
    (changed.properties.size as Record<string, unknown>).minimum = 0;
    const found = compareTool(tool(original), tool(changed), [repair]).mismatches;
    expect(found.map((m) => `${m.path.join(".")}: ${m.aspect}`)).toEqual([
      ": property names",
      "size: keyword minimum",
    ]);
  });
});
