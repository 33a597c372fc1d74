import type { SourceLocation } from "../ir/types.ts";
import { codes, type DiagnosticCode } from "./codes.ts";

/** A problem found while compiling tools. Collected, never thrown. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: "error" | "warning";
  message: string;
  location?: SourceLocation;
  /** Tool > parameter > property, e.g. `["bookRoom", "guests", 0, "email"]`. */
  path: (string | number)[];
  hint: string;
}

/** Creates a diagnostic with the catalogue's severity and hint unless given. */
export function createDiagnostic(
  code: DiagnosticCode,
  message: string,
  at: { location?: SourceLocation | undefined; path?: (string | number)[]; hint?: string },
): Diagnostic {
  const info = codes[code];
  const diagnostic: Diagnostic = {
    code,
    severity: info.severity,
    message,
    path: at.path ?? [],
    hint: at.hint ?? info.hint,
  };
  if (at.location) diagnostic.location = at.location;
  return diagnostic;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by file, then position, then code: the order they print in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.location?.file ?? "").localeCompare(b.location?.file ?? "") ||
      (a.location?.start ?? -1) - (b.location?.start ?? -1) ||
      a.code.localeCompare(b.code),
  );
}
