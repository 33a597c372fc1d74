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

/**
 * A bug of typecall's own, caught where it happened, as TC9001: the error's message without its
 * stack (set `TYPECALL_DEBUG=1` to include the stack, for a bug report).
 */
export function internalError(
  doing: string,
  error: unknown,
  at: { location?: SourceLocation | undefined; path?: (string | number)[] },
): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  const stack = globalThis.process?.env?.TYPECALL_DEBUG && error instanceof Error ? `\n${error.stack}` : "";
  return createDiagnostic("TC9001", `Internal error while ${doing}: ${detail}${stack}`, at);
}

/**
 * Runs `work` over all tools; when it throws (a bug of ours), runs it for each tool alone to name
 * the ones at fault, and returns their TC9001 diagnostics instead of a result.
 */
export function guarded<Tool extends { name: string; location: SourceLocation }, T>(
  tools: readonly Tool[],
  doing: string,
  work: (tools: Tool[]) => T,
): T | Diagnostic[] {
  try {
    return work([...tools]);
  } catch (error) {
    const failures = tools.flatMap((tool) => {
      try {
        work([tool]);
        return [];
      } catch (own) {
        return [
          internalError(`${doing} "${tool.name}"`, own, { location: tool.location, path: [tool.name] }),
        ];
      }
    });
    return failures.length > 0 ? failures : [internalError(doing, error, {})];
  }
}
