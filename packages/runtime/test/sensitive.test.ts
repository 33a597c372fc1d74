/**
 * Data protection (`sensitive`, `sensitiveResult`, from `@sensitive`): the tool gets the real
 * values; every text the runtime writes for the call (content, messages, issues, hook payloads,
 * the arguments shown for approval, the token) has them masked, wherever they appear.
 */
import { describe, expect, it } from "vitest";
import type { AnyOutcome, ToolFailure } from "../src/index.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";

const CARD = "4111111111111111";
// Distinct enough not to turn up by chance in a timestamp.
const CVC = "C737X";
const TOKEN = 'tok_live_51Hs"quoted\\secret';
const seen: unknown[] = [];
const received: unknown[] = [];

const pay = adhocTool(
  "pay",
  (args) => {
    received.push(args);
    const card = args.card as { number?: string } | undefined;
    if (args.fail === true) throw new Error(`card ${card?.number} declined`);
    return { paid: true, receipt: `charged card ${card?.number}`, token: TOKEN };
  },
  {
    sensitive: [
      ["card", "number"],
      ["card", "cvc"],
      ["history", "*", "number"],
    ],
    sensitiveResult: [["token"]],
    validate: (input) => {
      const card = (input as { card?: { number?: unknown } }).card;
      return typeof card?.number === "string"
        ? { success: true }
        : { success: false, errors: [{ path: "card.number", expected: "string", value: card?.number }] };
    },
  },
);
const hooks = {
  onCall: (event: unknown) => seen.push(event),
  onOutcome: (outcome: unknown, event: unknown) => seen.push(outcome, event),
};

/** Every text an outcome carries for the model or a log, and every hook payload so far. */
function written(outcome: AnyOutcome): string {
  const { value: _value, ...rest } = outcome as AnyOutcome & { value?: unknown };
  return JSON.stringify([rest, seen]);
}

function expectMasked(text: string, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
  }
}

