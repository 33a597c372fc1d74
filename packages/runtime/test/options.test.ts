/** Runtime options: defaults in one place, checked at set-up; `with()`; `combineToolsets`; `@timeout`. */
import { combineToolsets, createToolset, DEFAULTS, type ToolsetOptions } from "@typecall/runtime";
import { describe, expect, it } from "vitest";
import { toolset as edge } from "../../typecall/test/cases/edge-types/__output__/input.typecall.ts";
import { toolset as recursive } from "../../typecall/test/cases/recursive/__output__/input.typecall.ts";
import { adhocTool, adhocToolset } from "./fixtures/adhoc.ts";

const hang = adhocTool("hang", () => new Promise(() => {}));

describe("toolset options", () => {
  it("have one set of documented defaults", () => {
    expect(adhocToolset([hang]).options).toEqual({
      timeoutMs: 60_000,
      maxContentLength: 100_000,
      concurrency: 8,
      limits: { maxDepth: 64, maxArgumentsLength: 1_000_000 },
      hooks: {},
      maxConcurrentCalls: Number.POSITIVE_INFINITY,
    });
    expect(DEFAULTS).toMatchObject({ timeoutMs: 60_000, maxDepth: 64 });
  });

  it.each([
    [
      { timeoutMs: "50" },
      'timeoutMs must be a positive number of milliseconds (Infinity for none), got "50"',
    ],
    [
      { timeoutMs: Number.NaN },
      "timeoutMs must be a positive number of milliseconds (Infinity for none), got NaN",
    ],
    [{ concurrency: 0 }, "concurrency must be a number of at least 1, got 0"],
    [{ maxDepth: -1 }, "maxDepth must be a number of at least 1, got -1"],
    [{ maxConcurrentCalls: 0 }, "maxConcurrentCalls must be a number of at least 1, got 0"],
    [{ approvalSubject: "ada" }, 'approvalSubject must be a function (ctx) => string, got "ada"'],
  ])("%o is a RangeError at set-up, not a call that never ends", (options, message) => {
    expect(() => createToolset([hang], options as unknown as ToolsetOptions)).toThrow(
      new RangeError(message),
    );
  });

  it("with() makes a toolset of the same tools under other options, keeping the rest", async () => {
    const events: string[] = [];
    const quick = adhocToolset([hang], { concurrency: 3 }).with({
      timeoutMs: 30,
      hooks: { onOutcome: (outcome) => events.push(outcome.ok ? "ok" : outcome.error.code) },
    });
    expect(quick.options).toMatchObject({ timeoutMs: 30, concurrency: 3 });
    expect(await quick.dispatch({ name: "hang", arguments: "{}" })).toMatchObject({
      error: { code: "timeout" },
    });
    expect(events).toEqual(["timeout"]);
    expect(quick.with({ maxDepth: 8 }).options).toMatchObject({ timeoutMs: 30, limits: { maxDepth: 8 } });
  });
});

describe("@timeout", () => {
  it("sets the tool's own time limit in the generated module", () => {
    expect(edge.get("slowReport")?.timeoutMs).toBe(1500);
  });
});

describe("combineToolsets", () => {
  it("holds the tools of several modules, dispatching each with the context they need together", async () => {
    const both = combineToolsets([recursive, edge]);
    expect(both.names).toEqual([...recursive.names, ...edge.names]);
    const ctx = { userId: "u1" };
    expect(await both.dispatch({ name: "whoAmI", arguments: {} }, ctx)).toMatchObject({
      ok: true,
      value: "u1",
    });
    const sum = {
      op: "add",
      args: [
        { op: "num", value: 2 },
        { op: "num", value: 3 },
      ],
    } as const;
    expect(
      await both.dispatch({ name: "evaluate", arguments: { expr: { ...sum, args: [...sum.args] } } }, ctx),
    ).toMatchObject({
      ok: true,
      value: 5,
    });
  });

  it("refuses two tools of one name, naming them", () => {
    const other = adhocToolset([adhocTool("probe", () => 1), adhocTool("tagged", () => 2)]);
    expect(() => combineToolsets([edge, other])).toThrow(
      'typecall: combineToolsets: tool names used twice: "probe" (toolsets 1 and 2), "tagged" (toolsets 1 and 2); rename one with @name',
    );
  });
});
