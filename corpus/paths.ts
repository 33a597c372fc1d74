/** Value paths: segments from the arguments object, and the runtime's text form of them. */
import type { ValuePath } from "./checker.ts";

/** A runtime issue path (`guests[0].email`, `["my-name"]`, `$`) as segments. */
export function parseIssuePath(text: string): ValuePath {
  const segments: ValuePath = [];
  const token = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let at = text === "$" ? 1 : 0;
  while (at < text.length) {
    token.lastIndex = at;
    const match = token.exec(text);
    if (!match) return [...segments, text.slice(at)];
    const [, name, index, quoted] = match;
    segments.push(name ?? (index !== undefined ? Number(index) : (JSON.parse(quoted as string) as string)));
    at = token.lastIndex;
  }
  return segments;
}

/** Whether `path` is `prefix` or lies below it. */
export function startsWith(path: ValuePath, prefix: ValuePath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}

/** `a.b[0]["x-y"]`, or `$` for the arguments object; a `"[]"` segment (array items, in schema paths) is `[]`. */
export function formatPath(path: ValuePath): string {
  if (path.length === 0) return "$";
  return path
    .map((s, i) =>
      typeof s === "number"
        ? `[${s}]`
        : s === "[]"
          ? "[]"
          : /^[A-Za-z_$][\w$]*$/.test(s)
            ? `${i === 0 ? "" : "."}${s}`
            : `[${JSON.stringify(s)}]`,
    )
    .join("");
}
