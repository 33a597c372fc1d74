import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { codes, type DiagnosticCode } from "../diagnostics/codes.ts";
import { type Diagnostic, hasErrors } from "../diagnostics/diagnostic.ts";
import { formatDiagnostic, formatSummary } from "../diagnostics/format.ts";
import { findStale, type GenerateOptions, generate } from "../generate.ts";
import { writeFiles } from "../write.ts";

/** Where the CLI prints; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** The usage text, printed by `typecall help` and on bad usage. */
export const USAGE = `Usage: typecall <command> [options] <entry.ts>...

Commands:
  generate <entry.ts>...   Write <entry>.typecall.ts beside each entry (only files whose content changed).
  check <entry.ts>...      Write nothing; exit 1 if any output is missing or stale, or on errors (for CI).
  help                     Show this text.

Options:
  --out <path>             Folder for the generated files (or, with one entry, the output file).
  --allow-any              Accept unknown/any as free JSON without the TC2006 warning.
  --severity <CODE>=<level>
                           Override a diagnostic's severity: error, warning or off (repeatable),
                           e.g. --severity TC3003=off when the app does not use OpenAI strict mode.
  -h, --help               Show this text.

Exit codes: 0 success, 1 diagnostics with errors or stale output, 2 bad usage.
`;

const defaultIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** Runs the CLI and resolves to the exit code; never calls `process.exit`. */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`typecall: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, entries, out, help, allowAny, severity } = parsed;
  if (help || command === "help") {
    io.stdout(USAGE);
    return 0;
  }
  if (command !== "generate" && command !== "check") {
    io.stderr(`typecall: ${command ? `unknown command "${command}"` : "missing command"}\n\n${USAGE}`);
    return 2;
  }
  if (entries.length === 0) {
    io.stderr(`typecall: ${command} needs at least one entry module\n\n${USAGE}`);
    return 2;
  }
  const absolute = entries.map((e) => resolve(io.cwd, e));
  const result = generate({
    entries: absolute,
    allowAny,
    severity,
    ...(out !== undefined && { out: resolve(io.cwd, out) }),
  });
  printDiagnostics(result.diagnostics, io);
  const display = (path: string) => relative(io.cwd, path).replaceAll("\\", "/");
  if (command === "generate") {
    const written = writeFiles(result.files);
    for (const file of result.files) {
      const state = written.includes(file) ? "wrote" : "unchanged";
      io.stdout(`${state} ${display(file.path)} (${toolCount(result, file.entry)} tools)\n`);
    }
  } else {
    const stale = findStale(result.files);
    for (const file of stale) io.stderr(`stale: ${display(file.path)}\n`);
    if (stale.length > 0)
      io.stderr(`${stale.length} generated file(s) out of date: run \`typecall generate\`.\n`);
    else if (!hasErrors(result.diagnostics))
      io.stdout(`${result.files.length} generated file(s) up to date.\n`);
    if (stale.length > 0) return 1;
  }
  return hasErrors(result.diagnostics) ? 1 : 0;
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "allow-any": { type: "boolean" },
      severity: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...entries] = positionals;
  return {
    command,
    entries,
    out: values.out,
    help: values.help === true,
    allowAny: values["allow-any"] === true,
    severity: parseSeverities(values.severity ?? []),
  };
}

const LEVELS = new Set(["error", "warning", "off"]);

/** `TC3003=off` pairs into the `severity` option; a wrong code or level is a usage error. */
function parseSeverities(pairs: readonly string[]): NonNullable<GenerateOptions["severity"]> {
  const severity: NonNullable<GenerateOptions["severity"]> = {};
  for (const pair of pairs) {
    const [code = "", level = ""] = pair.split("=");
    if (!(code in codes))
      throw new Error(`--severity ${pair}: "${code}" is not a diagnostic code (see docs/diagnostics.md)`);
    if (!LEVELS.has(level)) throw new Error(`--severity ${pair}: the level must be error, warning or off`);
    severity[code as DiagnosticCode] = level as "error" | "warning" | "off";
  }
  return severity;
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
  const displayPath = (file: string) => relative(io.cwd, file).replaceAll("\\", "/");
  for (const diagnostic of diagnostics)
    io.stderr(`${formatDiagnostic(diagnostic, { readFile, displayPath })}\n`);
  io.stderr(`${formatSummary(diagnostics)}\n`);
}

function toolCount(result: ReturnType<typeof generate>, entry: string): number {
  return result.toolsets.find((t) => t.entry === entry)?.tools.length ?? 0;
}
