import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { findStale, type GeneratedFile } from "./generate.ts";

/** Writes the files whose content changed; returns those written. Unchanged files keep their mtime. */
export function writeFiles(files: readonly GeneratedFile[]): GeneratedFile[] {
  const stale = findStale(files);
  writeAll(stale);
  return stale;
}

/** Writes every file given, without comparing, making each folder once. */
export function writeAll(files: readonly GeneratedFile[]): void {
  const folders = new Set<string>();
  for (const file of files) {
    const folder = dirname(file.path);
    if (!folders.has(folder)) mkdirSync(folder, { recursive: true });
    folders.add(folder);
    writeFileSync(file.path, file.content);
  }
}
