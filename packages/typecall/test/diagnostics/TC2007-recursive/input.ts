/** A folder tree. */
export interface Folder {
  name: string;
  children: Folder[];
}

/** Creates folders. */
export function createTree(root: Folder): number {
  return root.children.length;
}
