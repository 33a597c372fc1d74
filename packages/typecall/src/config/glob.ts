import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";

/**
 * Glob patterns for the CLI, so a quoted pattern means the same on every shell: `*` and `?` within
 * one path segment, `**` for any number of folders, `[abc]`, `[a-z]` and `[!a]` classes, `{a,b}`
 * alternatives (nested too). Like shells, wildcards do not match names starting with a dot unless
 * the segment itself starts with one. There are no escapes: an argument that exists on disk is
 * taken literally by the caller before it is ever read as a pattern.
 */

/** Options of {@link glob}. */
export interface GlobOptions {
  /** Folder names never entered, e.g. `node_modules`. */
  skipDirectories?: readonly string[];
}

/** Whether `pattern` uses any of the syntax of {@link glob}. */
export function isGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** The files (never folders) matching `pattern`, relative to `cwd`: absolute paths, sorted, unique. */
export function glob(pattern: string, cwd: string, options: GlobOptions = {}): string[] {
  const skip = new Set(options.skipDirectories ?? []);
  const found = new Set<string>();
  for (const alternative of alternatives(pattern)) matchPattern(alternative, cwd, skip, found);
  return [...found].sort();
}

/** The pattern's alternatives (`{a,b}` expanded), with `/` between segments on every platform. */
function alternatives(pattern: string): string[] {
  return expandBraces(sep === "\\" ? pattern.replaceAll("\\", "/") : pattern);
}

/**
 * The folders under which `pattern` (relative to `cwd`) can match a file: each alternative's
 * segments before its first wildcard (`src/tools/*.ts` -> `src/tools`, `src/**\/x.ts` -> `src`).
 * What a watcher watches to see a matching module appear.
 */
export function patternBases(pattern: string, cwd: string): string[] {
  const bases = alternatives(pattern).map((alternative) => {
    const segments = alternative.split("/");
    const wild = segments.findIndex(isGlob);
    return resolve(cwd, segments.slice(0, wild === -1 ? -1 : wild).join("/") || ".");
  });
  return [...new Set(bases)];
}

/** `src/{a,b}/*.ts` -> `src/a/*.ts`, `src/b/*.ts`; a brace without a top-level comma is literal. */
function expandBraces(pattern: string): string[] {
  for (let open = pattern.indexOf("{"); open !== -1; open = pattern.indexOf("{", open + 1)) {
    const group = braceGroup(pattern, open);
    if (!group) continue;
    const before = pattern.slice(0, open);
    const after = pattern.slice(group.close + 1);
    return group.alternatives.flatMap((alternative) => expandBraces(`${before}${alternative}${after}`));
  }
  return [pattern];
}

function braceGroup(pattern: string, open: number): { alternatives: string[]; close: number } | undefined {
  const alternatives: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "{") depth++;
    else if (char === "}" && --depth === 0) {
      if (alternatives.length === 0) return undefined;
      return { alternatives: [...alternatives, pattern.slice(start, i)], close: i };
    } else if (char === "," && depth === 1) {
      alternatives.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  return undefined;
}

const GLOBSTAR = Symbol("**");

/** Walks from the pattern's literal leading folders, matching one segment per folder level. */
function matchPattern(pattern: string, cwd: string, skip: ReadonlySet<string>, found: Set<string>): void {
  const parts = pattern.split("/");
  const literal = parts.findIndex(isGlob);
  const baseParts = literal === -1 ? parts : parts.slice(0, literal);
  const base = resolve(cwd, baseParts.join("/") || (pattern.startsWith("/") ? "/" : "."));
  if (literal === -1) {
    if (kindOf(base) === "file") found.add(base);
    return;
  }
  const matchers = parts.slice(literal).map((part) => (part === "**" ? GLOBSTAR : segmentMatcher(part)));
  const seen = new Set<string>();
  const visit = (dir: string, index: number): void => {
    const key = `${index}\0${dir}`;
    if (seen.has(key)) return;
    seen.add(key);
    const matcher = matchers[index];
    const last = index === matchers.length - 1;
    if (matcher === GLOBSTAR && !last) visit(dir, index + 1);
    for (const entry of readEntries(dir)) {
      const path = join(dir, entry.name);
      if (matcher === GLOBSTAR) {
        if (entry.name.startsWith(".")) continue;
        // Real folders only: following symbolic links under `**` could loop forever.
        if (entry.isDirectory()) {
          if (!skip.has(entry.name)) visit(path, index);
        } else if (last && kindOf(path) === "file") found.add(path);
      } else if (matcher?.test(entry.name)) {
        const kind = kindOf(path);
        if (last && kind === "file") found.add(path);
        else if (!last && kind === "directory" && !skip.has(entry.name)) visit(path, index + 1);
      }
    }
  };
  visit(base, 0);
}

/** One path segment (`*.tools.ts`, `tool?.[cm]ts`) as an anchored regular expression. */
function segmentMatcher(segment: string): RegExp {
  let source = segment.startsWith(".") ? "" : "(?!\\.)";
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i] as string;
    const classEnd = char === "[" ? findClassEnd(segment, i) : -1;
    if (char === "*") {
      source += "[^/]*";
      while (segment[i + 1] === "*") i++;
    } else if (char === "?") {
      source += "[^/]";
    } else if (classEnd !== -1) {
      const body = segment.slice(i + 1, classEnd);
      const negated = body.startsWith("!") || body.startsWith("^");
      source += `[${negated ? "^" : ""}${(negated ? body.slice(1) : body).replace(/[\\\]^]/g, "\\$&")}]`;
      i = classEnd;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  try {
    return new RegExp(`^${source}$`);
  } catch {
    // An invalid class such as `[z-a]` matches nothing rather than failing the whole run.
    return /(?!)/;
  }
}

/** The index of the `]` closing the class opened at `open` (a leading `]` is a member), or -1. */
function findClassEnd(segment: string, open: number): number {
  let i = open + 1;
  if (segment[i] === "!" || segment[i] === "^") i++;
  if (segment[i] === "]") i++;
  return segment.indexOf("]", i);
}

function readEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** `"file"`, `"directory"` (following symbolic links), or undefined when nothing is there. */
export function kindOf(path: string): "file" | "directory" | undefined {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return "directory";
    return stats.isFile() ? "file" : undefined;
  } catch {
    return undefined;
  }
}
