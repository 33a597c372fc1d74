/**
 * The generated dispatchers of the `edge-types` and `jsdoc` codegen cases, called as a model would:
 * each type form that issue 6 listed as refused or silently wrong reaches its tool with the value
 * the model sent, and a wrong value is refused at its path.
 */
import { describe, expect, it } from "vitest";
import { toolset } from "../packages/typecall/test/cases/edge-types/__output__/input.typecall.ts";
import { toolset as documented } from "../packages/typecall/test/cases/jsdoc/__output__/input.typecall.ts";

const ctx = { userId: "u1" };
const call = (name: string, args: unknown) =>
  toolset.dispatch({ name, arguments: JSON.stringify(args) }, ctx);

describe("type forms that JSON carries exactly", () => {
  it("a bigint literal parameter is its digits on the wire and a bigint in the tool; no parameter is lost", async () => {
    expect(await call("probe", { big: "10", name: "x" })).toMatchObject({ ok: true, value: "bigint:10:x" });
    expect(await call("probe", { big: "11", name: "x" })).toMatchObject({
      ok: false,
      error: { code: "invalid_arguments" },
    });
    const schema = toolset.get("probe")?.schemas["json-schema"];
    expect(schema?.required).toEqual(["big", "name"]);
  });

  it("Dates inside arrays of objects reach the tool as Dates", async () => {
    const slots = [
      { at: "2026-12-04T10:00:00Z", until: "2026-12-04T11:00:00Z" },
      { at: "2026-12-05T10:00:00Z" },
    ];
    const windows = [{ from: "2026-12-01T00:00:00Z", label: "week" }];
    expect(await call("schedule", { slots, windows })).toMatchObject({
      ok: true,
      value: "2026-12-04T10:00:00.000Z|2026-12-04T11:00:00.000Z|2026-12-01T00:00:00.000Z",
    });
    expect(await call("schedule", { slots: [{ at: "2026-12-04T10:00:00Z" }] })).toMatchObject({
      ok: true,
      value: "2026-12-04T10:00:00.000Z|open|none",
    });
  });

  it("tuples with a rest element and an optional element", async () => {
    expect(await call("tuples", { path: ["a", 1, 2, 3], point: [1] })).toMatchObject({ ok: true, value: 5 });
    expect(await call("tuples", { path: ["a"], point: [1, 2] })).toMatchObject({ ok: true, value: 3 });
    const wrong = await call("tuples", { path: ["a", "b"], point: [1, 2, 3] });
    expect(wrong.ok ? [] : wrong.error.issues?.map((i) => i.path)).toEqual(["path[1]", "point"]);
  });

  it("the literal-union idiom and branded strings accept any string", async () => {
    expect(await call("idiom", { size: "huge", shade: "light", owner: "u9" })).toMatchObject({
      ok: true,
      value: "huge/light/u9",
    });
    const schema = toolset.get("idiom")?.schemas["json-schema"] as { properties: Record<string, unknown> };
    expect(schema.properties.size).toEqual({
      anyOf: [{ type: "string", enum: ["small", "large"] }, { type: "string" }],
    });
  });

  it("an interface extending Array<string> is an array of strings", async () => {
    expect(await call("tagged", { tags: ["a", "b"] })).toMatchObject({ ok: true, value: 2 });
    expect(await call("tagged", { tags: ["a", [1]] })).toMatchObject({ ok: false });
  });

  it("computed property names from an enum member and a constant", async () => {
    expect(await call("computed", { pro: true, title: "T" })).toMatchObject({ ok: true, value: "T" });
  });

  it("undefined and never properties are left out; T | undefined is optional", async () => {
    expect(await call("absent", { kind: "x" })).toMatchObject({ ok: true, value: "x:-" });
    expect(await call("absent", { kind: "x", maybe: "m" })).toMatchObject({ ok: true, value: "x:m" });
    const sent = await call("absent", { kind: "x", gone: 1 });
    expect(sent.ok ? [] : sent.error.issues?.map((i) => i.path)).toEqual(["gone"]);
  });

  it("Record<string, never> must be empty, {} has no properties, object takes any object", async () => {
    expect(await call("objects", { none: {}, empty: {}, anything: { a: 1, b: [2] } })).toMatchObject({
      ok: true,
      value: 2,
    });
    const wrong = await call("objects", { none: { a: 1 }, empty: {}, anything: 3 });
    expect(wrong.ok ? [] : wrong.error.issues?.map((i) => i.path)).toEqual(["none.a", "anything"]);
  });

  it("keyof typeof an enum, and template literals built from imported types", async () => {
    expect(await call("keys", { color: "Green", code: "eu-12", tier: "pro:-7" })).toMatchObject({ ok: true });
    const wrong = await call("keys", { color: "Blue", code: "asia-1", tier: "pro:1.5" });
    expect(wrong.ok ? [] : wrong.error.issues?.map((i) => i.path)).toEqual(["color", "code", "tier"]);
  });

  it("optional parameters named like Object.prototype's members are absent when not sent", async () => {
    expect(await call("prototypeNames", {})).toMatchObject({
      ok: true,
      value: "undefined,undefined,undefined,undefined",
    });
    expect(await call("prototypeNames", { constructor: "c", valueOf: "v" })).toMatchObject({
      ok: true,
      value: "c,undefined,undefined,v",
    });
  });

  it("a parameter named __proto__ is an own key of the schema and reaches the tool", async () => {
    const schema = toolset.get("proto")?.schemas["json-schema"] as { properties: object; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(["__proto__"]);
    expect(schema.required).toEqual(["__proto__"]);
    expect(await call("proto", JSON.parse('{"__proto__":"p"}'))).toMatchObject({ ok: true, value: "p" });
    expect(await call("proto", {})).toMatchObject({ ok: false, error: { code: "invalid_arguments" } });
  });

  it("a parameter that can only be absent keeps the others in place", async () => {
    expect(await call("skipped", { first: "a", last: "z" })).toMatchObject({ ok: true, value: "az" });
  });

  it("an optional ToolContext parameter gets the caller's context", async () => {
    expect(await call("whoAmI", {})).toMatchObject({ ok: true, value: "u1" });
  });
});

describe("JSDoc, read whole", () => {
  type Properties = Record<string, { description?: string }>;
  const properties = (name: string): Properties => {
    const schema = documented.get(name)?.schemas["json-schema"];
    return (schema?.properties ?? {}) as Properties;
  };

  it("keeps inline comments and an @ that starts no tag, and applies constraint tags written after @param", async () => {
    const find = properties("find");
    expect(find.special?.description).toBe("Whether to include special characters (e.g., !, @, #)");
    expect(find.page).toEqual({ type: "number", minimum: 1, description: "Page number." });
    expect(find.size).toEqual({ type: "number", maximum: 100, description: "Page size" });
    expect(find.count).toEqual({ type: "integer", description: "How many" });
    expect(find.offset).toEqual({ type: "number", minimum: 0, description: "Where to start." });
    const outcome = await documented.dispatch({
      name: "find",
      arguments: {
        filter: { name: "a", nested: { deep: "d" } },
        special: true,
        page: 0,
        size: 101,
        count: 1.5,
        offset: -1,
      },
    });
    expect(outcome.ok ? [] : outcome.error.issues?.map((i) => i.path)).toEqual([
      "page",
      "size",
      "count",
      "offset",
    ]);
  });

  it("keeps the flattened parameter's text in the description, and both texts of a property once each", () => {
    expect(documented.get("report")?.description).toBe(
      "Writes a report.\n\nThe report to write, and how long to wait for it.",
    );
    expect(properties("report").title?.description).toBe(
      "Shown at the top of the page. The report's title, from the interface.",
    );
    const openai = documented.schemas("openai").find((t) => t.name === "report");
    const sent = (openai?.parameters.properties ?? {}) as Record<string, { description: string }>;
    const timeout = sent.timeout;
    expect(timeout?.description).toBe("Timeout in seconds. Defaults to 30.");
  });

  it("reads @type int32 as the README documents", () => {
    expect(properties("count").n).toEqual({ type: "integer", description: "A whole number" });
  });
});
