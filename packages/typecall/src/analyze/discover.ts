import { type ArrowFunction, type FunctionDeclaration, type FunctionExpression, Node, type SourceFile } from "ts-morph";

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
    const node = implementations.find((n) => !Node.isFunctionDeclaration(n) || n.hasBody()) ?? implementations[0];
    if (!node) continue;
    const overloads = Node.isFunctionDeclaration(node) ? node.getOverloads().length : 0;
    found.push({ exportName, node, overloads });
  }
  return found;
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
