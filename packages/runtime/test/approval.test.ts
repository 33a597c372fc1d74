/**
 * Human approval (`approval: true`, from `@approval`): a call is answered with a signed token and
 * does not run; `approve(token, ctx)` runs it once, on any toolset with the same secret;
 * `deny(token, reason)` tells the model no. Forged, altered, expired and used tokens are refused.
 */
import { describe, expect, it } from "vitest";
import type { AnyOutcome, ApprovalStore, ToolFailure } from "../src/index.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";
import { HOSTILE_CONTEXTS } from "./support/hostile-calls.ts";
import { HOSTILE_TOKENS, type Minted } from "./support/hostile-tokens.ts";
import { outcomeProblem } from "./support/outcome-shape.ts";

const SECRET = "a secret of at least thirty-two characters";
const ran: Record<string, unknown>[] = [];
const refund = adhocTool(
  "refund",
  (args, ctx) => {
    ran.push({ args, by: (ctx as { user?: string }).user });
    return { refunded: args.amount };
  },
  { approval: true, scopes: ["payments"] },
);
const search = adhocTool("search", () => "found");
const tools = [refund, search];
const user = { user: "ada", scopes: ["payments"] };

function pending(outcome: AnyOutcome): NonNullable<ToolFailure["approval"]> {
  if (outcome.ok || outcome.error.code !== "needs_approval" || outcome.approval === undefined)
    throw new Error(`expected needs_approval, got ${JSON.stringify(outcome)}`);
  return outcome.approval;
}