describe("sensitive values", () => {
  it("reach the tool, and nowhere else", async () => {
    seen.length = 0;
    received.length = 0;
    const toolset = adhocToolset([pay], { hooks });
    const args = JSON.stringify({ card: { number: CARD, cvc: CVC }, note: `card ${CARD}` });
    const outcome = await toolset.dispatch({ name: "pay", arguments: args });
    expect(received).toEqual([{ card: { number: CARD, cvc: CVC }, note: `card ${CARD}` }]);
    expect(outcome.ok).toBe(true);
    // The app's own value keeps the result; the model's content and every hook payload do not.
    expect((outcome as { value: { token: string } }).value.token).toBe(TOKEN);
    expect(outcome.content).toBe('{"paid":true,"receipt":"charged card [redacted]","token":"[redacted]"}');
    expectMasked(written(outcome), CARD, CVC, TOKEN);
    expect(seen).toHaveLength(3);
  });

  it("are masked in a thrown message, an issue, and unreadable argument text", async () => {
    seen.length = 0;
    const toolset = adhocToolset([pay], { hooks });
    const thrown = await toolset.dispatch({ name: "pay", arguments: { card: { number: CARD }, fail: true } });
    expect(thrown).toMatchObject({
      ok: false,
      error: { code: "execution_error", message: "card [redacted] declined" },
    });
    // A number where a string goes, written in a form its value does not give (1e60): masked all the same.
    const long = "9".repeat(60);
    const invalid = (await toolset.dispatch({
      name: "pay",
      arguments: `{"card":{"number":${long}}}`,
    })) as ToolFailure;
    expect(invalid.error.issues).toEqual([
      { path: "card.number", expected: "string", received: "number [redacted]" },
    ]);
    // Text that is not JSON may hold secrets no path can find: none of it is shown.
    const broken = (await toolset.dispatch({
      name: "pay",
      arguments: `{"card": {"number": "${CARD}" `,
    })) as ToolFailure;
    expect(broken.error.code).toBe("invalid_json");
    expect(broken.content).not.toContain("near");
    expectMasked(written(thrown) + written(invalid) + written(broken), CARD, long);
    expect(
      seen.filter((event) => (event as { arguments?: unknown }).arguments === "[redacted]"),
    ).toHaveLength(2);
  });

  it("are masked before the content is cut, so no part of one is left", async () => {
    const echo = adhocTool("echo", (args) => `${"x".repeat(90)}${args.secret}`, {
      sensitive: [["secret"]],
      maxContentLength: 100,
    });
    const outcome = await adhocToolset([echo]).dispatch({
      name: "echo",
      arguments: { secret: "abcdefghijklmnop" },
    });
    expect(outcome.content).not.toMatch(/abcd/);
    expect(outcome.content.length).toBeLessThanOrEqual(100);
  });

  it("every item of an array, every value of a record, and an approval's arguments and token", async () => {
    seen.length = 0;
    const store = adhocTool("store", () => "ok", {
      approval: true,
      sensitive: [
        ["history", "*", "number"],
        ["pins", "*"],
      ],
    });
    const toolset = adhocToolset([store], {
      hooks,
      approvalSecret: "a secret of at least thirty-two characters",
    });
    const args = {
      history: [{ number: "5555444433331111" }, { number: "4000000000000002" }],
      pins: { home: "PIN8491" },
    };
    const outcome = (await toolset.dispatch({ name: "store", arguments: args })) as ToolFailure;
    expect(outcome.approval?.arguments).toEqual({
      history: [{ number: "[redacted]" }, { number: "[redacted]" }],
      pins: { home: "[redacted]" },
    });
    // Sealed: the token's payload shows none of them, even decoded.
    const payload = Buffer.from(
      (outcome.approval?.token ?? "").split(".")[0] as string,
      "base64url",
    ).toString();
    expectMasked(payload + written(outcome), "5555444433331111", "4000000000000002", "PIN8491");
    const approved = await toolset.approve(outcome.approval?.token as string);
    expect(approved).toMatchObject({ ok: true, value: "ok" });
    expectMasked(written(approved), "5555444433331111", "PIN8491");
  });
});

describe("per-tool limits and the toolset's concurrency", () => {
  it("take a tool's argument limit over the toolset's", async () => {
    const small = adhocTool("small", () => "ok", { maxArgumentsLength: 10 });
    const outcome = await adhocToolset([small]).dispatch({ name: "small", arguments: '{"a":"0123456789"}' });
    expect(outcome).toMatchObject({ ok: false, error: { code: "limit_exceeded" } });
    expect(outcome.content).toMatch(/18 characters long; the limit is 10/);
  });

  it("run at most maxConcurrentCalls at once, across batches and callers", async () => {
    let running = 0;
    let most = 0;
    const slow = adhocTool("slow", async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return "ok";
    });
    const toolset = adhocToolset([slow], { maxConcurrentCalls: 2 });
    const calls = Array.from({ length: 5 }, () => ({ name: "slow", arguments: "{}" }));
    const outcomes = (await Promise.all([toolset.dispatchAll(calls), toolset.dispatchAll(calls)])).flat();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(most).toBe(2);
    // A caller that gives up while waiting for a slot is answered at once; its tool never runs.
    const controller = new AbortController();
    const busy = toolset.dispatchAll(calls.slice(0, 2));
    const waiting = toolset.dispatch({ name: "slow", arguments: "{}" }, undefined, {
      signal: controller.signal,
    });
    controller.abort();
    expect(await waiting).toMatchObject({ ok: false, error: { message: "Cancelled by the caller" } });
    await busy;
  });
});

