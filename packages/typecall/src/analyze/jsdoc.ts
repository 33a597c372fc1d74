import { type JSDoc, type JSDocTag, type Symbol as MorphSymbol, Node, ts } from "ts-morph";

/** What typecall reads from a function's JSDoc. */
export interface FunctionDoc {
  description: string;
  /** `@param` text by name; dotted names (`opts.city`) address properties of an object parameter. */
  params: Map<string, string>;
  tags: Map<string, string>;
}

/** The JSDoc blocks that document a function node (a variable's comments sit on its statement). */
export function docsOf(node: Node): JSDoc[] {
  const own = Node.isJSDocable(node) ? node.getJsDocs() : [];
  if (own.length > 0 || Node.isFunctionDeclaration(node)) return own;
  const statement = node.getFirstAncestor(Node.isVariableStatement);
  return statement ? statement.getJsDocs() : [];
}

/** Reads the description and tags of a function's JSDoc (the last block wins, as in TypeScript). */
export function readFunctionDoc(node: Node): FunctionDoc {
  const doc = docsOf(node).at(-1);
  const params = new Map<string, string>();
  const tags = new Map<string, string>();
  if (!doc) return { description: "", params, tags };
  for (const tag of doc.getTags()) {
    if (Node.isJSDocParameterTag(tag)) {
      params.set(tag.getName(), cleanText(tag.getCommentText() ?? ""));
    } else {
      tags.set(tag.getTagName(), tagText(tag));
    }
  }
  return { description: cleanText(doc.getDescription()), params, tags };
}

/** The documentation and tags of a property symbol, as TypeScript's language service shows them. */
export function readSymbolDoc(
  symbol: MorphSymbol,
  checker: ts.TypeChecker,
): { description: string; tags: Map<string, string> } {
  const compilerSymbol = symbol.compilerSymbol;
  const description = cleanText(ts.displayPartsToString(compilerSymbol.getDocumentationComment(checker)));
  const tags = new Map<string, string>();
  for (const tag of compilerSymbol.getJsDocTags(checker)) {
    tags.set(tag.name, cleanText(ts.displayPartsToString(tag.text)));
  }
  return { description, tags };
}

function tagText(tag: JSDocTag): string {
  return cleanText(tag.getCommentText() ?? "");
}

/** Trims, drops a leading `- ` after a @param name, and normalises line endings. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .replace(/^\s*-\s+/, "")
    .trim();
}
