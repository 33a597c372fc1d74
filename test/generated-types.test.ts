/**
 * The `types` and `recursive` codegen cases, dispatched: what reaches the function (revived
 * `Date`, `bigint`, `URL`; recursive values) and how precisely wrong arguments are reported.
 */
import { describe, expect, it } from "vitest";
import { toolset as recursive } from "../packages/typecall/test/cases/recursive/__output__/input.typecall.ts";
import { toolset } from "../packages/typecall/test/cases/types/__output__/input.typecall.ts";

const ticket = { title: "Printer jam", size: "s", createdAt: "2026-11-23T10:00:00Z" };

async function issuesOf(args: object) {
  const outcome = await toolset.dispatch({ name: "createTicket", arguments: JSON.stringify(args) });
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.content}`);
  return outcome.error.issues?.map((i) => [i.path, i.expected]);
}

describe("revived values", () => {
  it("hands the tool a Date, a bigint and a URL built from the wire strings", async () => {
    const args = {
      ticket,
      priority: 2,
      code: "order-42",
      budget: "12345678901234567890",
      link: "https://example.com/x",
    };
    const outcome = await toolset.dispatch({ name: "createTicket", arguments: JSON.stringify(args) });
    expect(outcome).toMatchObject({ ok: true });
    if (!outcome.ok) return;
    expect(outcome.value).toContain("2026-11-23T10:00:00.000Z"); // toISOString: a real Date
    expect(outcome.value).toContain("12345678901234567890"); // exact: a bigint, not a number
    expect(outcome.value).toContain("example.com"); // link.host: a real URL
  });

  it("rejects a date-time that is not one, before the tool runs", async () => {
    expect(
      await issuesOf({ ticket: { ...ticket, createdAt: "yesterday" }, priority: 1, code: "order-1" }),
    ).toEqual([["ticket.createdAt", 'string (format: date-time, such as "2026-12-01T10:00:00Z")']]);
  });
});

describe("constraints and shapes", () => {
  it("reports formats, bounds, lengths, patterns and item counts at their paths", async () => {
    const user = { email: "not-an-email", age: 200, handle: "A" };
    const args = { ticket, priority: 3, code: "order-x", assignees: [user, user, user, user] };
    expect(await issuesOf(args)).toEqual([
      ["priority", "1 | 2"],
      ["code", "string (pattern ^order--?[0-9]+(\\.[0-9]+)?$)"],
      ["assignees", "Array<object> (max items 3)"],
    ]);
    const one = await issuesOf({ ticket, priority: 1, code: "order-1", assignees: [user] });
    expect(one).toEqual([
      ["assignees[0].email", 'string (format: email, such as "ada@example.com")'],
      ["assignees[0].age", "integer (at least 0, at most 150)"],
      ["assignees[0].handle", "string (min length 2, max length 20, pattern ^[a-z0-9_]+$)"],
    ]);
  });

  it("uses the discriminant of a union to report the wrong field itself", async () => {
    const base = { ticket, priority: 1, code: "order-1" };
    expect(await issuesOf({ ...base, shape: { kind: "circle", side: 2 } })).toEqual([
      ["shape.radius", "number"],
      ["shape.side", "undefined"],
    ]);
    expect(await issuesOf({ ...base, shape: { kind: "hexagon" } })).toEqual([
      ["shape.kind", '"circle" | "square"'],
    ]);
  });

  it("checks tuples by position and records by value", async () => {
    const base = { ticket, priority: 1, code: "order-1" };
    expect(await issuesOf({ ...base, position: [1, {}], labels: { a: "x", b: [] } })).toEqual([
      ["labels.b", "string"],
      ["position[1]", "number"],
    ]);
  });
});

describe("recursive types", () => {
  it("validates and passes a recursive value of any depth", async () => {
    const expr = {
      op: "add",
      args: [
        { op: "num", value: 2 },
        {
          op: "mul",
          args: [
            { op: "num", value: 3 },
            { op: "num", value: 4 },
          ],
        },
      ],
    };
    const outcome = await recursive.dispatch({ name: "evaluate", arguments: JSON.stringify({ expr }) });
    expect(outcome).toMatchObject({ ok: true, value: 14 });
  });

  it("reports a wrong value deep inside, at its path", async () => {
    const root = { name: "a", children: [{ name: "b", children: [{ name: {}, children: [] }] }] };
    const outcome = await recursive.dispatch({ name: "countFolders", arguments: JSON.stringify({ root }) });
    if (outcome.ok) throw new Error("expected a failure");
    expect(outcome.error.issues?.map((i) => i.path)).toEqual(["root.children[0].children[0].name"]);
  });
});

describe("constraints from JSDoc and typia tags", async () => {
  const { toolset: constraints } = await import(
    "../packages/typecall/test/cases/constraints/__output__/input.typecall.ts"
  );
  const order = {
    step: 0.5,
    sensors: ["a", "b"],
    notify: "ops@example.com",
    requestId: "3f2b8a4e-9c1d-4e7f-8a2b-1c3d5e7f9a0b",
    batch: "B-0042",
    retries: 2,
  };

  it("accepts a call within every bound, under the @name given to the tool", async () => {
    const outcome = await constraints.dispatch({
      name: "order_measurement",
      arguments: JSON.stringify(order),
    });
    expect(outcome).toMatchObject({ ok: true, value: "10 samples of a+b every 0.5s" });
  });

  it("refuses each bound broken, at its path", async () => {
    const wrong = {
      ...order,
      samples: 0,
      step: 0.7,
      sensors: ["a", "a"],
      requestId: "x",
      batch: "B-42",
      retries: 10,
    };
    const outcome = await constraints.dispatch({
      name: "order_measurement",
      arguments: JSON.stringify(wrong),
    });
    if (outcome.ok) throw new Error("expected a failure");
    expect(outcome.error.issues?.map((i) => i.path)).toEqual([
      "samples",
      "step",
      "sensors",
      "requestId",
      "batch",
      "retries",
    ]);
  });
});
