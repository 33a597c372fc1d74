/**
 * Access control: `@scope` tags (a definition's `scopes`) and the `allow` rule decide which tools a
 * caller sees and calls. A hidden tool is never revealed: not listed, not suggested, not named in
 * any outcome, and a call to it answers exactly as a call to a tool that does not exist.
 */
import { describe, expect, it } from "vitest";
import { combineToolsets, createToolset } from "../src/index.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";

const ran: string[] = [];
const tool = (name: string, scopes?: string[], names?: Record<string, string>) =>
  adhocTool(
    name,
    () => {
      ran.push(name);
      return "done";
    },
    { ...(scopes && { scopes }), ...(names && { names }) },
  );

const tools = [
  tool("searchHotels"),
  tool("bookRoom", ["user"]),
  tool("refund.payment", ["user", "admin"], { openai: "refund_payment" }),
];
const toolset = adhocToolset(tools);
const anonymous = {};
const user = { scopes: ["user"] };
const admin = { scopes: ["user", "admin"] };

describe("access control by scopes", () => {
  it("lists for each caller exactly the tools whose scopes it holds", () => {
    const listed = (ctx: object | undefined) => toolset.schemas("json-schema", { ctx }).map((t) => t.name);
    expect(listed(undefined)).toEqual(["searchHotels"]);
    expect(listed(anonymous)).toEqual(["searchHotels"]);
    expect(listed(user)).toEqual(["searchHotels", "bookRoom"]);
    expect(listed(admin)).toEqual(["searchHotels", "bookRoom", "refund.payment"]);
    expect(listed({ scopes: ["admin"] })).toEqual(["searchHotels"]);
  });

  it("answers a call to a hidden tool as one to a tool that does not exist, and does not run it", async () => {
    ran.length = 0;
    for (const name of ["refund.payment", "refund_payment"]) {
      const hidden = await toolset.dispatch({ name, arguments: "{not json" }, user);
      const missing = await toolset.dispatch({ name: "noSuchTool", arguments: "{not json" }, user);
      expect(hidden.ok).toBe(false);
      if (hidden.ok || missing.ok) return;
      expect(hidden.error.code).toBe("unknown_tool");
      expect(hidden.content).toBe(missing.content.replaceAll("noSuchTool", name));
    }
    expect(ran).toEqual([]);
    const allowed = await toolset.dispatch({ name: "refund_payment", arguments: "{}" }, admin);
    expect(allowed).toMatchObject({ ok: true, value: "done" });
  });

  it("never names a hidden tool: no suggestion, no list, no message", async () => {
    const outcome = await toolset.dispatch({ name: "refund.paymnt", arguments: "{}" }, user);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const text = `${outcome.content} ${outcome.error.message}`;
    expect(text).not.toMatch(/refund.payment|did you mean/i);
    expect(text).toContain("bookRoom");
    // What an admin is told (the tool listed) is what a user must not be.
    const asAdmin = await toolset.dispatch({ name: "refund.paymnt", arguments: "{}" }, admin);
    expect(asAdmin.ok ? "" : asAdmin.content).toContain("refund.payment");
  });

  it("tells a caller who may use no tool that none is available", async () => {
    const adminOnly = adhocToolset([tool("refund.payment", ["admin"])]);
    const outcome = await adminOnly.dispatch({ name: "refund.payment", arguments: "{}" }, user);
    expect(outcome.ok ? "" : outcome.content).toBe(
      'There is no tool named "refund.payment".\nNo tools are available.',
    );
  });

  it("fails closed on a context it cannot read", async () => {
    const hostile = {
      get scopes(): string[] {
        throw new Error("no");
      },
    };
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const ctx of [hostile, revoked.proxy, { scopes: "user" }, { scopes: [["user"]] }]) {
      expect(toolset.schemas("json-schema", { ctx }).map((t) => t.name)).toEqual(["searchHotels"]);
      const outcome = await toolset.dispatch({ name: "bookRoom", arguments: "{}" }, ctx);
      expect(outcome.ok ? "ran" : outcome.error.code).toBe("unknown_tool");
    }
  });
});

