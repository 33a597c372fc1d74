/** The command line, parsed and checked: the command, its entries and its flags' values. */
import { parseArgs } from "node:util";
import { TOOL_NAMINGS, type ToolNaming } from "../analyze/naming.ts";
import { codes, type DiagnosticCode } from "../diagnostics/codes.ts";
import { type DialectName, dialectProblem, type StrictMode, strictProblem } from "../emit/dialects/index.ts";
import type { GenerateOptions } from "../generate.ts";
import { closestName } from "../suggest.ts";

export type Severities = NonNullable<GenerateOptions["severity"]>;
export type Strictness = NonNullable<GenerateOptions["strict"]>;

/** The flags' values; a flag not given is undefined (or empty), so that the config's value holds. */
export interface Flags {
  config: string | undefined;
  out: string | undefined;
  allowAny: boolean;
  severity: Severities;
  dialects: DialectName[] | undefined;
  strict: Strictness;
  naming: ToolNaming | undefined;
  tsconfig: string | undefined;
  /** inspect's own. */
  tool: string | undefined;
  dialect: DialectName | undefined;
  json: boolean;
  quiet: boolean;
}

/** The parsed command line. */
export interface Args {
  command: string | undefined;
  entries: string[];
  help: boolean;
  flags: Flags;
}

const OPTIONS = {
  config: { type: "string" },
  out: { type: "string" },
  "allow-any": { type: "boolean" },
  severity: { type: "string", multiple: true },
  dialects: { type: "string", multiple: true },
  strict: { type: "string", multiple: true },
  naming: { type: "string" },
  tsconfig: { type: "string" },
  tool: { type: "string" },
  dialect: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The options each command takes (besides --help); a command not listed takes them all. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  init: [],
  generate: ["config", "out", "allow-any", "severity", "dialects", "strict", "naming", "tsconfig"],
  check: ["config", "out", "allow-any", "severity", "dialects", "strict", "naming", "tsconfig"],
  watch: ["config", "out", "allow-any", "severity", "dialects", "strict", "naming", "tsconfig"],
};

/** Parses `argv`, or says what is wrong with the first bad option or value. */
export function parseCommandLine(argv: readonly string[]): Args | { problem: string } {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    // The command, for the options it takes: parsing stopped before it was read.
    const command = argv.find((arg) => !arg.startsWith("-"));
    return { problem: argsProblem(error, (command && COMMAND_OPTIONS[command]) || Object.keys(OPTIONS)) };
  }
  const { values, positionals } = parsed;
  const [command, ...entries] = positionals;
  const allowed = command === undefined ? undefined : COMMAND_OPTIONS[command];
  const foreign = Object.keys(values).find((key) => key !== "help" && allowed && !allowed.includes(key));
  if (foreign) {
    const close = closestName(foreign, allowed ?? []);
    return { problem: `${command} takes no --${foreign}${close ? `; did you mean --${close}?` : ""}` };
  }
  const severity = parseSeverities(values.severity ?? []);
  if (typeof severity === "string") return { problem: severity };
  const dialects = values.dialects === undefined ? undefined : parseDialects(values.dialects);
  if (typeof dialects === "string") return { problem: dialects };
  const strict = parseStrict(values.strict ?? []);
  if (typeof strict === "string") return { problem: strict };
  const naming = values.naming;
  if (naming !== undefined && !TOOL_NAMINGS.includes(naming as ToolNaming))
    return { problem: `--naming ${naming}: the naming must be ${TOOL_NAMINGS.join(" or ")}` };
  const dialect = values.dialect;
  const dialectError = dialect === undefined ? undefined : dialectProblem(dialect);
  if (dialectError) return { problem: `--dialect: ${dialectError}` };
  const flags: Flags = {
    config: values.config,
    out: values.out,
    allowAny: values["allow-any"] === true,
    severity,
    dialects,
    strict,
    naming: naming as ToolNaming | undefined,
    tsconfig: values.tsconfig,
    tool: values.tool,
    dialect: dialect as DialectName | undefined,
    json: values.json === true,
    quiet: values.quiet === true,
  };
  return { command, entries, help: values.help === true, flags };
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
}

/** parseArgs' messages (some three lines long) as one line naming the option; `known`: the options the command takes. */
function argsProblem(error: unknown, known: readonly string[]): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? "an option";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const close = option.startsWith("--") ? closestName(option.slice(2), known) : undefined;
    return `unknown option ${option}${close ? `; did you mean --${close}?` : ""}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return message.includes("does not take") ? `${option} takes no value` : `${option} needs a value`;
  return message.split("\n")[0] ?? message;
}

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
function parseStrict(pairs: readonly string[]): Strictness | string {
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
