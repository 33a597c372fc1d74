import type { Node, SourceFile } from "typescript";
import type { SourceLocation } from "../ir/types.ts";

/** The location of a node's text (without leading trivia). */
export function locationOf(node: Node): SourceLocation {
  const sourceFile = node.getSourceFile();
  const start = node.getStart(sourceFile);
  const { line, column } = lineAndColumn(sourceFile, start);
  return { file: sourceFile.fileName, line, column, start, length: node.getEnd() - start };
}

/** Where each line of a file starts (after each `\n`), and whether the file has a `\r` at all. */
const lineStarts = new WeakMap<SourceFile, { starts: number[]; cr: boolean }>();

/**
 * The 1-based line (counted in `\n`) and column (from the last `\n` or `\r`) of a position.
 */
function lineAndColumn(sourceFile: SourceFile, pos: number): { line: number; column: number } {
  const text = sourceFile.text;
  let lines = lineStarts.get(sourceFile);
  if (!lines) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    lines = { starts, cr: text.includes("\r") };
    lineStarts.set(sourceFile, lines);
  }
  const { starts } = lines;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= pos) low = middle;
    else high = middle - 1;
  }
  let lineStart = pos;
  if (lines.cr)
    while (lineStart > 0 && text[lineStart - 1] !== "\n" && text[lineStart - 1] !== "\r") lineStart--;
  else lineStart = starts[low] as number;
  return { line: low + 1, column: pos - lineStart + 1 };
}
