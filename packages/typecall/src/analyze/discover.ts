import type {
  ArrowFunction,
  ExportSpecifier,
  FunctionDeclaration,
  FunctionExpression,
  Node,
  SourceFile,
  Statement,
  SyntaxKind,
  Symbol as TsSymbol,
  TypeChecker,
} from "typescript";
import { ts } from "../typescript.ts";
import { aliasedSymbol, declarationsOf } from "./type-query.ts";

/** A function-like node that can become a tool. */
export type ToolFunction = FunctionDeclaration | ArrowFunction | FunctionExpression;

/** An exported function of an entry module, under the name it is exported as. */
export interface ExportedFunction {
  exportName: string;
  node: ToolFunction;
  /** Every declaration of the export: more than one means overloads. */
  overloads: number;
}

/**
 * Every exported function of a module: `export function`, `export const f = () => ...` or a
 * function expression, and re-exports (`export { f } from "./other"`, `export * from`), in
 * source order of the export names. Exports that are not functions are not tools.
 */
export function discoverFunctions(sourceFile: SourceFile, checker: TypeChecker): ExportedFunction[] {
  const moduleSymbol = checker.getSymbolAtLocation(sourceFile);
  const exported = exportedDeclarations(moduleSymbol, checker);
  const found: ExportedFunction[] = [];
  for (const [exportName, declarations] of exported) {
    const implementations = declarations.map(functionOf).filter((n) => n !== undefined);
    const node =
      implementations.find((n) => !ts.isFunctionDeclaration(n) || n.body !== undefined) ?? implementations[0];
    if (!node) continue;
    const overloads = ts.isFunctionDeclaration(node) ? overloadCount(node) : 0;
    found.push({ exportName, node, overloads });
  }
  const order = exportPositions(sourceFile, moduleSymbol, [...exported.keys()], checker);
  return found.sort((a, b) => (order.get(a.exportName) ?? 0) - (order.get(b.exportName) ?? 0));
}

/**
 * The declarations behind each export of the module, by export name, in the checker's order:
 * through re-exports, imports and `export default name` to what finally declares the value.
 */
function exportedDeclarations(moduleSymbol: TsSymbol | undefined, checker: TypeChecker): Map<string, Node[]> {
  const result = new Map<string, Node[]>();
  if (!moduleSymbol) return result;
  const ofSymbol = (symbol: TsSymbol | undefined): Node[] =>
    symbol ? declarationsOf(symbol).flatMap((d) => behind(d)) : [];
  const importedBy = (name: Node): Node[] => {
    const symbol = checker.getSymbolAtLocation(name);
    return symbol ? ofSymbol(aliasedSymbol(checker, symbol) ?? symbol) : [];
  };
  const behind = (declaration: Node): Node[] => {
    if (ts.isExportSpecifier(declaration))
      return ofSymbol(checker.getExportSpecifierLocalTargetSymbol(declaration));
    if (ts.isExportAssignment(declaration)) {
      const { expression } = declaration;
      return ts.isIdentifier(expression) ? ofSymbol(checker.getSymbolAtLocation(expression)) : [expression];
    }
    if (ts.isImportSpecifier(declaration)) return importedBy(declaration.name);
    if (ts.isImportClause(declaration)) return declaration.name ? importedBy(declaration.name) : [];
    if (ts.isNamespaceImport(declaration) || ts.isNamespaceExport(declaration))
      return importedBy(declaration.name);
    return [declaration];
  };
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const name = symbol.getName();
    const declarations = declarationsOf(symbol).flatMap((d) => behind(d));
    result.set(name, [...(result.get(name) ?? []), ...declarations]);
  }
  return result;
}

/** How many bodiless declarations (overload signatures) share the function's name beside it. */
function overloadCount(node: FunctionDeclaration): number {
  const name = node.name?.getText();
  let count = 0;
  ts.forEachChild(node.parent, (sibling) => {
    if (ts.isFunctionDeclaration(sibling) && sibling.name?.getText() === name && !sibling.body) count++;
  });
  return count;
}

/**
 * Where each export name appears in the module: its declaration, or the `export { }` statement
 * that re-exports it. Tools are listed in this order, the order the author wrote them.
 */
function exportPositions(
  sourceFile: SourceFile,
  moduleSymbol: TsSymbol | undefined,
  names: readonly string[],
  checker: TypeChecker,
): Map<string, number> {
  const positions = new Map<string, number>();
  const exports = [...(moduleSymbol?.exports?.values() ?? [])];
  const isExported = (symbol: TsSymbol | undefined) =>
    symbol !== undefined && exports.some((e) => e === symbol || aliasedSymbol(checker, e) === symbol);
  const defaultExport = moduleSymbol?.exports?.get(ts.escapeLeadingUnderscores("default"));
  const isDefault = (symbol: TsSymbol | undefined) =>
    symbol !== undefined &&
    defaultExport !== undefined &&
    (symbol === defaultExport || aliasedSymbol(checker, defaultExport) === symbol);
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause))
        for (const specifier of clause.elements) positions.set(exportedName(specifier), statement.getStart());
    } else if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of statement.declarationList.declarations)
        positions.set(declaration.name.getText(), statement.getStart());
    } else if (ts.isFunctionDeclaration(statement)) {
      const symbol = symbolOf(statement);
      if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword) && !isExported(symbol)) continue;
      const name =
        hasModifier(statement, ts.SyntaxKind.DefaultKeyword) || isDefault(symbol)
          ? "default"
          : statement.name?.getText();
      if (name !== undefined && !positions.has(name)) positions.set(name, statement.getStart());
    }
  }
  // Names from `export * from` have no statement of their own: they follow in the order found.
  let next = sourceFile.getEnd();
  for (const name of names) if (!positions.has(name)) positions.set(name, next++);
  return positions;
}

/** The name an `export { a as b }` specifier exports. */
function exportedName(specifier: ExportSpecifier): string {
  const { name, propertyName } = specifier;
  if (propertyName) return name.getText();
  return ts.isStringLiteral(name) ? name.text : name.getText();
}

function hasModifier(statement: Statement, kind: SyntaxKind): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === kind);
}

/** The symbol the binder gave a declaration. */
function symbolOf(node: Node): TsSymbol | undefined {
  return (node as { symbol?: TsSymbol }).symbol;
}

function functionOf(declaration: Node): ToolFunction | undefined {
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration)) {
    const inner = declaration.initializer && unwrap(declaration.initializer);
    if (inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner))) return inner;
  }
  return undefined;
}

/** `(async () => {}) satisfies X` and friends: look through wrappers that keep the function. */
function unwrap(node: Node): Node {
  if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) {
    return unwrap(node.expression);
  }
  return node;
}
