/**
 * `typecall inspect`: what a model sees of each tool in one dialect (its name, description, schema
 * and strictness) and the tool's diagnostics, from `generate()` in memory; nothing is written.
 * As text, as one line per tool (`--quiet`), or as one JSON document (`--json`, {@link InspectDocument}).
 */
import { _mcpOutputSchema } from "@typecall/runtime/internal";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { toolDescription } from "../emit/description.ts";
import { DIALECT_NAMES, DIALECTS, type DialectName, STRICT_DIALECTS } from "../emit/dialects/index.ts";
import { resultSchema } from "../emit/schema.ts";
import { type GenerateOptions, generate } from "../generate.ts";
import { closestName } from "../suggest.ts";
import type { Flags } from "./args.ts";
import { type CliIO, display } from "./report.ts";

/**
 * What `typecall inspect --json` prints: version 1 of this shape. Paths are relative to the
 * working directory, with forward slashes; keys always come in this order.
 */
export interface InspectDocument {
  version: 1;
  /** The dialect shown. */
  dialect: DialectName;
  /** One per entry, in entry order. */
  modules: InspectModule[];
  /** The errors and warnings shown, over every module. */
  errors: number;
  warnings: number;
}

/** One entry module. */
export interface InspectModule {
  entry: string;
  tools: InspectTool[];
  /** The diagnostics about no tool listed: the module's own, and those of tools refused for errors. */
  diagnostics: InspectDiagnostic[];
}

/** One tool as the dialect sends it. */
export interface InspectTool {
  /** The name it is sent under in this dialect. */
  name: string;
  /** The function's export name. */
  exportName: string;
  description: string;
  /** Whether it is sent strict; null where the dialect has no strict mode. */
  strict: boolean | null;
  /** The arguments' JSON Schema, as this dialect carries it. */
  schema: Record<string, unknown>;
  /** The result's JSON Schema, for a dialect that carries one (MCP's `outputSchema`) and a result JSON can express. */
  outputSchema?: Record<string, unknown>;
  diagnostics: InspectDiagnostic[];
}

/** A diagnostic, its location relative to the working directory. */
export interface InspectDiagnostic {
  code: string;
  severity: "error" | "warning";
  message: string;
  hint: string;
  /** Tool > parameter > property. */
  path: (string | number)[];
  location: { file: string; line: number; column: number } | null;
}

