import type { Node } from "ts-morph";
import type { SourceLocation } from "../ir/types.ts";

/** The location of a node's text (without leading trivia). */
export function locationOf(node: Node): SourceLocation {
  const sourceFile = node.getSourceFile();
  const start = node.getStart();
  const { line, column } = sourceFile.getLineAndColumnAtPos(start);
  return { file: sourceFile.getFilePath(), line, column, start, length: node.getEnd() - start };
}
