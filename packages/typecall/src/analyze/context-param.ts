import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ParameterDeclaration, TypeChecker } from "typescript";
import { ts } from "../typescript.ts";
import { aliasedSymbol, declarationsOf } from "./type-query.ts";

const RUNTIME_PACKAGE = "@typecall/runtime";
const packageNames = new Map<string, string | undefined>();

/**
 * True when the parameter is typed `ToolContext<T>` from `@typecall/runtime` (the dispatcher
 * injects it; the model never sees it). A type of the same name from elsewhere does not count.
 */
export function isToolContextParameter(parameter: ParameterDeclaration, checker: TypeChecker): boolean {
  const typeNode = parameter.type;
  if (!typeNode || !ts.isTypeReferenceNode(typeNode)) return false;
  let symbol = checker.getSymbolAtLocation(typeNode.typeName);
  if (symbol) symbol = aliasedSymbol(checker, symbol) ?? symbol;
  if (symbol?.getName() !== "ToolContext") return false;
  return declarationsOf(symbol).some((d) => packageNameOf(d.getSourceFile().fileName) === RUNTIME_PACKAGE);
}

/** The `name` of the nearest package.json above a file, cached per folder. */
function packageNameOf(file: string): string | undefined {
  const dir = dirname(file);
  if (packageNames.has(dir)) return packageNames.get(dir);
  const manifest = join(dir, "package.json");
  let name: string | undefined;
  if (existsSync(manifest)) {
    name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
  } else if (dirname(dir) !== dir) {
    name = packageNameOf(dir);
  }
  packageNames.set(dir, name);
  return name;
}
