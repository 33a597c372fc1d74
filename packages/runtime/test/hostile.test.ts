/**
 * The examples of issue 7, each as a test: hostile call objects, options and tools, inputs that
 * used to stall, and arguments whose meaning lenient parsing or coercion used to change. The
 * property tests (properties.test.ts) and `pnpm fuzz` cover the classes; these pin the examples.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { AnyOutcome, ToolCall, ToolFailure } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { toolset as recursive } from "../../typecall/test/cases/recursive/__output__/input.typecall.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";
import { toolset } from "./fixtures/toolset.ts";

const ctx = { userId: "u1" };
const code = (outcome: AnyOutcome) => (outcome.ok ? "ok" : outcome.error.code);
const failed = (outcome: AnyOutcome): ToolFailure => {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.content}`);
  return outcome;
};

/** A Proxy whose every trap throws, and one already revoked. */
function hostileProxies(): object[] {
  const trap = () => {
    throw new Error("trap");
  };
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return [new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap }), proxy];
}

describe("hostile call objects resolve to invalid_call, never a throw", () => {
  const throwing = {
    get name(): string {
      throw new Error("getter");
    },
    arguments: "{}",
  };
  const names: unknown[] = [
    Object.create(null),
    {
      toString() {
        throw new Error("toString");
      },
    },
    Symbol("name"),
    ...hostileProxies(),
  ];

  it.each([["a name without a prototype, a throwing toString, a symbol, Proxies", names]])(
    "%s",
    async (_label, values) => {
      for (const name of values as unknown[]) {
        const outcome = await toolset.dispatch({ name, arguments: "{}" } as unknown as ToolCall, ctx);
        expect(code(outcome)).toBe("invalid_call");
        expect(outcome.content).toMatch(/^The tool call could not be read: its name must be a string/);
      }
    },
  );

  it("a call whose getter throws, a Proxy and a revoked Proxy as the call itself", async () => {
    for (const call of [throwing, ...hostileProxies()]) {
      const outcome = await toolset.dispatch(call as unknown as ToolCall, ctx);
      expect(code(outcome)).toBe("invalid_call");
    }
  });

  it("dispatchAll(null) and a batch whose element getter throws", async () => {
    const none = await toolset.dispatchAll(null as unknown as ToolCall[], ctx);
    expect(none.map(code)).toEqual(["invalid_call"]);
    expect(none[0]?.content).toContain("dispatchAll takes an array of calls, got null");
    const calls = [{ name: "getWeather", arguments: '{"city":"Oslo"}' }];
    Object.defineProperty(calls, 1, {
      get() {
        throw new Error("element");
      },
    });
    expect((await toolset.dispatchAll(calls as ToolCall[], ctx)).map(code)).toEqual(["ok", "invalid_call"]);
  });
});

