/**
 * `./tools.ts?tools`: the generated module of an entry, made in memory. Bundlers take a module
 * whose id ends in a query for JavaScript, so the generated TypeScript is stripped of its types
 * here (the exact types are those of the generated `.typecall.ts`).
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { ts } from "../typescript.ts";

/** The query that marks a virtual toolset module. */
export const TOOLS_QUERY = "?tools";

/** The entry file a `?tools` id names, or undefined when the id is not one. */
export function virtualEntry(id: string): string | undefined {
  return id.endsWith(TOOLS_QUERY) ? id.slice(0, -TOOLS_QUERY.length) : undefined;
}

/**
 * The absolute id of a `?tools` import (`<entry>?tools`), or, for the relative import of its
 * entry made by a virtual module, the entry itself: the generated code sits beside its entry.
 */
export function resolveVirtual(id: string, importer: string | undefined, root: string): string | undefined {
  const entry = virtualEntry(id);
  if (entry !== undefined) {
    const base = importer === undefined ? root : dirname(virtualEntry(importer) ?? importer);
    return `${isAbsolute(entry) ? fromRoot(entry, root) : resolve(base, entry)}${TOOLS_QUERY}`;
  }
  const virtual = importer === undefined ? undefined : virtualEntry(importer);
  if (virtual === undefined || !id.startsWith(".")) return undefined;
  // Normalised: rspack's unplugin hands the importer back as `//<path>` from its virtual folder.
  const from = resolve(virtual);
  const target = resolve(dirname(from), id).replace(/\.[cm]?[jt]sx?$/, "");
  return target === from.replace(/\.[cm]?[jt]sx?$/, "") ? from : undefined;
}

/**
 * An absolute path, or a URL path as vite's dev server asks for it: from the root (`/src/tools.ts`,
 * what a browser requests), or `/@fs/` and a path outside it. As in vite, a path that starts with
 * `/` is the root's file where the root has it, unless it starts with the root already. Normalised
 * as the engine's entries are, so that one file is one entry whichever way it was named.
 */
function fromRoot(path: string, root: string): string {
  // `/@fs/C:/app/tools.ts` on Windows: the drive starts the path.
  if (path.startsWith(FS_PREFIX))
    return resolve(path.slice(FS_PREFIX.length - 1).replace(/^\/(?=[A-Za-z]:)/, ""));
  const base = resolve(root);
  if (!path.startsWith("/") || resolve(path).startsWith(base + sep)) return resolve(path);
  const inRoot = join(base, path);
  return existsSync(inRoot) ? inRoot : resolve(path);
}

const FS_PREFIX = "/@fs/";

/** The generated module as JavaScript: types erased, imports kept as they are. */
export function toJavaScript(code: string, fileName: string): string {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
    },
  }).outputText;
}
