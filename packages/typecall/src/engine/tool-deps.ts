/**
 * The files one tool depends on, so that an edit to a module that some tools of an entry import
 * analyses those tools again, and not their neighbours.
 *
 * Within the entry the walk is by declaration: from the statement that declares the tool, every
 * name it uses (in its signature, its body, its defaults) is resolved, and a declaration of the
 * entry that it reaches is walked in turn. A name that leads out of the entry (an import, a global
 * declared in a project file) brings in the whole module it comes from, with everything that
 * module imports: outside the entry the unit is the file, as TypeScript's own builder has it. So a
 * tool depends on the entry and on the modules its own declarations reach, and an edit anywhere in
 * those is seen.
 *
 * This holds while the entry's own text is unchanged (the engine analyses the whole entry after an
 * edit to it) and no edit adds or removes a global or module augmentation, which reaches
 * declarations without being named by them (`Project` reports those, and the engine then analyses
 * every entry whole). The files found in one program hold in the next while none of them changes.
 */
import type { Node, SourceFile, TypeChecker } from "typescript";
import { ts } from "../typescript.ts";

/**
 * The project files the declaration of `node` reaches: its own file, and for each module reached
 * from it, `closure(file)` (the module and what it imports, transitively). Undefined when it
 * reaches an import TypeScript cannot resolve: the file that would resolve it is not known yet, so
 * the tool depends on whatever its entry depends on.
 */
export function toolDependencies(
  node: Node,
  checker: TypeChecker,
  closure: (file: string) => ReadonlySet<string>,
): Set<string> | undefined {
  const sourceFile = node.getSourceFile();
  const found = new Set<string>([sourceFile.fileName]);
  const reached = (file: SourceFile) => {
    if (file === sourceFile || found.has(file.fileName)) return;
    for (const dependency of closure(file.fileName)) found.add(dependency);
  };
  let unresolved = false;
  const walked = new Set<Node>();
  const stack: Node[] = [topLevel(node)];
  const visit = (child: Node): void => {
    if (ts.isIdentifier(child) || ts.isStringLiteralLike(child)) resolve(child);
    child.forEachChild(visit);
  };
  const resolve = (name: Node): void => {
    const symbol = checker.getSymbolAtLocation(name);
    for (const declaration of symbol?.declarations ?? []) {
      const file = declaration.getSourceFile();
      const target = file === sourceFile ? importedModule(declaration, checker) : file;
      if (target === null) unresolved = true;
      else if (target !== undefined) reached(target);
      else if (!walked.has(declaration)) stack.push(declaration);
    }
  };
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const statement = topLevel(next);
    if (walked.has(statement)) continue;
    walked.add(statement);
    walked.add(next);
    visit(statement);
  }
  return unresolved ? undefined : found;
}

/** The top-level statement a node belongs to (a whole `const a = ..., b = ...` or `function`). */
function topLevel(node: Node): Node {
  let current = node;
  while (current.parent !== undefined && !ts.isSourceFile(current.parent)) current = current.parent;
  return current;
}

/**
 * For an import's declaration (`import { a } from "./x"`, `import x = require("./x")`), the module
 * it imports, or null when that does not resolve; undefined for any other declaration.
 */
function importedModule(declaration: Node, checker: TypeChecker): SourceFile | null | undefined {
  const statement = topLevel(declaration);
  const specifier =
    ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
      ? statement.moduleSpecifier
      : ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)
        ? statement.moduleReference.expression
        : undefined;
  if (specifier === undefined) return undefined;
  // A module file, or an ambient `declare module "x"` (whose file is then reached).
  return checker.getSymbolAtLocation(specifier)?.declarations?.[0]?.getSourceFile() ?? null;
}
