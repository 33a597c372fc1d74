/**
 * The generated dispatcher of the `basic` codegen case, driven through every outcome code of the
 * runtime: the compiler's output and the runtime working together, as in an app.
 */
import { describe, expect, it } from "vitest";
import { toolset } from "../packages/typecall/test/cases/basic/__output__/input.typecall.ts";

const ctx = { userId: "u1", roles: ["admin"] };

describe("generated toolset: outcomes", () => {
  it("ok: applies a parameter default and returns the result as JSON content", async () => {
    const outcome = await toolset.dispatch(
      { name: "convert", arguments: '{"amount":10,"from":"EUR","to":"EUR"}' },
      ctx,
    );
    expect(outcome).toMatchObject({ ok: true, name: "convert", value: 10, content: "10" });
  });

  it("ok: null for optional parameters means absent, so the defaults apply", async () => {
    const args = JSON.stringify({
      lines: [{ sku: "a", quantity: 1, gift: null }],
      to: { street: "1 rue", zip: null, country: "FR" },
      speed: null,
      note: null,
    });
    const outcome = await toolset.dispatch({ name: "shipOrder", arguments: args, id: "call_1" }, ctx);
    expect(outcome).toMatchObject({
      ok: true,
      id: "call_1",
      value: { parcels: 1, speed: "standard", to: "FR", note: null },
    });
  });

  it("ok: a re-exported function and a string result sent as is", async () => {
    const outcome = await toolset.dispatch({ name: "echo", arguments: { message: "hi" } }, ctx);
    expect(outcome).toMatchObject({ ok: true, content: "hi" });
  });

  it("ok: the ToolContext parameter receives the caller's context, not the model's", async () => {
    const outcome = await toolset.dispatch(
      { name: "whoAmI", arguments: '{"greeting":"Hello","userId":"evil"}' },
      ctx,
    );
    expect(outcome.ok).toBe(false);
    const good = await toolset.dispatch({ name: "whoAmI", arguments: '{"greeting":"Hello"}' }, ctx);
    expect(good).toMatchObject({ ok: true, value: "Hello, u1 (admin)" });
  });

  it("ok: coerces a numeric string where the schema wants a number", async () => {
    const outcome = await toolset.dispatch(
      { name: "convert", arguments: '{"amount":"12","from":"USD","to":"EUR","round":true}' },
      ctx,
    );
    expect(outcome).toMatchObject({ ok: true, value: 11 });
  });

  it("invalid_arguments: names each wrong path with what was expected", async () => {
    const args = JSON.stringify({
      lines: [{ sku: "a", quantity: "many" }],
      to: { street: ["1 rue"], country: "XX" },
    });
    const outcome = await toolset.dispatch({ name: "shipOrder", arguments: args }, ctx);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe("invalid_arguments");
    expect(outcome.error.issues?.map((i) => [i.path, i.expected])).toEqual([
      ["lines[0].quantity", "number"],
      ["to.street", "string"],
      ["to.country", '"FR" | "DE" | "US"'],
    ]);
    expect(outcome.content).toContain('lines[0].quantity: expected number, received string "many"');
    expect(outcome.content).toContain('call "shipOrder" again');
  });

  it("invalid_arguments: a missing required property and an unknown one", async () => {
    const outcome = await toolset.dispatch({ name: "echo", arguments: '{"text":"hi"}' }, ctx);
    if (outcome.ok) throw new Error("expected a failure");
    expect(outcome.error.issues?.map((i) => i.path).sort()).toEqual(["message", "text"]);
  });

  it("invalid_json: arguments that cannot be repaired", async () => {
    const outcome = await toolset.dispatch({ name: "echo", arguments: '{"message": "hi", ]]]' }, ctx);
    expect(outcome).toMatchObject({ ok: false, error: { code: "invalid_json" } });
  });

  it("unknown_tool: suggests the nearest name and lists the tools", async () => {
    const outcome = await toolset.dispatch({ name: "ship_order", arguments: "{}" }, ctx);
    expect(outcome).toMatchObject({ ok: false, error: { code: "unknown_tool" } });
    expect(outcome.content).toContain("shipOrder");
    expect(outcome.content).toContain("convert");
  });

  it("execution_error: the thrown message, no stack", async () => {
    const outcome = await toolset.dispatch({ name: "fail", arguments: '{"reason":"disk full"}' }, ctx);
    expect(outcome).toMatchObject({ ok: false, error: { code: "execution_error", message: "disk full" } });
    expect(outcome.content).not.toContain("    at ");
  });

  it("timeout: aborts the tool's signal and answers with the limit", async () => {
    const outcome = await toolset.dispatch({ name: "sleep", arguments: '{"ms":5000}' }, ctx, {
      timeoutMs: 50,
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: "timeout" } });
    expect(outcome.content).toContain("50");
  });

  it("typed calls: results carry the tool's declared result type", async () => {
    const outcome = await toolset.dispatch(
      { name: "convert", arguments: { amount: 1, from: "EUR", to: "USD" } },
      ctx,
    );
    if (!outcome.ok) throw new Error(outcome.content);
    const value: number = outcome.value;
    expect(value).toBeCloseTo(1.1);
  });
});
