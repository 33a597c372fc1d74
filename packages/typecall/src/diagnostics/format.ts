import { readFileSync } from "node:fs";
import type { Diagnostic } from "./diagnostic.ts";

/** Options for {@link formatDiagnostic}. */
export interface FormatOptions {
  /** Reads a file's text for the code frame; the frame is left out when it returns undefined. */
  readFile?: (file: string) => string | undefined;
  /** Shortens absolute file names, e.g. relative to the working directory. */
  displayPath?: (file: string) => string;
}

/**
 * A `readFile` for {@link FormatOptions} that reads each file once (diagnostics of one file often
 * come in numbers); undefined for a file that cannot be read.
 */
export function fileReader(): (file: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        text = undefined;
      }
      texts.set(file, text);
    }
    return texts.get(file);
  };
}

/**
 * Prints a diagnostic the way tsc does: `file:line:col - error TC2002: message`,
 * a code frame with the span underlined, the fix hint and the tool > parameter path.
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}): string {
  const { location } = diagnostic;
  const where = location
    ? `${options.displayPath?.(location.file) ?? location.file}:${location.line}:${location.column} - `
    : "";
  const lines = [`${where}${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`];
  const text = location && options.readFile?.(location.file);
  if (location && text !== undefined)
    lines.push("", ...codeFrame(text, location.line, location.column, location.length));
  lines.push("", `  hint: ${diagnostic.hint}`);
  if (diagnostic.path.length > 0) lines.push(`  at: ${diagnostic.path.join(" > ")}`);
  return `${lines.join("\n")}\n`;
}

function codeFrame(text: string, line: number, column: number, length: number): string[] {
  const source = text.split(/\r?\n/)[line - 1];
  if (source === undefined) return [];
  const gutter = String(line);
  const width = Math.max(1, Math.min(length, source.length - column + 1));
  return [
    `${gutter} ${source}`,
    `${" ".repeat(gutter.length)} ${" ".repeat(column - 1)}${"~".repeat(width)}`,
  ];
}

/** One line of totals, like tsc's `Found 2 errors in 1 file.` */
export function formatSummary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = new Set(diagnostics.map((d) => d.location?.file).filter(Boolean)).size;
  const parts = [`${errors} error${errors === 1 ? "" : "s"}`];
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return `Found ${parts.join(" and ")} in ${files} file${files === 1 ? "" : "s"}.`;
}
