import {
  type ArrowFunction,
  type FunctionDeclaration,
  type FunctionExpression,
  Node,
  type SourceFile,
} from "ts-morph";

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
export function discoverFunctions(sourceFile: SourceFile): ExportedFunction[] {
  const found: ExportedFunction[] = [];
  for (const [exportName, declarations] of sourceFile.getExportedDeclarations()) {
    const implementations = declarations.map(functionOf).filter((n) => n !== undefined);
    const node =
      implementations.find((n) => !Node.isFunctionDeclaration(n) || n.hasBody()) ?? implementations[0];
    if (!node) continue;
    const overloads = Node.isFunctionDeclaration(node) ? node.getOverloads().length : 0;
    found.push({ exportName, node, overloads });
  }
  const order = exportPositions(sourceFile);
  return found.sort((a, b) => (order.get(a.exportName) ?? 0) - (order.get(b.exportName) ?? 0));
}

/**
 * Where each export name appears in the module: its declaration, or the `export { }` / `export *`
 * statement that re-exports it. Tools are listed in this order, the order the author wrote them.
 */
function exportPositions(sourceFile: SourceFile): Map<string, number> {
  const positions = new Map<string, number>();
  for (const statement of sourceFile.getStatements()) {
    if (Node.isExportDeclaration(statement)) {
      const specifiers = statement.getNamedExports();
      for (const specifier of specifiers) {
        positions.set(specifier.getAliasNode()?.getText() ?? specifier.getName(), statement.getStart());
      }
      if (specifiers.length === 0 && !statement.isNamespaceExport()) continue;
    }
    if (Node.isVariableStatement(statement) && statement.isExported()) {
      for (const declaration of statement.getDeclarations())
        positions.set(declaration.getName(), statement.getStart());
    } else if (Node.isFunctionDeclaration(statement) && statement.isExported()) {
      const name = statement.isDefaultExport() ? "default" : statement.getName();
      if (name !== undefined && !positions.has(name)) positions.set(name, statement.getStart());
    }
  }
  // Names from `export * from` have no statement of their own: they follow in the order found.
  let next = sourceFile.getEnd();
  for (const name of sourceFile.getExportedDeclarations().keys())
    if (!positions.has(name)) positions.set(name, next++);
  return positions;
}

function functionOf(declaration: Node): ToolFunction | undefined {
  if (Node.isFunctionDeclaration(declaration)) return declaration;
  if (Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    const inner = initializer && unwrap(initializer);
    if (inner && (Node.isArrowFunction(inner) || Node.isFunctionExpression(inner))) return inner;
  }
  return undefined;
}

/** `(async () => {}) satisfies X` and friends: look through wrappers that keep the function. */
function unwrap(node: Node): Node {
  if (Node.isParenthesizedExpression(node) || Node.isSatisfiesExpression(node) || Node.isAsExpression(node)) {
    return unwrap(node.getExpression());
  }
  return node;
}
