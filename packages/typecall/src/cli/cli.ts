import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { codes, type DiagnosticCode } from "../diagnostics/codes.ts";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.ts";
import { formatDiagnostic, formatSummary } from "../diagnostics/format.ts";
import { type DialectName, dialectProblem, type StrictMode, strictProblem } from "../emit/dialects/index.ts";
import { findStale, type GenerateOptions, generate } from "../generate.ts";
import { writeFiles } from "../write.ts";
import { resolveEntries } from "./entries.ts";
import { resolveOut } from "./out.ts";
import { watch } from "./watch.ts";

/** Where the CLI prints; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Environment variables; `TYPECALL_DEBUG` prints the stack of an internal error. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Stops `watch` (which otherwise runs until the process ends). */
  signal?: AbortSignal;
}

/** The usage text, printed by `typecall help` and on bad usage. */
export const USAGE = `Usage: typecall <command> [options] <entry>...

Commands:
  generate <entry>...      Write <entry>.typecall.ts beside each entry (only files whose content changed).
  check <entry>...         Write nothing; exit 1 if any output is missing or stale, or on errors (for CI).
  watch <entry>...         Generate, then again after each change of an entry or of what it imports,
                           one line per regeneration (the tools changed, the time taken). A module
                           that starts failing keeps its last good output until it is fixed.
  help                     Show this text.

Entries are TypeScript modules (.ts, .mts, .cts, .tsx) or glob patterns, quoted so that every shell
passes them as they are: "src/tools/*.ts", "src/**/*.tools.ts", "src/{a,b}.ts" (also ? and [abc]).
Patterns never match generated *.typecall.ts files, .d.ts files or files under node_modules.

Options:
  --out <path>             Folder for the generated files (or, with one entry, the output .ts file).
  --allow-any              Accept unknown/any as free JSON without the TC2006 warning.
  --dialects <list>        The dialects to emit and check, comma-separated (default: all):
                           json-schema, openai, openai-responses, anthropic, gemini, mcp.
  --strict <dialect>=<mode>
                           Strict mode of openai, openai-responses or anthropic (repeatable): auto
                           (default: strict where it can be, else non-strict with a warning),
                           always (that warning is an error) or never.
  --severity <CODE>=<level>
                           Override a diagnostic's severity: error, warning or off (repeatable),
                           e.g. --severity TC3001=off to accept provider-mapped tool names quietly.
  -h, --help               Show this text.

Exit codes: 0 success, 1 diagnostics with errors, stale output or an internal error, 2 bad usage.
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

function run(argv: readonly string[], io: CliIO): number | Promise<number> {
  const parsed = parse(argv);
  if ("problem" in parsed) return usageError(parsed.problem, io);
  const { command, entries, out, help, allowAny, severity, dialects, strict } = parsed;
  if (help || command === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (command !== "generate" && command !== "check" && command !== "watch")
    return usageError(command ? `unknown command "${command}"` : "missing command", io);
  if (entries.length === 0) return usageError(`${command} needs at least one entry module`, io);
  const resolved = resolveEntries(entries, io.cwd);
  // Each path names its own fix; the usage text would only bury it.
  for (const problem of resolved.problems) io.stderr(`typecall: ${problem}\n`);
  if (resolved.problems.length > 0) return 2;
  const target = out === undefined ? undefined : resolveOut(out, resolved.entries, io.cwd);
  if (target && "problem" in target) return usageError(target.problem, io);
  const options: GenerateOptions = {
    entries: resolved.entries,
    allowAny,
    severity,
    strict,
    ...(dialects && { dialects }),
    ...(target && { out: target.path }),
  };
  if (command === "watch")
    return watch(options, { ...io, printDiagnostics: (diagnostics) => printDiagnostics(diagnostics, io) });
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
    for (const file of stale) io.stderr(`stale: ${display(file.path, io)}\n`);
    if (stale.length > 0)
      io.stderr(`${stale.length} generated file(s) out of date: run \`typecall generate\`.\n`);
    else if (!hasErrors(result.diagnostics))
      io.stdout(`${result.files.length} generated file(s) up to date.\n`);
    if (stale.length > 0) return 1;
  }
  return hasErrors(result.diagnostics) ? 1 : 0;
}

