/** How the CLI shows paths and diagnostics. */
import { relative } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { fileReader, formatDiagnostic, formatSummary } from "../diagnostics/format.ts";

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

/** `path` relative to the working directory, with forward slashes. */
export function display(path: string, io: CliIO): string {
  return relative(io.cwd, path).replaceAll("\\", "/");
}

/** Every diagnostic as tsc prints it, with its code frame, then the totals; nothing when there are none. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIO): void {
  if (diagnostics.length === 0) return;
  const readFile = fileReader();
  const displayPath = (file: string) => display(file, io);
  for (const diagnostic of diagnostics)
    io.stderr(`${formatDiagnostic(diagnostic, { readFile, displayPath })}\n`);
  io.stderr(`${formatSummary(diagnostics)}\n`);
}