/** Runs `inspect` over the resolved options; exit 1 when what it shows has errors, 2 for a bad --dialect or --tool. */
export function runInspect(options: GenerateOptions, flags: Flags, io: CliIO): number {
  const dialect = chosenDialect(options, flags);
  if (typeof dialect !== "string") {
    io.stderr(`typecall: ${dialect.problem}\n`);
    return 2;
  }
  const verbose = !flags.json && !flags.quiet;
  const count = options.entries.length;
  const started = Date.now();
  if (verbose) io.stderr(`analysing ${count} module${count === 1 ? "" : "s"}...\n`);
  const document = inspectDocument(options, dialect, io);
  if (verbose) io.stderr(`analysed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const shown = flags.tool === undefined ? document : onlyTool(document, flags.tool);
  if ("problem" in shown) {
    io.stderr(`typecall: ${shown.problem}\n`);
    return 2;
  }
  if (flags.json) io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  else io.stdout(flags.quiet ? quietText(shown) : text(shown));
  return shown.errors > 0 ? 1 : 0;
}

/** `--dialect`, else openai, else the first dialect asked for; one not asked for is a problem. */
function chosenDialect(options: GenerateOptions, flags: Flags): DialectName | { problem: string } {
  const asked = options.dialects ?? DIALECT_NAMES;
  const emitted = ["json-schema", ...asked.filter((d) => d !== "json-schema")] as DialectName[];
  if (flags.dialect === undefined)
    return emitted.includes("openai")
      ? "openai"
      : (emitted.find((d) => d !== "json-schema") ?? "json-schema");
  if (emitted.includes(flags.dialect)) return flags.dialect;
  return {
    problem: `--dialect ${flags.dialect}: the dialects asked for are ${emitted.join(", ")}; add it to --dialects (or the config's dialects) to inspect it`,
  };
}

function inspectDocument(options: GenerateOptions, dialect: DialectName, io: CliIO): InspectDocument {
  const result = generate(options);
  const hasStrict = STRICT_DIALECTS.includes(dialect as never);
  const modules = result.modules.map((module, m): InspectModule => {
    const tools = result.toolsets[m]?.tools ?? [];
    const names = new Set(tools.map((t) => t.name));
    const about = (name: string) => module.diagnostics.filter((d) => d.path[0] === name);
    return {
      entry: display(module.entry, io),
      tools: tools.map((tool, t): InspectTool => {
        const sent = module.tools[t];
        const definitions = result.toolsets[m]?.definitions;
        return {
          name: sent?.names[dialect] ?? tool.name,
          exportName: tool.exportName,
          description: toolDescription(tool),
          strict: hasStrict ? sent?.strict.includes(dialect) === true : null,
          schema: sent?.schemas.find((s) => s.dialect === dialect)?.schema ?? {},
          // What the MCP runtime sends of the result schema the module carries.
          ...(dialect === "mcp" &&
            tool.returns !== undefined && {
              outputSchema: _mcpOutputSchema(resultSchema(tool.returns, definitions)) as Record<
                string,
                unknown
              >,
            }),
          diagnostics: about(tool.name).map((d) => shownDiagnostic(d, io)),
        };
      }),
      diagnostics: module.diagnostics
        .filter((d) => !names.has(String(d.path[0])))
        .map((d) => shownDiagnostic(d, io)),
    };
  });
  return withCounts({ version: 1, dialect, modules, errors: 0, warnings: 0 });
}

function shownDiagnostic(diagnostic: Diagnostic, io: CliIO): InspectDiagnostic {
  const { code, severity, message, hint, path, location } = diagnostic;
  const at = location && { file: display(location.file, io), line: location.line, column: location.column };
  return { code, severity, message, hint, path, location: at ?? null };
}

/** The document with only the tool named `name` (sent, tool or export name) and the diagnostics about it. */
function onlyTool(document: InspectDocument, name: string): InspectDocument | { problem: string } {
  const named = (tool: InspectTool) => tool.name === name || tool.exportName === name;
  const modules = document.modules.map((module) => ({
    ...module,
    tools: module.tools.filter(named),
    diagnostics: module.diagnostics.filter((d) => d.path[0] === name),
  }));
  if (modules.some((m) => m.tools.length > 0 || m.diagnostics.length > 0))
    return withCounts({ ...document, modules });
  const known = document.modules.flatMap((m) => m.tools.map((t) => t.name));
  const close = closestName(name, known);
  const hint = close === undefined ? "" : `; did you mean "${close}"?`;
  const list = known.length > 0 ? ` The tools are ${known.join(", ")}.` : "";
  return { problem: `--tool ${name}: no tool of that name${hint || "."}${list}` };
}

function withCounts(document: InspectDocument): InspectDocument {
  const all = document.modules.flatMap((m) => [...m.diagnostics, ...m.tools.flatMap((t) => t.diagnostics)]);
  const errors = all.filter((d) => d.severity === "error").length;
  return { ...document, errors, warnings: all.length - errors };
}

function text(document: InspectDocument): string {
  const provider = DIALECTS.find((d) => d.name === document.dialect)?.provider ?? document.dialect;
  const lines: string[] = [];
  for (const module of document.modules) {
    const count = `${module.tools.length} tool${module.tools.length === 1 ? "" : "s"}`;
    lines.push(`${module.entry}: ${count}, as sent to ${provider} (${document.dialect})`);
    for (const tool of module.tools) {
      const notes = [
        ...(tool.strict === null ? [] : [strictness(tool)]),
        ...(tool.name === tool.exportName ? [] : [`export ${tool.exportName}`]),
      ];
      lines.push("", notes.length > 0 ? `${tool.name} (${notes.join("; ")})` : tool.name);
      lines.push(...indent(tool.description || "(no description)"));
      lines.push(...indent(jsonText(tool.schema)));
      if (tool.outputSchema !== undefined)
        lines.push("  output schema:", ...indent(jsonText(tool.outputSchema), 4));
      lines.push(
        ...(tool.diagnostics.length > 0 ? tool.diagnostics.flatMap(diagnosticText) : ["  no warnings"]),
      );
    }
    for (const [name, diagnostics] of byTool(module.diagnostics)) {
      lines.push("", name ? `${name}: not sent, for its errors` : `${module.entry}, the module:`);
      lines.push(...diagnostics.flatMap(diagnosticText));
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** `strict` or `non-strict`; `-` where the dialect has no strict mode. */
function strictness(tool: InspectTool): string {
  if (tool.strict === null) return "-";
  return tool.strict ? "strict" : "non-strict";
}

/** Diagnostics about no listed tool, by the tool they name (refused for its errors), "" for the module's own. */
function byTool(diagnostics: readonly InspectDiagnostic[]): Map<string, InspectDiagnostic[]> {
  const groups = new Map<string, InspectDiagnostic[]>();
  for (const d of diagnostics) {
    const name = d.path.length > 0 ? String(d.path[0]) : "";
    groups.set(name, [...(groups.get(name) ?? []), d]);
  }
  return groups;
}

/** JSON as `JSON.stringify(value, null, 2)`, but a short list of plain values on one line. */
function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (whole, inner: string) => {
    const line = `[${inner.split(/,\n\s*/).join(", ")}]`;
    return line.length <= 60 ? line : whole;
  });
}

function diagnosticText(d: InspectDiagnostic): string[] {
  const at = d.location ? ` (${d.location.file}:${d.location.line}:${d.location.column})` : "";
  return [`  ${d.severity} ${d.code}: ${d.message}${at}`, `    hint: ${d.hint}`];
}

function quietText(document: InspectDocument): string {
  const lines: string[] = [];
  for (const module of document.modules) {
    lines.push(module.entry);
    const rows = module.tools.map((t) => [t.name, strictness(t), countText(t.diagnostics)]);
    for (const [name, diagnostics] of byTool(module.diagnostics))
      rows.push([name || "(module)", name ? "not sent" : "-", countText(diagnostics)]);
    const widths = [0, 1].map((c) => Math.max(0, ...rows.map((r) => (r[c] as string).length)));
    for (const row of rows)
      lines.push(
        `  ${row
          .map((cell, c) => cell.padEnd(widths[c] ?? 0))
          .join("  ")
          .trimEnd()}`,
      );
  }
  return `${lines.join("\n")}\n`;
}

/** `0 warnings`, `1 error`, `1 error, 2 warnings`. */
function countText(diagnostics: readonly InspectDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (errors === 0) return plural(warnings, "warning");
  return warnings === 0
    ? plural(errors, "error")
    : `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

function indent(block: string, spaces = 2): string[] {
  const pad = " ".repeat(spaces);
  return block.split("\n").map((line) => (line === "" ? "" : `${pad}${line}`));
}
