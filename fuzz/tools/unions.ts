/**
 * Tools over recursive unions, for the fuzzer's union families: a chain of tagged nodes (a union
 * with a discriminant), a tree of untagged branches (members told apart by their keys) and a list
 * of untagged cells (members that share the recursive key and differ by a value's type). Each
 * walks its input iteratively, so a deep input costs the tool nothing: what the fuzzer measures is
 * the runtime's cost of coercing and validating it.
 */

/** A node of a chain: its `kind` tells the two members apart. */
export type Node = { kind: "a"; next: Node | null } | { kind: "b"; next: Node | null };

/** A branch of a tree: the members differ only by which key they have. */
export type Tree = { left: Tree | null } | { right: Tree | null };

/** A cell of a list: the members share `next` and differ only by the type of `value`. */
export type Cell = { value: string; next: Cell | null } | { value: number; next: Cell | null };

/**
 * Counts the nodes of a chain and how many are of kind "a".
 * @param chain The first node
 */
export function countChain(chain: Node): { nodes: number; a: number } {
  let nodes = 0;
  let a = 0;
  for (let node: Node | null = chain; node !== null; node = node.next) {
    nodes++;
    if (node.kind === "a") a++;
  }
  return { nodes, a };
}

/**
 * The depth of a tree that branches one way at each level.
 * @param tree The root branch
 */
export function treeDepth(tree: Tree): number {
  let depth = 0;
  for (let branch: Tree | null = tree; branch !== null; depth++) {
    branch = "left" in branch ? branch.left : branch.right;
  }
  return depth;
}

/**
 * The number of cells of a list and the sum of its numeric values.
 * @param list The first cell
 */
export function sumCells(list: Cell): { cells: number; sum: number } {
  let cells = 0;
  let sum = 0;
  for (let cell: Cell | null = list; cell !== null; cell = cell.next) {
    cells++;
    if (typeof cell.value === "number") sum += cell.value;
  }
  return { cells, sum };
}
