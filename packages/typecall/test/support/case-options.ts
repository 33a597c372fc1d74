import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GenerateOptions } from "../../src/index.ts";

/** What a case folder's `options.json` may say: generate options, and more entries of the folder. */
export type CaseOptions = Partial<Pick<GenerateOptions, "allowAny" | "severity" | "dialects" | "strict">> & {
  alsoEntries?: string[];
};

/** The `options.json` of a case folder (allowAny, severity overrides, dialects, strict, alsoEntries), or none. */
export function caseOptions(folder: string): CaseOptions {
  const file = join(folder, "options.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as CaseOptions) : {};
}
