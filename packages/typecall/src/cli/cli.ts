import { existsSync } from "node:fs";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { findStale, type GenerateOptions, type GenerateResult, generate } from "../generate.ts";
import { closestName } from "../suggest.ts";
import { writeFiles } from "../write.ts";
import { parseCommandLine } from "./args.ts";
import { runInit } from "./init.ts";
import { runInspect } from "./inspect.ts";
import { resolveRunOptions } from "./options.ts";
import { type CliIO, display, printDiagnostics } from "./report.ts";
import { watch } from "./watch.ts";

export type { CliIO } from "./report.ts";

/** The usage text, printed by `typecall help` and on bad usage. */
export const USAGE = `Usage: typecall <command> [options] [<entry>...]

Commands:
  generate [<entry>...]    Write <entry>.typecall.ts beside each entry (only files whose content changed).
  check [<entry>...]       Write nothing; exit 1 if any output is missing or stale, or on errors (for CI).
  watch [<entry>...]       Generate, then again after each change of an entry or of what it imports,
                           one line per regeneration (the tools changed, the time taken). A module
                           that starts failing keeps its last good output until it is fixed.
  inspect [<entry>...]     Write nothing; print what a model sees of each tool in one dialect: its name,
                           description, schema and strictness, and the tool's diagnostics.
  init                     Write a starter typecall.config.ts and src/tools.ts (never over an existing
                           file) and print the next steps.
  help                     Show this text.

Entries are TypeScript modules (.ts, .mts, .cts, .tsx) or glob patterns, quoted so that every shell
passes them as they are: "src/tools/*.ts", "src/**/*.tools.ts", "src/{a,b}.ts" (also ? and [abc]).
Patterns never match generated *.typecall.ts files, .d.ts files or files under node_modules.
Without entries on the command line, those of the config file are used.

Configuration: typecall.config.ts (or .mts, .js, .mjs) in the current directory, or --config <path>:
  import { defineConfig } from "typecall";
  export default defineConfig({ entries: ["src/tools.ts"], dialects: ["openai"], naming: "snake_case" });
Its keys: entries, out, dialects, strict, naming, severity, tsconfig, allowAny; its paths are relative
to its folder. A flag wins over the config's value (--severity and --strict per code and dialect);
entries on the command line replace the config's.

Options of generate, check, watch and inspect:
  --config <path>          The config file (default: typecall.config.ts, .mts, .js or .mjs, if present).
  --out <path>             Folder for the generated files (or, with one entry, the output .ts file).
  --allow-any              Accept unknown/any as free JSON without the TC2006 warning.
  --dialects <list>        The dialects to emit and check, comma-separated (default: all):
                           json-schema, openai, openai-responses, anthropic, gemini, mcp.
  --strict <dialect>=<mode>
                           Strict mode of openai, openai-responses or anthropic (repeatable): auto
                           (default: strict where it can be, else non-strict with a warning),
                           always (that warning is an error) or never.
  --naming <casing>        Tool names from exports in camelCase or snake_case (getWeather is sent as
                           get_weather); @name is kept as written. Default: the export name.
  --tsconfig <path>        The tsconfig.json of every entry (default: the nearest one above each entry).
  --severity <CODE>=<level>
                           Override a diagnostic's severity: error, warning or off (repeatable),
                           e.g. --severity TC3001=off to accept provider-mapped tool names quietly.

Options of inspect:
  --dialect <name>         The dialect to show (default: openai, or the first of --dialects).
  --tool <name>            Only this tool (its name, as sent or as exported).
  --json                   One JSON document on stdout, for scripts (its shape is in the README).
  --quiet                  One line per tool: its name, its strictness and how many diagnostics it has.

  -h, --help               Show this text.

Exit codes: 0 success, 1 diagnostics with errors, stale output or an internal error, 2 bad usage
(a bad config file too).
`;

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
};

