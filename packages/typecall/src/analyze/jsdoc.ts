import { type JSDoc, type JSDocTag, type Symbol as MorphSymbol, Node, ts } from "ts-morph";

/** What typecall reads from a function's JSDoc. */
export interface FunctionDoc {
  description: string;
  /** `@param` text by name; dotted names (`opts.city`) address properties of an object parameter. */
  params: Map<string, string>;
  tags: Map<string, string>;
  /** The text of every `@example` tag, in order. */
  examples: string[];
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
  const examples: string[] = [];
  if (!doc) return { description: "", params, tags, examples };
  for (const tag of doc.getTags()) {
    if (Node.isJSDocParameterTag(tag)) {
      params.set(tag.getName(), cleanText(tag.getCommentText() ?? ""));
    } else {
      tags.set(tag.getTagName(), tagText(tag));
      if (tag.getTagName() === "example") examples.push(tagText(tag));
    }
  }
  return { description: cleanText(doc.getDescription()), params, tags, examples };
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

/**
 * Trims, drops a leading `- ` after a @param name, normalises line endings, and renders inline
 * links as the text a reader sees: `{@link Ticket}` as `Ticket`, `{@link url | the docs}` as `the docs`.
 */
function cleanText(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    .replace(/^\s*-\s+/, "")
    .replace(
      /\{@(?:link|linkcode|linkplain)\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g,
      (_m, target: string, label: string) => label.trim() || target,
    )
    .trim();
}
