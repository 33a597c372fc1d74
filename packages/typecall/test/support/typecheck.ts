import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

/**
 * Type-checks files with the repository's compiler options (strict, exactOptionalPropertyTypes,
 * source export condition) plus noUnusedLocals/Parameters, and returns every diagnostic as
 * `file:line:col message` text.
 */
export function typecheck(files: readonly string[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("cannot read tsconfig.json");
  // The strictest settings an app may use: generated code must pass them all.
  const options = { ...config.options, noEmit: true, noUnusedLocals: true, noUnusedParameters: true };
  const program = ts.createProgram({ rootNames: [...files], options });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${replaceRoot(d.file.fileName)}:${line + 1}:${character + 1} ${message}`;
  });
}

/** Replaces the repository's absolute path by `<root>`, so snapshots are portable. */
export function replaceRoot(text: string): string {
  return text.replaceAll(ROOT, "<root>");
}
