/**
 * The generated module diffs like hand-written code: adding a parameter to a tool of the quick
 * start changes only lines that are about that parameter (its own checks and schema lines, and the
 * lists that name every parameter), wherever it is added: first, in the middle or last.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../packages/typecall/src/index.ts";

const QUICKSTART = join(import.meta.dirname, "..", "examples", "quickstart", "src");

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The quick start's module generated from its tools, after `edit` changed their source. */
function generated(edit: (source: string) => string): string {
  // Beside the quick start, so that its tsconfig and `@typecall/runtime` are found as there.
  const dir = mkdtempSync(join(QUICKSTART, ".edits-"));
  dirs.push(dir);
  for (const file of ["types.ts", "tools.ts"]) copyFileSync(join(QUICKSTART, file), join(dir, file));
  const entry = join(dir, "tools.ts");
  writeFileSync(entry, edit(readFileSync(entry, "utf8")));
  const { files, diagnostics } = generate({ entries: [entry] });
  expect(diagnostics).toEqual([]);
  return files[0]?.content ?? "";
}

/** The lines only in `before` and only in `after`, by a longest common subsequence of lines. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (table[i] as number[])[j] =
        a[i] === b[j]
          ? ((table[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((table[i + 1] as number[])[j] as number, (table[i] as number[])[j + 1] as number);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (
      j < b.length &&
      (i === a.length ||
        ((table[i] as number[])[j + 1] as number) >= ((table[i + 1] as number[])[j] as number))
    ) {
      added.push(b[j++] as string);
    } else removed.push(a[i++] as string);
  }
  return { removed, added };
}

const DOC = "   * @param amenities Features every returned hotel must have\n";
const placements = {
  first: (s: string) =>
    s
      .replace(
        " * @param city City name",
        " * @param stars Fewest stars a hotel may have\n * @param city City name",
      )
      .replace(
        "export async function searchHotels(\n  city: string,",
        "export async function searchHotels(\n  stars: number,\n  city: string,",
      ),
  middle: (s: string) =>
    s
      .replace(
        " * @param amenities Features",
        " * @param stars Fewest stars a hotel may have\n * @param amenities Features",
      )
      .replace("  maxPrice?: number,\n  amenities", "  maxPrice?: number,\n  stars?: number,\n  amenities"),
  last: (s: string) =>
    s
      .replace(
        " * @param amenities Features every returned hotel must have",
        `${DOC.trim().replace("   ", " ")}\n * @param stars Fewest stars a hotel may have`,
      )
      .replace(
        "  amenities: Amenity[] = [],\n): Promise<Hotel[]>",
        "  amenities: Amenity[] = [],\n  stars = 3,\n): Promise<Hotel[]>",
      ),
};

describe("adding a parameter to a quick-start tool", () => {
  const before = generated((s) => s);

  it.each(Object.keys(placements) as (keyof typeof placements)[])(
    "added %s, changes only lines about it",
    (placement) => {
      const after = generated(placements[placement]);
      expect(after).not.toBe(before);
      const { removed, added } = lineDiff(before, after);
      // Every new or rewritten line names the parameter (its checks, its schema, the lists of all),
      // or only closes what such a line opened.
      const unrelated = added.filter((line) => !/stars/i.test(line) && !/^[\s{}()[\];,]*$/.test(line));
      expect(unrelated).toEqual([]);
      // A line that was there before is only ever rewritten to name the parameter too: without it,
      // the new line reads as the old one.
      const withoutParameter = (line: string) =>
        line.replace(/args\.stars as never|"stars"|stars\??: [^;]+;/g, "").replace(/[\s,]/g, "");
      for (const line of removed) {
        const rewritten = added.some((a) => withoutParameter(a) === withoutParameter(line));
        expect(rewritten, `a removed line with no rewritten counterpart: ${line}`).toBe(true);
      }
    },
  );
});
