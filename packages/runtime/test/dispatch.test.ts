import type { ToolCall, ToolFailure } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";
import { toolset } from "./fixtures/toolset.ts";

const ctx = { userId: "u1" };

/** A call as a model sends it: the name is any string, so a wrong one type-checks. */
function fromModel(name: string, args: string, id?: string): ToolCall {
  return id === undefined ? { name, arguments: args } : { name, arguments: args, id };
}

function failed(outcome: { ok: boolean }): ToolFailure {
  expect(outcome.ok).toBe(false);
  return outcome as ToolFailure;
}

describe("dispatch: success", () => {
  it("runs a model call end to end: parse, normalise null and default, validate, run, serialise", async () => {
    const outcome = await toolset.dispatch(
      { name: "getWeather", arguments: '{"city":"Paris","unit":null}', id: "c1" },
      ctx,
    );
    expect(outcome).toEqual({
      ok: true,
      name: "getWeather",
      id: "c1",
      value: { city: "Paris", unit: "c", temperature: 21 },
      content: '{"city":"Paris","unit":"c","temperature":21}',
    });
  });

  it("runs a typed call with an arguments object, and omits `id` when the call has none", async () => {
    const outcome = await toolset.dispatch(
      { name: "bookRoom", arguments: { hotelId: "h1", guests: [] } },
      ctx,
    );
    expect(outcome).toMatchObject({ ok: true, value: { confirmation: "BK-h1-0", nights: 1 } });
    expect(Object.hasOwn(outcome, "id")).toBe(false);
  });

  it("passes the context, the call and a live signal to the tool", async () => {
    const outcome = await toolset.dispatch({ name: "whoAmI", arguments: "", id: "c9" }, ctx);
    expect(outcome).toMatchObject({ ok: true, content: "user u1, call whoAmI#c9, signal live" });
  });

  it("sends a string result as is, undefined as Done., and JSON otherwise", async () => {
    const tools = adhocToolset([
      adhocTool("text", () => "plain text"),
      adhocTool("nothing", () => undefined),
      adhocTool("nil", () => null),
      adhocTool("big", () => 10n ** 20n),
    ]);
    const contents = await Promise.all(
      ["text", "nothing", "nil", "big"].map(
        async (name) => (await tools.dispatch({ name, arguments: "{}" })).content,
      ),
    );
    expect(contents).toEqual(["plain text", "Done.", "null", '"100000000000000000000"']);
  });

  it("caps content at maxContentLength, with a note", async () => {
    const tools = adhocToolset([adhocTool("huge", () => "x".repeat(5000))], { maxContentLength: 1000 });
    const outcome = await tools.dispatch({ name: "huge", arguments: "{}" });
    expect(outcome.ok && outcome.value).toHaveLength(5000);
    expect(outcome.content).toHaveLength(1000);
    expect(outcome.content).toMatch(/^x+\n\[truncated: showing the first characters of 5000\]$/);
  });

  it("describes a result JSON cannot hold instead of failing", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const outcome = await adhocToolset([adhocTool("cycle", () => cyclic)]).dispatch({
      name: "cycle",
      arguments: "{}",
    });
    expect(outcome).toMatchObject({
      ok: true,
      content: "The tool returned a value that cannot be shown as JSON (object).",
    });
  });
});

