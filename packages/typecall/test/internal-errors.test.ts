/**
 * A bug of typecall's own, while emitting or building validators, becomes a TC9001 diagnostic
 * naming the tool at fault, never a crash or a stack trace (unless TYPECALL_DEBUG asks for it).
 */
import { afterEach, describe, expect, it } from "vitest";
import { guarded } from "../src/diagnostics/diagnostic.ts";

const location = (line: number) => ({ file: "/src/tools.ts", line, column: 17, start: line * 40, length: 5 });
const tools = [
  { name: "first", location: location(1) },
  { name: "broken", location: location(2) },
  { name: "last", location: location(3) },
];
/** Work that fails whenever the `broken` tool is among the tools it is given. */
const work = (some: readonly { name: string }[]) => {
  if (some.some((t) => t.name === "broken")) throw new TypeError("Cannot read properties of undefined");
  return some.map((t) => t.name).join(",");
};

afterEach(() => {
  delete process.env.TYPECALL_DEBUG;
});

describe("guarded", () => {
  it("returns the work's result when nothing throws", () => {
    expect(
      guarded(
        [tools[0], tools[2]].flatMap((t) => (t ? [t] : [])),
        "emitting",
        work,
      ),
    ).toBe("first,last");
  });

  it("names each tool at fault, at its location, without a stack", () => {
    const result = guarded(tools, "emitting", work);
    expect(result).toEqual([
      {
        code: "TC9001",
        severity: "error",
        message: 'Internal error while emitting "broken": Cannot read properties of undefined',
        location: location(2),
        path: ["broken"],
        hint: expect.stringContaining("bug in typecall"),
      },
    ]);
  });

  it("adds the stack when TYPECALL_DEBUG is set", () => {
    process.env.TYPECALL_DEBUG = "1";
    const [diagnostic] = guarded(tools, "building the validator of", work) as { message: string }[];
    expect(diagnostic?.message).toMatch(
      /^Internal error while building the validator of "broken": .*\nTypeError: .*\n {4}at /,
    );
  });

  it("reports the failure itself when no single tool reproduces it", () => {
    let calls = 0;
    const flaky = () => {
      if (calls++ === 0) throw new Error("only together");
      return "ok";
    };
    const result = guarded(tools, "emitting", flaky) as { message: string; path: unknown[] }[];
    expect(result.map((d) => [d.message, d.path])).toEqual([
      ["Internal error while emitting: only together", []],
    ]);
  });
});
