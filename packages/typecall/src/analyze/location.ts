import type { Node, SourceFile } from "typescript";
import type { SourceLocation } from "../ir/types.ts";

/** The location of a node's text (without leading trivia). */
export function locationOf(node: Node): SourceLocation {
  const sourceFile = node.getSourceFile();
  const start = node.getStart(sourceFile);
  const { line, column } = lineAndColumn(sourceFile, start);
  return { file: sourceFile.fileName, line, column, start, length: node.getEnd() - start };
}

/** Where each line of a file starts, after each `\n`. */
const lineStarts = new WeakMap<SourceFile, number[]>();

/**
 * The 1-based line (counted in `\n`) and column (from the last `\n` or `\r`) of a position.
 */
function lineAndColumn(sourceFile: SourceFile, pos: number): { line: number; column: number } {
  const text = sourceFile.text;
  let starts = lineStarts.get(sourceFile);
  if (!starts) {
    starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    lineStarts.set(sourceFile, starts);
  }
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= pos) low = middle;
    else high = middle - 1;
  }
  let lineStart = pos;
  while (lineStart > 0 && text[lineStart - 1] !== "\n" && text[lineStart - 1] !== "\r") lineStart--;
  return { line: low + 1, column: pos - lineStart + 1 };
}
