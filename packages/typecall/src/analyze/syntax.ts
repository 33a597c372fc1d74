import type { Program, SourceFile } from "typescript";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { ts } from "../typescript.ts";

/**
 * TypeScript's syntax errors in an entry module and in every source file it imports, directly or
 * not (declaration files aside), as TC1009 with TypeScript's message and location. Analysing a
 * module that does not parse would report its damage as something else (a broken signature reads
 * as an overload), or nothing at all (a broken body).
 */
export function syntaxErrors(program: Program, entry: SourceFile): Diagnostic[] {
  return importedSources(program, entry).flatMap((file) =>
    program.getSyntacticDiagnostics(file).map((d) => {
      const start = d.start ?? 0;
      const { line, character } = file.getLineAndCharacterOfPosition(start);
      const location = {
        file: file.fileName,
        line: line + 1,
        column: character + 1,
        start,
        length: d.length ?? 0,
      };
      const message = `${ts.flattenDiagnosticMessageText(d.messageText, " ")} (TypeScript TS${d.code})`;
      return createDiagnostic("TC1009", message, { location });
    }),
  );
}

/** The entry and the source files it imports or re-exports, transitively, in the order found. */
function importedSources(program: Program, entry: SourceFile): SourceFile[] {
  const checker = program.getTypeChecker();
  const found = new Set<SourceFile>([entry]);
  for (const file of found) {
    for (const statement of file.statements) {
      const specifier =
        ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
          ? statement.moduleSpecifier
          : undefined;
      const target = specifier && checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      if (target && ts.isSourceFile(target) && !target.isDeclarationFile) found.add(target);
    }
  }
  return [...found];
}
