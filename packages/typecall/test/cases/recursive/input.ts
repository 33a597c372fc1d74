/** A folder tree. */
export interface Folder {
  /** Folder name. */
  name: string;
  /** Sub-folders. */
  children: Folder[];
}

/** A JSON-like expression tree. */
export type Expr = { op: "num"; value: number } | { op: "add" | "mul"; args: Expr[] };

/**
 * Counts the folders in a tree.
 * @param root The top folder
 * @param depthLimit Stop below this depth
 */
export function countFolders(root: Folder, depthLimit = 10): number {
  const count = (f: Folder, depth: number): number =>
    depth > depthLimit ? 0 : 1 + f.children.reduce((n, c) => n + count(c, depth + 1), 0);
  return count(root, 0);
}

/**
 * Evaluates an expression.
 * @param expr The expression
 */
export function evaluate(expr: Expr): number {
  if (expr.op === "num") return expr.value;
  const values = expr.args.map(evaluate);
  return expr.op === "add" ? values.reduce((a, b) => a + b, 0) : values.reduce((a, b) => a * b, 1);
}
