/**
 * Every example runs as its README says, offline: each starts its provider's scripted server, plays
 * the demo conversation through its real client, and exits 0. A broken example fails here, not in
 * a user's first minute.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");

/** Every example's entry point: `src/main.ts`, or the quick start's `src/demo.ts`. */
const examples = readdirSync(join(root, "examples"))
  .map((name) => {
    const main = ["main.ts", "demo.ts"].map((file) => join("examples", name, "src", file)).find(present);
    return { name, main };
  })
  .filter((example): example is { name: string; main: string } => example.main !== undefined);

function present(path: string): boolean {
  return existsSync(join(root, path));
}

/** The environment without any provider key, so every example talks to its scripted server. */
function offline(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/_API_KEY$/.test(key)) delete env[key];
  return env;
}

describe("examples", () => {
  it("has one example per client", () => {
    expect(examples.map((example) => example.name).sort()).toEqual(
      ["ai-sdk", "anthropic", "gemini", "mcp", "openai-responses", "quickstart"].sort(),
    );
  });

  it.each(examples)("$name runs offline", async ({ main }) => {
    const { stdout } = await run(
      process.execPath,
      ["--conditions=@typecall/source", "--import", "tsx", main],
      { cwd: root, env: offline(), timeout: 60_000 },
    );
    // The demo conversation reached its end: the corrected booking was made for the example's user.
    expect(stdout).toMatch(/bk-u\w+-h-paris-1-2026-12-04/);
  });
});
