/**
 * The runtime core an app ships (`createToolset` + `dispatch`, bundled and minified by esbuild,
 * gzipped) stays within its budget. Built from the sources, so no build is needed; the benchmark
 * (g) measures the same entry from `dist` with the same function.
 */
import { describe, expect, it } from "vitest";
import { CORE_GZIP_BUDGET, CORE_GZIP_TARGET, measureCore } from "../../../bench/core-size.ts";

describe("runtime core size", () => {
  it(`gzips to at most the budget (${CORE_GZIP_BUDGET} bytes; the target is ${CORE_GZIP_TARGET})`, async () => {
    const { gzipped } = await measureCore("src");
    expect(gzipped).toBeLessThanOrEqual(CORE_GZIP_BUDGET);
  });

  it("has a budget that only moves towards the target", () => {
    expect(CORE_GZIP_BUDGET % 256).toBe(0);
    expect(CORE_GZIP_BUDGET).toBeGreaterThanOrEqual(CORE_GZIP_TARGET);
  });
});
