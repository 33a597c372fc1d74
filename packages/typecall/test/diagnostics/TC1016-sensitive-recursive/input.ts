/** A folder and the folders in it. */
export interface Folder {
  name: string;
  /** @sensitive */
  accessKey: string;
  children: Folder[];
}

/**
 * Copies a folder tree.
 * @param tree The folders to copy
 */
export function copyTree(tree: Folder): number {
  return tree.children.length;
}

/** A comment and its replies. */
export interface Comment {
  text: string;
  author: { name: string; /** @sensitive */ email: string };
  replies: Comment[];
}

/**
 * Reads a discussion.
 * @param id The discussion
 */
export function readThread(id: string): Comment {
  return { text: id, author: { name: "", email: "" }, replies: [] };
}