describe("approval", () => {
  it("answers a call with a token, and the tool does not run", async () => {
    ran.length = 0;
    const toolset = adhocToolset(tools, {
      approvalSecret: SECRET,
      approvalSubject: (ctx) => (ctx as { user?: string }).user,
    });
    const before = Date.now();
    const outcome = await toolset.dispatch(
      { name: "refund", arguments: '{"amount": 30}', id: "call_1" },
      user as never,
    );
    const approval = pending(outcome);
    expect(ran).toEqual([]);
    expect(approval).toMatchObject({
      tool: "refund",
      id: "call_1",
      arguments: { amount: 30 },
      askedBy: "ada",
    });
    expect(approval.expiresAt).toBeGreaterThanOrEqual(before + 900_000);
    expect(approval.expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);
    expect(outcome.content).toMatch(/needs a person's approval and has not run/);
    // A token is text for a URL or a header: base64url, two parts.
    expect(approval.token).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it("runs once on another toolset that shares only the secret, for the call's id", async () => {
    ran.length = 0;
    const asking = adhocToolset(tools, { approvalSecret: SECRET });
    const resuming = adhocToolset(tools, { approvalSecret: SECRET });
    const { token } = pending(
      await asking.dispatch({ name: "refund", arguments: { amount: 5 }, id: "c9" }, user as never),
    );
    const outcome = await resuming.approve(token, user as never);
    expect(outcome).toMatchObject({ ok: true, name: "refund", id: "c9", value: { refunded: 5 } });
    expect(ran).toEqual([{ args: { amount: 5 }, by: "ada" }]);
    // At most once: the same instance refuses it again.
    const again = await resuming.approve(token, user as never);
    expect(again).toMatchObject({ ok: false, error: { code: "denied" } });
    expect((again as ToolFailure).error.message).toMatch(/already decided/);
    expect(ran).toHaveLength(1);
  });

  it("refuses a forged, an altered, an expired token and one signed with another secret", async () => {
    ran.length = 0;
    const toolset = adhocToolset(tools, { approvalSecret: SECRET, approvalExpiryMs: 50 });
    const { token } = pending(
      await toolset.dispatch({ name: "refund", arguments: { amount: 1 } }, user as never),
    );
    const [payload, signature] = token.split(".") as [string, string];
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const altered = `${Buffer.from(JSON.stringify({ ...body, args: { amount: 1000 } })).toString("base64url")}.${signature}`;
    const other = adhocToolset(tools, { approvalSecret: `${SECRET} but another` });
    const cases: [string, Promise<AnyOutcome>, RegExp][] = [
      ["garbage", toolset.approve("not a token", user as never), /not a token/],
      ["altered", toolset.approve(altered, user as never), /signature does not match/],
      ["other secret", other.approve(token, user as never), /signature does not match/],
      ["empty", toolset.approve("", user as never), /not a token/],
      ["not a string", toolset.approve(42 as never, user as never), /not a token/],
    ];
    for (const [what, outcome, why] of cases) {
      const result = (await outcome) as ToolFailure;
      expect(result.ok, what).toBe(false);
      expect(result.error.code, what).toBe("denied");
      expect(result.error.message, what).toMatch(why);
    }
    await new Promise((resolve) => setTimeout(resolve, 60));
    const expired = (await toolset.approve(token, user as never)) as ToolFailure;
    expect(expired).toMatchObject({ ok: false, name: "refund", error: { code: "denied" } });
    expect(expired.error.message).toMatch(/expired/);
    expect(expired.content).toMatch(/approval could not be used \(it expired\)/);
    expect(ran).toEqual([]);
  });

  it("checks the scopes of the approving caller", async () => {
    ran.length = 0;
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    const { token } = pending(await toolset.dispatch({ name: "refund", arguments: {} }, user as never));
    const outcome = (await toolset.approve(token, { scopes: [] } as never)) as ToolFailure;
    expect(outcome.error).toMatchObject({ code: "denied" });
    expect(outcome.error.message).toMatch(/may not use the tool/);
    expect(ran).toEqual([]);
    // The refusal did not use the token up.
    expect(await toolset.approve(token, user as never)).toMatchObject({ ok: true });
  });

  it("denies with the reason, and a denied token cannot be approved after", async () => {
    ran.length = 0;
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    const { token } = pending(
      await toolset.dispatch({ name: "refund", arguments: {}, id: "c2" }, user as never),
    );
    const denied = (await toolset.deny(token, "too much")) as ToolFailure;
    expect(denied).toMatchObject({ ok: false, name: "refund", id: "c2", error: { code: "denied" } });
    expect(denied.content).toMatch(/A person declined the call to tool "refund": too much/);
    expect(await toolset.approve(token, user as never)).toMatchObject({ error: { code: "denied" } });
    expect(ran).toEqual([]);
  });

  it("claims each token in the store given, and fails closed when it fails", async () => {
    const claimed: string[] = [];
    const shared = new Set<string>();
    const store: ApprovalStore = {
      async claim(id, expiresAt) {
        expect(expiresAt).toBeGreaterThan(Date.now());
        claimed.push(id);
        if (shared.has(id)) return false;
        shared.add(id);
        return true;
      },
    };
    const a = adhocToolset(tools, { approvalSecret: SECRET, approvalStore: store });
    const b = adhocToolset(tools, { approvalSecret: SECRET, approvalStore: store });
    const { token } = pending(await a.dispatch({ name: "refund", arguments: {} }, user as never));
    const [first, second] = await Promise.all([
      a.approve(token, user as never),
      b.approve(token, user as never),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect(claimed).toHaveLength(2);
    const broken = adhocToolset(tools, {
      approvalSecret: SECRET,
      approvalStore: { claim: () => Promise.reject(new Error("redis is down")) },
    });
    const next = pending(await broken.dispatch({ name: "refund", arguments: {} }, user as never));
    const refused = (await broken.approve(next.token, user as never)) as ToolFailure;
    expect(refused.error.message).toMatch(/approval store failed \(redis is down\)/);
  });

  it("refuses a tool that needs approval when the toolset has no secret", async () => {
    ran.length = 0;
    const outcome = (await adhocToolset(tools).dispatch(
      { name: "refund", arguments: {} },
      user as never,
    )) as ToolFailure;
    expect(outcome.error).toMatchObject({ code: "denied" });
    expect(outcome.error.message).toMatch(/no approvalSecret/);
    expect(outcome.approval).toBeUndefined();
    expect(ran).toEqual([]);
  });

  it("checks the arguments first: an invalid call is feedback, not an approval", async () => {
    const strict = adhocTool("pay", () => "paid", {
      approval: true,
      validate: (input) =>
        typeof (input as { amount?: unknown }).amount === "number"
          ? { success: true }
          : { success: false, errors: [{ path: "amount", expected: "number", value: undefined }] },
    });
    const outcome = await adhocToolset([strict], { approvalSecret: SECRET }).dispatch({
      name: "pay",
      arguments: "{}",
    });
    expect(outcome).toMatchObject({ ok: false, error: { code: "invalid_arguments" } });
  });

  it("rejects unusable approval options at set-up", () => {
    expect(() => adhocToolset(tools, { approvalSecret: "short" })).toThrow(/at least 32 characters, got 5/);
    expect(() => adhocToolset(tools, { approvalExpiryMs: 1000 })).toThrow(/need approvalSecret/);
    expect(() => adhocToolset(tools, { approvalSecret: SECRET, approvalStore: {} as never })).toThrow(
      /claim\(id, expiresAt\)/,
    );
    expect(() => adhocToolset(tools, { approvalSecret: SECRET, approvalExpiryMs: 0 })).toThrow(
      /approvalExpiryMs/,
    );
  });

  it("keeps the secret out of the options a toolset shows, and with() keeps it", async () => {
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    expect(JSON.stringify(toolset.options)).not.toContain(SECRET);
    const later = toolset.with({ timeoutMs: 5000 });
    const { token } = pending(await later.dispatch({ name: "refund", arguments: {} }, user as never));
    expect(await toolset.approve(token, user as never)).toMatchObject({ ok: true });
  });
});

describe("hostile tokens", () => {
  it("are each refused as denied, and the tool never runs", async () => {
    ran.length = 0;
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    const other = adhocToolset(tools, { approvalSecret: `${SECRET}, another one` });
    const call = { name: "refund", arguments: { amount: 7 } };
    for (const { label, make } of HOSTILE_TOKENS) {
      const minted: Minted = {
        token: pending(await toolset.dispatch(call, user as never)).token,
        foreign: pending(await other.dispatch(call, user as never)).token,
      };
      const token = make()(minted) as string;
      for (const outcome of [await toolset.approve(token, user as never), await toolset.deny(token, "no")]) {
        expect(outcomeProblem(outcome), label).toBeUndefined();
        expect(outcome.ok ? "ok" : outcome.error.code, label).toBe("denied");
      }
    }
    expect(ran).toEqual([]);
  });

  it("a real token with a hostile context is approved only for a context holding the scopes", async () => {
    ran.length = 0;
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    for (const { label, make } of HOSTILE_CONTEXTS) {
      const { token } = pending(await toolset.dispatch({ name: "refund", arguments: {} }, user as never));
      const outcome = await toolset.approve(token, make() as never);
      expect(outcomeProblem(outcome), label).toBeUndefined();
      expect(outcome.ok ? "ok" : outcome.error.code, label).toBe("denied");
    }
    expect(ran).toEqual([]);
  });
});

describe("approval, the cases a review found", () => {
  it("refuses at once arguments too large for a token, rather than a token that cannot be used", async () => {
    const big = adhocTool("big", () => "ran", { approval: true });
    const outcome = (await adhocToolset([big], { approvalSecret: SECRET }).dispatch({
      name: "big",
      arguments: JSON.stringify({ doc: "y".repeat(800_000) }),
    })) as ToolFailure;
    expect(outcome.error).toMatchObject({ code: "denied" });
    expect(outcome.error.message).toMatch(/too large for an approval token/);
  });

  it("refuses unusable options before the token is used up", async () => {
    ran.length = 0;
    const toolset = adhocToolset(tools, { approvalSecret: SECRET });
    const { token } = pending(await toolset.dispatch({ name: "refund", arguments: {} }, user as never));
    const bad = await toolset.approve(token, user as never, { timeoutMs: -1 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: "invalid_call" } });
    expect(await toolset.approve(token, user as never)).toMatchObject({ ok: true });
  });

  it("reports refused and declined approvals to onOutcome", async () => {
    const seen: string[] = [];
    const toolset = adhocToolset(tools, {
      approvalSecret: SECRET,
      hooks: {
        onOutcome: (outcome) => seen.push(outcome.ok ? "ok" : `${outcome.name} ${outcome.error.code}`),
      },
    });
    const { token } = pending(await toolset.dispatch({ name: "refund", arguments: {} }, user as never));
    seen.length = 0;
    await toolset.approve(`${token}x`, user as never);
    await toolset.deny(token, "no");
    await toolset.approve(token, user as never);
    expect(seen).toEqual([" denied", "refund denied", "refund denied"]);
  });
});
