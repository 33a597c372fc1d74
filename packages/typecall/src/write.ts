import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { findStale, type GeneratedFile } from "./generate.ts";

/** Writes the files whose content changed; returns those written. Unchanged files keep their mtime. */
export function writeFiles(files: readonly GeneratedFile[]): GeneratedFile[] {
  const stale = findStale(files);
  for (const file of stale) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.content);
  }
  return stale;
}
