/**
 * `typecall init`: a commented starter `typecall.config.ts` and a first tool module, each written
 * only where no file is (a config of any extension counts), then the next steps.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { kindOf } from "../config/glob.ts";
import { findConfig } from "../config/load.ts";
import { type CliIO, display } from "./report.ts";

const TOOLS_FILE = "src/tools.ts";

/** The starter config: every key, most commented out at their defaults. */
export const STARTER_CONFIG: string = `import { defineConfig } from "typecall";

// typecall reads the tool modules below and writes, beside each, a .typecall.ts module holding
// every provider's schemas, the validators and a typed dispatcher. Paths are relative to this file.
// A command-line flag wins over the value here (\`typecall generate --naming snake_case\`).
export default defineConfig({
  // Tool modules: every exported function is a tool. Paths or quoted glob patterns ("src/tools/*.ts").
  entries: ["${TOOLS_FILE}"],

  // Where to write the generated modules: a folder, or one .ts file for one entry.
  // Default: beside each entry (src/tools.ts -> src/tools.typecall.ts).
  // out: "src/generated/",

  // The providers to emit and check (default: all): json-schema, openai, openai-responses,
  // anthropic, gemini, mcp. Only these are checked, so you see no diagnostic for a provider you skip.
  // dialects: ["openai", "anthropic"],

  // Strict mode per provider that has one: "auto" (default: strict where it can be, else a warning),
  // "always" (that warning is an error) or "never".
  // strict: { openai: "always" },

  // Tool names from export names: "snake_case" sends getWeather as get_weather. Default: as exported.
  // A tool's @name tag is kept as written.
  // naming: "snake_case",

  // Per-code severity: "error", "warning" or "off" (the codes are in typecall's docs/diagnostics.md).
  // severity: { TC3001: "off" },

  // The tsconfig.json for every entry. Default: the nearest one above each entry.
  // tsconfig: "tsconfig.json",

  // Accept unknown and any as free JSON without the TC2006 warning.
  // allowAny: true,
});
`;

/** The first tool module: one documented function. */
export const STARTER_TOOLS: string = `/**
 * Current weather for a city. The summary and the @param texts below are what the model reads.
 * @param city City name, e.g. "Paris"
 * @param unit Temperature unit
 */
export async function getWeather(city: string, unit: "c" | "f" = "c") {
  // Call your weather service here.
  const celsius = 21;
  return { city, temperature: unit === "c" ? celsius : Math.round((celsius * 9) / 5 + 32), unit };
}
`;

const NEXT_STEPS = `
Next steps:
  1. Install the runtime, the one package the generated module imports, and typecall:
       npm install @typecall/runtime && npm install --save-dev typecall
  2. Generate the dispatcher module (src/tools.typecall.ts), and check it in CI:
       npx typecall generate
       npx typecall check
  3. See what a model will see of your tools:
       npx typecall inspect
  4. Hand the toolset to your LLM client, e.g. OpenAI's, from a module in src/:
       import OpenAI from "openai";
       import { runTools } from "@typecall/runtime/openai";
       import { toolset } from "./tools.typecall.js";

       const messages = [{ role: "user" as const, content: "Weather in Paris?" }];
       const result = await runTools(new OpenAI(), { model: "gpt-4o-mini", messages }, toolset, { maxSteps: 8 });
`;

/** Writes the starter files in `io.cwd` that are not there yet; exit 0, or 1 when a file cannot be written. */
export function runInit(io: CliIO): number {
  const existing = findConfig(io.cwd);
  const files = [
    { path: join(io.cwd, "typecall.config.ts"), content: STARTER_CONFIG, kept: existing },
    { path: join(io.cwd, TOOLS_FILE), content: STARTER_TOOLS, kept: undefined as string | undefined },
  ];
  for (const file of files) {
    const kept = file.kept ?? (kindOf(file.path) === undefined ? undefined : file.path);
    if (kept !== undefined) {
      io.stdout(`kept ${display(kept, io)} (it exists; init never overwrites a file)\n`);
      continue;
    }
    try {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.content, { flag: "wx" });
    } catch (error) {
      io.stderr(`typecall: cannot write ${display(file.path, io)}: ${(error as Error).message}\n`);
      return 1;
    }
    io.stdout(`wrote ${display(file.path, io)}\n`);
  }
  io.stdout(NEXT_STEPS);
  return 0;
}