describe("per-call options are checked like toolset options", () => {
  it.each([
    [
      { timeoutMs: Number.NaN },
      "timeoutMs must be a positive number of milliseconds (Infinity for none), got NaN",
    ],
    [
      { timeoutMs: "50" },
      'timeoutMs must be a positive number of milliseconds (Infinity for none), got "50"',
    ],
    [{ timeoutMs: -1 }, "timeoutMs must be a positive number of milliseconds (Infinity for none), got -1"],
    [{ signal: { aborted: false } }, "signal must be an AbortSignal, got object"],
  ])("%o is refused before the tool starts", async (options, reason) => {
    let ran = false;
    const tools = adhocToolset([adhocTool("t", () => (ran = true))]);
    const outcome = failed(await tools.dispatch({ name: "t", arguments: "{}" }, undefined, options as never));
    expect(outcome.error).toEqual({ code: "invalid_call", message: `Invalid call: ${reason}` });
    expect(ran).toBe(false);
  });

  it("more than ten calls sharing one outer signal add one listener, so Node warns of no leak", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    const controller = new AbortController();
    const tools = adhocToolset([adhocTool("wait", () => new Promise(() => {}))]);
    const calls = Array.from({ length: 25 }, () =>
      tools.dispatch({ name: "wait", arguments: "{}" }, undefined, { signal: controller.signal }),
    );
    controller.abort();
    expect((await Promise.all(calls)).map(code)).toEqual(Array(25).fill("execution_error"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("warning", onWarning);
    expect(warnings).toEqual([]);
  });
});

describe("a tool that throws or rejects with a hostile value still settles its call", () => {
  const cyclic = Object.create(null) as Record<string, unknown>;
  cyclic.self = cyclic;
  const symbolMessage = Object.assign(new Error(), { message: Symbol("m") as unknown as string });
  const objectMessage = Object.assign(new Error(), { message: { nested: true } as unknown as string });
  const getterMessage = new Error();
  Object.defineProperty(getterMessage, "message", {
    get() {
      throw new Error("rethrown");
    },
  });
  const values: [string, unknown][] = [
    ["an Error whose message is a Symbol", symbolMessage],
    ["an Error whose message is an object", objectMessage],
    ["an Error whose message getter throws", getterMessage],
    ["a cyclic object without a prototype", cyclic],
    ...hostileProxies().map((p, i): [string, unknown] => [
      i === 0 ? "a throwing Proxy" : "a revoked Proxy",
      p,
    ]),
  ];

  it.each(values)("%s, thrown or rejected, in a batch with a good call", async (_label, value) => {
    const tools = adhocToolset([
      adhocTool("throws", () => {
        throw value;
      }),
      adhocTool("rejects", () => Promise.reject(value)),
      adhocTool("fine", () => "ok"),
    ]);
    const outcomes = await tools.dispatchAll([
      { name: "throws", arguments: "{}" },
      { name: "rejects", arguments: "{}" },
      { name: "fine", arguments: "{}" },
    ]);
    expect(outcomes.map(code)).toEqual(["execution_error", "execution_error", "ok"]);
    for (const outcome of outcomes) expect(typeof outcome.content).toBe("string");
  });
});

describe("limits answer quickly with their own outcome", () => {
  it("arguments nested 10,000 deep are limit_exceeded, not a stack overflow; legitimately deep ones work", async () => {
    // As text: JSON.stringify itself overflows the stack on such a value.
    const deep = (levels: number): string =>
      `{"root":${'{"name":"f","children":['.repeat(levels)}{"name":"leaf","children":[]}${"]}".repeat(levels)}}`;
    const tooDeep = failed(await recursive.dispatch({ name: "countFolders", arguments: deep(10_000) }));
    expect(tooDeep.error.code).toBe("limit_exceeded");
    expect(tooDeep.content).toBe(
      'The arguments for tool "countFolders" are nested more than 64 levels deep, the limit. Nothing was run. Send smaller arguments and call "countFolders" again.',
    );
    const fine = await recursive.dispatch({ name: "countFolders", arguments: deep(20) });
    expect(fine).toMatchObject({ ok: true, value: 11 });
  });

  it("100,000 unknown keys give at most 100 issues, and the content says how many more", async () => {
    const args = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const outcome = failed(
      await toolset.dispatch({ name: "getWeather", arguments: { city: "Oslo", ...args } }, ctx),
    );
    expect(outcome.error.issues).toHaveLength(100);
    expect(outcome.content.split("\n").at(-2)).toBe("- … and 99980 more");
  });

  it("a 10 MB tool name is answered without a did-you-mean search, and shown cut", async () => {
    const outcome = failed(await toolset.dispatch({ name: "x".repeat(10_000_000), arguments: "{}" }, ctx));
    expect(outcome.error.code).toBe("unknown_tool");
    expect(outcome.content.split("\n")[0]).toBe(`There is no tool named "${"x".repeat(99)}…".`);
  });
});

describe("lenient parsing never changes the meaning of a call", () => {
  const seen: unknown[] = [];
  const tools = adhocToolset([adhocTool("createIssue", (args) => seen.push(args))]);
  it.each([
    ['{"repo":"a/b","title":"Crash when the user deletes', "the text was cut off inside a string"],
    ['{"repo":"a/b","issueNumber":12', "the text was cut off before the end (1 unclosed bracket)"],
    ['{"repo":"a/b"} {"repo":"c/d"}', "the text holds more than one JSON value"],
  ])("%s is invalid_json and runs nothing", async (text, reason) => {
    const outcome = failed(await tools.dispatch({ name: "createIssue", arguments: text }));
    expect(outcome.error.code).toBe("invalid_json");
    expect(outcome.content).toContain(reason);
    expect(outcome.content).toContain("Nothing was run.");
    expect(seen).toEqual([]);
  });

  it("lists each repair it made in the outcome", async () => {
    const outcome = await tools.dispatch({ name: "createIssue", arguments: "```json\n{repo: 'a/b',}\n```" });
    expect(outcome).toMatchObject({
      ok: true,
      repairs: ["markdown fence", "unquoted key", "single quotes", "trailing comma"],
    });
  });
});

describe("dates say what they take", () => {
  it("a Date parameter's schema and its feedback name the format with an example", async () => {
    const { toolset: typed } = await import("../../typecall/test/cases/types/__output__/input.typecall.ts");
    const schema = JSON.stringify(typed.get("createTicket")?.schemas["json-schema"]);
    expect(schema).toContain(
      'An RFC 3339 date-time with a time zone offset, such as \\"2026-12-01T10:00:00Z\\".',
    );
  });
});

describe("the time limit keeps the process alive until the outcome arrives", () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "lone-hung-tool.ts");
  it("a script awaiting a lone tool that never settles prints its timeout outcome and exits 0", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      process.execPath,
      ["--conditions=@typecall/source", "--import", "tsx", script],
      {
        timeout: 20_000,
      },
    );
    expect(stdout.trim()).toBe("timeout");
  });
});