describe("masking, the cases a review found", () => {
  const CARD_NUMBER = "4111111111111111";

  it("masks a thrown object's text before it is cut, so no part of a secret is left", async () => {
    const seen: string[] = [];
    const pay = adhocTool(
      "pay",
      (args) => {
        throw { status: 402, detail: `${"x".repeat(160)} card ${(args.card as { number: string }).number}` };
      },
      { sensitive: [["card", "number"]] },
    );
    const toolset = adhocToolset([pay], { hooks: { onOutcome: (o) => seen.push(JSON.stringify(o)) } });
    const outcome = await toolset.dispatch({ name: "pay", arguments: { card: { number: CARD_NUMBER } } });
    expect(JSON.stringify(outcome) + seen.join("")).not.toMatch(/41111111/);
  });

  it("masks an issue's preview before it is cut", async () => {
    const note = adhocTool("note", () => "ok", {
      sensitive: [["pin"]],
      validate: (input) => ({
        success: false,
        errors: [{ path: "text", expected: "number", value: (input as { text: unknown }).text }],
      }),
    });
    const outcome = (await adhocToolset([note]).dispatch({
      name: "note",
      arguments: { pin: "PIN-93817264", text: `${"y".repeat(30)} PIN-93817264` },
    })) as ToolFailure;
    expect(JSON.stringify(outcome)).not.toMatch(/PIN-938/);
  });

  it("takes a key the schema does not know beside a sensitive one for a misspelt sensitive key", async () => {
    const seen: unknown[] = [];
    const schema = {
      type: "object",
      properties: {
        card: {
          type: "object",
          properties: { number: { type: "string" }, holder: { type: "string" } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    };
    const pay = adhocTool("pay", () => 1, {
      schemas: { "json-schema": schema },
      sensitive: [["card", "number"]],
      validate: (input) => {
        const card = (input as { card: Record<string, unknown> }).card;
        return {
          success: false,
          errors: Object.keys(card)
            .filter((key) => key !== "number" && key !== "holder")
            .map((key) => ({ path: `card.${key}`, expected: "undefined", value: card[key] })),
        };
      },
    });
    const toolset = adhocToolset([pay], {
      hooks: { onCall: (e) => seen.push(e), onOutcome: (o) => seen.push(o) },
    });
    const args = JSON.stringify({ card: { card_number: CARD_NUMBER, holder: "Ada" } });
    const outcome = await toolset.dispatch({ name: "pay", arguments: args });
    expect(JSON.stringify([outcome, seen])).not.toContain(CARD_NUMBER);
    // The keys the schema knows are not taken for secrets.
    expect(JSON.stringify(seen)).toContain("Ada");
  });

  it("masks a secret JSON-escaped twice, and overlapping copies of one", async () => {
    const TOKEN = 'tok_"live"_zz';
    const login = adhocTool("login", () => ({ log: JSON.stringify({ token: TOKEN }) }), {
      sensitive: [["token"]],
    });
    const logged = await adhocToolset([login]).dispatch({ name: "login", arguments: { token: TOKEN } });
    expect(logged.content).not.toContain("live");
    const echo = adhocTool("echo", () => "121212", { sensitive: [["pin"]] });
    const echoed = await adhocToolset([echo]).dispatch({ name: "echo", arguments: { pin: "1212" } });
    expect(echoed.content).toBe("[redacted]");
  });
});

describe("maxConcurrentCalls, the cases a review found", () => {
  it("is shared by a with() copy, and many waiting calls add one abort listener", async () => {
    let running = 0;
    let most = 0;
    const slow = adhocTool("slow", async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    });
    const toolset = adhocToolset([slow], { maxConcurrentCalls: 1 });
    const copy = toolset.with({ hooks: {} });
    const warnings: unknown[] = [];
    const onWarning = (warning: unknown) => warnings.push(warning);
    process.on("warning", onWarning);
    const { signal } = new AbortController();
    await Promise.all([
      toolset.dispatch({ name: "slow", arguments: {} }),
      copy.dispatch({ name: "slow", arguments: {} }),
      ...Array.from({ length: 15 }, () =>
        copy.dispatch({ name: "slow", arguments: {} }, undefined, { signal }),
      ),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(most).toBe(1);
    expect(warnings).toEqual([]);
  });
});