describe("the allow rule", () => {
  const tenantTools = createToolset([tool("exportData"), tool("importData")], {
    allow: (definition, ctx) =>
      definition.name !== "importData" || (ctx as { tenant?: string } | undefined)?.tenant === "acme",
  });

  it("hides what it refuses, for listing and calls alike", async () => {
    expect(tenantTools.schemas("json-schema", { ctx: { tenant: "other" } }).map((t) => t.name)).toEqual([
      "exportData",
    ]);
    expect(tenantTools.schemas("json-schema", { ctx: { tenant: "acme" } }).map((t) => t.name)).toEqual([
      "exportData",
      "importData",
    ]);
    const refused = await tenantTools.dispatch({ name: "importData", arguments: "{}" }, { tenant: "other" });
    expect(refused.ok ? "ran" : refused.error.code).toBe("unknown_tool");
    const allowed = await tenantTools.dispatch({ name: "importData", arguments: "{}" }, { tenant: "acme" });
    expect(allowed.ok).toBe(true);
  });

  it("hides every tool it throws for, and must be a function", async () => {
    const throwing = createToolset([tool("exportData")], {
      allow: () => {
        throw new Error("flag service down");
      },
    });
    expect(throwing.schemas("json-schema")).toEqual([]);
    ran.length = 0;
    const outcome = await throwing.dispatch({ name: "exportData", arguments: "{}" });
    expect(outcome).toMatchObject({ ok: false, error: { code: "unknown_tool" } });
    expect(outcome.ok ? "" : outcome.content).not.toContain("flag service");
    expect(ran).toEqual([]);
    expect(() => createToolset([], { allow: true as never })).toThrow(RangeError);
  });
});

describe("rules that add up", () => {
  const onlyExport = (definition: { name: string }) => definition.name === "exportData";

  it("with({ allow }) adds a rule to the one in force, never lifting it", () => {
    const base = createToolset([tool("exportData"), tool("importData")], { allow: onlyExport });
    const loosened = base.with({ allow: () => true });
    expect(loosened.schemas("json-schema").map((t) => t.name)).toEqual(["exportData"]);
    const tightened = base.with({ allow: (definition) => definition.name !== "exportData" });
    expect(tightened.schemas("json-schema")).toEqual([]);
  });

  it("combineToolsets keeps each toolset's rule on its own tools", async () => {
    const guarded = createToolset([tool("exportData"), tool("importData")], { allow: onlyExport });
    const open = adhocToolset([tool("searchHotels")]);
    const combined = combineToolsets([guarded, open]);
    expect(combined.schemas("json-schema").map((t) => t.name)).toEqual(["exportData", "searchHotels"]);
    const hidden = await combined.dispatch({ name: "importData", arguments: "{}" });
    expect(hidden.ok ? "ran" : hidden.error.code).toBe("unknown_tool");
  });

  it("takes only true for a yes", () => {
    for (const answer of [1, "yes", {}, Promise.resolve(true)]) {
      const rule = createToolset([tool("exportData")], { allow: () => answer as never });
      expect(rule.schemas("json-schema")).toEqual([]);
    }
  });
});

describe("scopes that only look right", () => {
  it("are no scopes: replaced array methods, mixed arrays, holes, a tool's scopes not an array", async () => {
    const lying = Object.assign(["nothing"], { includes: () => true, has: () => true });
    for (const scopes of [lying, ["user", 5], ["user", undefined], new Array(2)]) {
      expect(toolset.schemas("json-schema", { ctx: { scopes } }).map((t) => t.name)).toEqual([
        "searchHotels",
      ]);
    }
    const odd = adhocToolset([adhocTool("odd", () => "ran", { scopes: "admin" as never })]);
    expect(odd.schemas("json-schema", { ctx: { scopes: ["a", "d", "m", "i", "n"] } })).toEqual([]);
    const none = adhocToolset([adhocTool("open", () => "ran", { scopes: [] })], {
      allow: () => true,
    });
    expect(none.schemas("json-schema").map((t) => t.name)).toEqual(["open"]);
  });
});