function usageError(reason: string, io: CliIO): number {
  io.stderr(`typecall: ${reason}\n\n${USAGE}`);
  return 2;
}

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

interface Parsed {
  command: string | undefined;
  entries: string[];
  out: string | undefined;
  help: boolean;
  allowAny: boolean;
  severity: Severities;
  dialects: DialectName[] | undefined;
  strict: NonNullable<GenerateOptions["strict"]>;
}

function parse(argv: readonly string[]): Parsed | { problem: string } {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    return { problem: argsProblem(error) };
  }
  const { values, positionals } = parsed;
  const severity = parseSeverities(values.severity ?? []);
  if (typeof severity === "string") return { problem: severity };
  const dialects = values.dialects === undefined ? undefined : parseDialects(values.dialects);
  if (typeof dialects === "string") return { problem: dialects };
  const strict = parseStrict(values.strict ?? []);
  if (typeof strict === "string") return { problem: strict };
  const [command, ...entries] = positionals;
  return {
    command,
    entries,
    out: values.out,
    help: values.help === true,
    allowAny: values["allow-any"] === true,
    severity,
    dialects,
    strict,
  };
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "allow-any": { type: "boolean" },
      severity: { type: "string", multiple: true },
      dialects: { type: "string", multiple: true },
      strict: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** parseArgs' messages (some three lines long) as one line naming the option. */
function argsProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? "an option";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return message.includes("does not take") ? `${option} takes no value` : `${option} needs a value`;
  return message.split("\n")[0] ?? message;
}

type Severities = NonNullable<GenerateOptions["severity"]>;
const LEVELS = new Set(["error", "warning", "off"]);

/** `TC3003=off` pairs into the `severity` option, or the problem with the first wrong pair. */
function parseSeverities(pairs: readonly string[]): Severities | string {
  const severity: Severities = {};
  for (const pair of pairs) {
    const [code = "", level = ""] = pair.split("=");
    if (!(code in codes))
      return `--severity ${pair}: "${code}" is not a diagnostic code (see docs/diagnostics.md)`;
    if (!LEVELS.has(level)) return `--severity ${pair}: the level must be error, warning or off`;
    severity[code as DiagnosticCode] = level as "error" | "warning" | "off";
  }
  return severity;
}

/** `openai,anthropic` (the flag may repeat) into dialect names, or the problem with the first wrong one. */
function parseDialects(lists: readonly string[]): DialectName[] | string {
  const names = lists.flatMap((list) => list.split(",")).map((n) => n.trim());
  if (names.some((n) => n === ""))
    return `--dialects ${lists.join(",")}: an empty name; separate dialects by commas, e.g. --dialects openai,anthropic`;
  const problem = names.map(dialectProblem).find(Boolean);
  return problem ? `--dialects: ${problem}` : (names as DialectName[]);
}

/** `openai=always` pairs into the `strict` option, or the problem with the first wrong pair. */
function parseStrict(pairs: readonly string[]): NonNullable<GenerateOptions["strict"]> | string {
  const strict: Record<string, StrictMode> = {};
  for (const pair of pairs) {
    const [dialect = "", mode] = pair.split("=");
    if (mode === undefined) return `--strict ${pair}: write <dialect>=<mode>, e.g. --strict openai=always`;
    const problem = strictProblem(dialect, mode);
    if (problem) return `--strict ${pair}: ${problem}`;
    strict[dialect] = mode as StrictMode;
  }
  return strict;
}

function display(path: string, io: CliIO): string {
  return relative(io.cwd, path).replaceAll("\\", "/");
}

function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIO): void {
  if (diagnostics.length === 0) return;
  const readFile = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  };
  const displayPath = (file: string) => display(file, io);
  for (const diagnostic of diagnostics)
    io.stderr(`${formatDiagnostic(diagnostic, { readFile, displayPath })}\n`);
  io.stderr(`${formatSummary(diagnostics)}\n`);
}

function toolCount(result: ReturnType<typeof generate>, entry: string): number {
  return result.toolsets.find((t) => t.entry === entry)?.tools.length ?? 0;
}