describe("dispatch: failures", () => {
  it("unknown_tool lists the tools and suggests the near miss", async () => {
    const typo = failed(await toolset.dispatch(fromModel("getWether", "{}", "c1"), ctx));
    expect(typo.error).toEqual({
      code: "unknown_tool",
      message: 'Unknown tool "getWether" (did you mean "getWeather"?)',
    });
    expect(typo.content).toBe(
      'There is no tool named "getWether".\nDid you mean "getWeather"?\n' +
        "Available tools: getWeather, bookRoom, whoAmI.\nCall one of these by its exact name.",
    );
    expect(typo.id).toBe("c1");
    const snake = failed(await toolset.dispatch(fromModel("book_room", "{}"), ctx));
    expect(snake.content).toContain('Did you mean "bookRoom"?');
    const prefixed = failed(await toolset.dispatch(fromModel("functions.WHOAMI", "{}"), ctx));
    expect(prefixed.content).toContain('Did you mean "whoAmI"?');
    const far = failed(await toolset.dispatch(fromModel("sendEmail", "{}"), ctx));
    expect(far.content).not.toContain("Did you mean");
  });

  it("invalid_json gives the position, an excerpt and asks for a JSON object", async () => {
    const outcome = failed(await toolset.dispatch({ name: "getWeather", arguments: '{"city": Paris}' }, ctx));
    expect(outcome.error.code).toBe("invalid_json");
    expect(outcome.content).toMatch(
      /^The arguments for tool "getWeather" are not valid JSON: Unexpected token.* at position 9/,
    );
    expect(outcome.content).toContain('at position 9, near "{\\"city\\": Paris}".');
    expect(outcome.content).toContain(
      'Send the arguments as one JSON object, with double-quoted keys and strings, and call "getWeather" again.',
    );
  });

  it("invalid_arguments lists each issue with readable path, expected type and received value", async () => {
    // 42 is not turned into "42": a number where an email goes is the model's confusion, said back to it.
    const args =
      '{"guests": [{"name": "Ada", "email": 42}, {"name": "Bo", "email": ["b@c.de"]}], "nights": 0}';
    const outcome = failed(await toolset.dispatch({ name: "bookRoom", arguments: args }, ctx));
    expect(outcome.error.code).toBe("invalid_arguments");
    expect(outcome.error.issues).toEqual([
      { path: "hotelId", expected: "string", received: "missing" },
      { path: "guests[0].email", expected: "string (format: email)", received: "number 42" },
      { path: "guests[1].email", expected: "string (format: email)", received: 'array ["b@c.de"]' },
      { path: "nights", expected: "integer (at least 1)", received: "number 0" },
    ]);
    expect(outcome.content).toBe(
      [
        'Invalid arguments for tool "bookRoom":',
        "- hotelId: required string is missing",
        "- guests[0].email: expected string (format: email), received number 42",
        '- guests[1].email: expected string (format: email), received array ["b@c.de"]',
        "- nights: expected integer (at least 1), received number 0",
        'Correct these arguments and call "bookRoom" again.',
      ].join("\n"),
    );
  });

  it("invalid_arguments reports unknown properties and a non-object root", async () => {
    const extra = failed(
      await toolset.dispatch({ name: "getWeather", arguments: { city: "x", country: "FR" } } as never, ctx),
    );
    expect(extra.content).toContain('- country: unknown property, remove it (received string "FR")');
    const root = failed(await toolset.dispatch({ name: "getWeather", arguments: "[1, 2]" }, ctx));
    expect(root.content).toContain("- $: expected object, received array [1,2]");
  });

  it("coerces before validating, so near-miss values pass", async () => {
    const args =
      '{"hotelId": "7", "guests": "[{\\"name\\": \\"Ada\\", \\"email\\": \\"a@b.co\\", \\"vip\\": \\"true\\"}]", "nights": "2"}';
    const outcome = await toolset.dispatch({ name: "bookRoom", arguments: args }, ctx);
    expect(outcome).toMatchObject({
      ok: true,
      value: { confirmation: "BK-7-1", guests: [{ name: "Ada", email: "a@b.co", vip: true }], nights: 2 },
    });
  });

  it("timeout aborts the tool's signal and answers without waiting for it", async () => {
    let aborted: unknown;
    let finished = false;
    let release = (): void => {};
    // The tool sees the abort but finishes only when the test releases it, after the outcome.
    const slow = adhocTool("slow", (_args, ctx) => {
      return new Promise((resolve) => {
        ctx.signal.addEventListener("abort", () => {
          aborted = ctx.signal.reason;
          release = () => {
            finished = true;
            resolve("too late");
          };
        });
      });
    });
    const outcome = failed(
      await adhocToolset([slow], { timeoutMs: 30 }).dispatch({ name: "slow", arguments: "{}" }),
    );
    expect(finished).toBe(false);
    release();
    expect(outcome.error).toEqual({ code: "timeout", message: "Timed out after 30 ms" });
    expect(outcome.content).toBe(
      'The tool "slow" did not finish within 30 ms and was cancelled. It may have had partial effects.',
    );
    expect(aborted).toMatchObject({ name: "TimeoutError" });
  });

  it("the per-call timeout wins over the tool's, which wins over the toolset's", async () => {
    const hang = () => new Promise(() => {});
    const tools = adhocToolset([adhocTool("hang", hang, { timeoutMs: 20 })], { timeoutMs: 10_000 });
    expect(failed(await tools.dispatch({ name: "hang", arguments: "{}" })).error.message).toBe(
      "Timed out after 20 ms",
    );
    const perCall = failed(
      await tools.dispatch({ name: "hang", arguments: "{}" }, undefined, { timeoutMs: 5 }),
    );
    expect(perCall.error.message).toBe("Timed out after 5 ms");
  });

  it("arms no time limit for a tool the compiler proved settled at once, and still honours an abort", async () => {
    // The claim is the compiler's: a definition that makes it is believed, so a late result still counts.
    const late = () => new Promise((resolve) => setTimeout(() => resolve("late"), 30));
    const claimed = adhocToolset([adhocTool("late", late, { settlesAtOnce: true })], { timeoutMs: 5 });
    expect(await claimed.dispatch({ name: "late", arguments: "{}" })).toMatchObject({
      ok: true,
      value: "late",
    });
    const unclaimed = adhocToolset([adhocTool("late", late)], { timeoutMs: 5 });
    expect(failed(await unclaimed.dispatch({ name: "late", arguments: "{}" })).error.code).toBe("timeout");
    const aborted = AbortSignal.abort();
    const cancelled = await claimed.dispatch({ name: "late", arguments: "{}" }, undefined, {
      signal: aborted,
    });
    expect(failed(cancelled).error.message).toBe("Cancelled by the caller");
    const throws = adhocToolset([
      adhocTool(
        "throws",
        () => {
          throw new Error("no");
        },
        { settlesAtOnce: true },
      ),
    ]);
    expect(failed(await throws.dispatch({ name: "throws", arguments: "{}" })).error.message).toBe("no");
  });

  it("a caller's abort cancels the call", async () => {
    const controller = new AbortController();
    let seen = false;
    const wait = adhocTool(
      "wait",
      (_args, ctx) => new Promise(() => ctx.signal.addEventListener("abort", () => (seen = true))),
    );
    const pending = adhocToolset([wait]).dispatch(
      { name: "wait", arguments: "{}" },
      {},
      { signal: controller.signal },
    );
    controller.abort();
    const outcome = failed(await pending);
    expect(outcome.error).toEqual({ code: "execution_error", message: "Cancelled by the caller" });
    expect(seen).toBe(true);
  });

  it("a caller's abort during the tool's synchronous part cancels the call", async () => {
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    // The tool's own code aborts the caller's signal before it returns its promise.
    const abortsFirst = adhocTool("abortsFirst", (_args, ctx) => {
      signal = ctx.signal;
      controller.abort(new Error("user left"));
      return new Promise(() => {});
    });
    const outcome = failed(
      await adhocToolset([abortsFirst]).dispatch(
        { name: "abortsFirst", arguments: "{}" },
        {},
        { signal: controller.signal },
      ),
    );
    expect(outcome.error).toEqual({ code: "execution_error", message: "Cancelled by the caller" });
    expect(signal?.reason).toMatchObject({ message: "user left" });
  });

  it("execution_error carries the message of an Error, never its stack", async () => {
    const tools = adhocToolset([
      adhocTool("throws", () => {
        throw new Error("Room 12 is not available");
      }),
      adhocTool("rejects", async () => Promise.reject(new TypeError("bad date"))),
    ]);
    const thrown = failed(await tools.dispatch({ name: "throws", arguments: "{}" }));
    expect(thrown.error).toEqual({ code: "execution_error", message: "Room 12 is not available" });
    expect(thrown.content).toBe(
      'The tool "throws" failed with an error: Room 12 is not available\nThe call did not complete.',
    );
    expect(thrown.content).not.toMatch(/\bat .*:\d+/);
    expect(failed(await tools.dispatch({ name: "rejects", arguments: "{}" })).error.message).toBe("bad date");
  });

  it("execution_error describes non-Error throws", async () => {
    const throwing = (value: unknown) => () => {
      throw value;
    };
    const tools = adhocToolset([
      adhocTool("string", throwing("quota exceeded")),
      adhocTool("object", throwing({ message: "from an object" })),
      adhocTool("number", throwing(404)),
      adhocTool("undefined", throwing(undefined)),
    ]);
    const messages = await Promise.all(
      ["string", "object", "number", "undefined"].map(
        async (name) => failed(await tools.dispatch({ name, arguments: "{}" })).error.message,
      ),
    );
    expect(messages).toEqual(["quota exceeded", "from an object", "404", "undefined"]);
  });

  it("answers malformed calls from JavaScript callers instead of throwing", async () => {
    const garbage = [
      null,
      { name: 42, arguments: "{}", id: 7 },
      { arguments: "{}" },
    ] as unknown as ToolCall[];
    const outcomes = await toolset.dispatchAll(garbage, ctx);
    expect(outcomes.map((outcome) => [outcome.name, outcome.id, outcome.ok || outcome.error.code])).toEqual([
      ["", undefined, "invalid_call"],
      ["", "7", "invalid_call"],
      ["", undefined, "invalid_call"],
    ]);
    expect(outcomes.map((outcome) => outcome.content)).toEqual([
      "The tool call could not be read: a call must be an object, got null. Nothing was run.",
      "The tool call could not be read: its name must be a string, got number. Nothing was run.",
      "The tool call could not be read: its name must be a string, got undefined. Nothing was run.",
    ]);
  });

  it("a validator that throws still yields an outcome", async () => {
    const broken = adhocTool("broken", () => 1, {
      validate: () => {
        throw new Error("validator bug");
      },
    });
    const outcome = failed(await adhocToolset([broken]).dispatch({ name: "broken", arguments: "{}" }));
    expect(outcome.error).toEqual({ code: "execution_error", message: "Internal error: validator bug" });
  });
});

describe("dispatch: hooks", () => {
  it("observes every call and outcome, including whether the text was repaired", async () => {
    const seen: string[] = [];
    const tools = adhocToolset([adhocTool("echo", (args) => args)], {
      hooks: {
        onCall: (event) => seen.push(`call ${event.name} ${String(event.arguments)}`),
        onOutcome: (outcome, event) =>
          seen.push(`outcome ${outcome.ok} repaired=${event.repaired} ${event.durationMs >= 0}`),
      },
    });
    await tools.dispatch({ name: "echo", arguments: "{'a': 1}" });
    expect(seen).toEqual(["call echo {'a': 1}", "outcome true repaired=true true"]);
  });

  it("swallows errors thrown or rejected by hooks", async () => {
    const tools = adhocToolset([adhocTool("echo", () => "ok")], {
      hooks: {
        onCall: () => {
          throw new Error("logger down");
        },
        onOutcome: (() => Promise.reject(new Error("async logger down"))) as () => void,
      },
    });
    await expect(tools.dispatch({ name: "echo", arguments: "{}" })).resolves.toMatchObject({
      ok: true,
      content: "ok",
    });
  });
});