/**
 * Runs the CLI and resolves to the exit code; never calls `process.exit`. Bad usage exits 2 with its
 * reason; anything thrown is a bug of ours, reported in two lines without a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    return internalError(error, io);
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(argv);
  if ("problem" in parsed) return usageError(parsed.problem, io);
  const { command, entries, help, flags } = parsed;
  if (help || command === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (command === "init") return entries.length > 0 ? usageError("init takes no entry", io) : runInit(io);
  if (command !== "generate" && command !== "check" && command !== "inspect" && command !== "watch") {
    if (command === undefined) {
      io.stderr(`typecall: missing command\n\n${USAGE}`);
      return 2;
    }
    const close = closestName(command, COMMANDS);
    return usageError(`unknown command "${command}"${close ? `; did you mean "${close}"?` : ""}`, io);
  }
  const resolved = await resolveRunOptions(command, entries, flags, io.cwd);
  if ("problems" in resolved) {
    if (resolved.usage) return usageError(resolved.problems.join("\n"), io);
    for (const problem of resolved.problems) io.stderr(`typecall: ${problem}\n`);
    return 2;
  }
  if (command === "inspect") return runInspect(resolved.options, flags, io);
  if (command === "watch")
    return watch(resolved.options, {
      ...io,
      printDiagnostics: (diagnostics) => printDiagnostics(diagnostics, io),
      // The patterns again, for a module added or removed: the config is read again too.
      entries: async () => {
        const again = await resolveRunOptions(command, entries, flags, io.cwd);
        if ("options" in again) return again.options.entries;
        for (const problem of again.problems) io.stderr(`typecall: ${problem}\n`);
        return undefined;
      },
    });
  return generateOrCheck(command, resolved.options, io);
}

function generateOrCheck(command: "generate" | "check", options: GenerateOptions, io: CliIO): number {
  const result = generate(options);
  printDiagnostics(result.diagnostics, io);
  if (command === "generate") {
    const written = writeFiles(result.files);
    for (const file of result.files) {
      const state = written.includes(file) ? "wrote" : "unchanged";
      io.stdout(`${state} ${display(file.path, io)} (${toolCount(result, file.entry)} tools)\n`);
    }
  } else {
    const stale = findStale(result.files);
    for (const file of stale)
      io.stderr(`${existsSync(file.path) ? "stale" : "missing"}: ${display(file.path, io)}\n`);
    if (stale.length > 0)
      io.stderr(`${stale.length} generated file(s) missing or out of date: run \`typecall generate\`.\n`);
    else if (!hasErrors(result.diagnostics))
      io.stdout(`${result.files.length} generated file(s) up to date.\n`);
    if (stale.length > 0) return 1;
  }
  return hasErrors(result.diagnostics) ? 1 : 0;
}

/** The commands, for a misspelt one. */
const COMMANDS = ["generate", "check", "watch", "inspect", "init", "help"];

/** The reason, and where the usage is: printed whole, 60 lines would bury the one that matters. */
function usageError(reason: string, io: CliIO): number {
  io.stderr(`typecall: ${reason}\n${USAGE_HINT}`);
  return 2;
}

/** The line after a usage error. */
export const USAGE_HINT = "Run `typecall help` for the commands and their options.\n";

/** A throw is a bug of ours: one line with its message, then how to report it; the stack on demand. */
function internalError(error: unknown, io: CliIO): number {
  const message = error instanceof Error ? error.message : String(error);
  // The file system said no (a folder where a file should go, no permission): the user's to fix.
  if (error instanceof Error && "syscall" in error) {
    io.stderr(`typecall: cannot write the generated files: ${message}\n`);
    return 1;
  }
  const debug = Boolean((io.env ?? process.env).TYPECALL_DEBUG);
  const stack = debug && error instanceof Error && error.stack ? `${error.stack}\n` : "";
  const attach = stack ? "this output" : "its output with TYPECALL_DEBUG=1 set, which adds the stack trace";
  io.stderr(`typecall: internal error: ${message}\n${stack}`);
  io.stderr(`This is a bug in typecall: please report it with the command you ran and ${attach}.\n`);
  return 1;
}

function toolCount(result: GenerateResult, entry: string): number {
  return result.toolsets.find((t) => t.entry === entry)?.tools.length ?? 0;
}
