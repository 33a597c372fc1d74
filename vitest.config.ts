import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@typecall/source"] },
  ssr: { resolve: { conditions: ["@typecall/source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts", "corpus/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The JSON report gives CI its closing `N passed, N failed` line.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
  },
});
