import { join } from "node:path";
import { expect, it } from "vitest";
import { typecheck } from "../packages/typecall/test/support/typecheck.ts";

it("catches wrong tool names, argument shapes, context and result types in app code", () => {
  // Every @ts-expect-error in the fixture must catch an error, and nothing else may fail.
  expect(typecheck([join(import.meta.dirname, "fixtures", "typed-app.ts")])).toEqual([]);
});
