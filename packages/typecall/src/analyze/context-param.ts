import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Node, type ParameterDeclaration } from "ts-morph";

const RUNTIME_PACKAGE = "@typecall/runtime";
const packageNames = new Map<string, string | undefined>();

/**
 * True when the parameter is typed `ToolContext<T>` from `@typecall/runtime` (the dispatcher
 * injects it; the model never sees it). A type of the same name from elsewhere does not count.
 */
export function isToolContextParameter(parameter: ParameterDeclaration): boolean {
  const typeNode = parameter.getTypeNode();
  if (!typeNode || !Node.isTypeReference(typeNode)) return false;
  let symbol = typeNode.getTypeName().getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  if (symbol?.getName() !== "ToolContext") return false;
  return symbol
    .getDeclarations()
    .some((d) => packageNameOf(d.getSourceFile().getFilePath()) === RUNTIME_PACKAGE);
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
