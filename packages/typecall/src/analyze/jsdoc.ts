import { type Symbol as MorphSymbol, Node, ts } from "ts-morph";
import { isConstraint } from "./constraints.ts";

/** One block tag of a doc comment: `@minimum 1`, `@param city The city`. */
export interface DocTag {
  name: string;
  text: string;
  /** `@param` only: the parameter or dotted property it documents (`opts.city`). */
  target?: string;
  /** A constraint or `@default` tag written after `@param x`: the parameter it follows. */
  follows?: string;
}

/** A doc comment split into its description and its block tags, in written order. */
export interface DocComment {
  description: string;
  tags: DocTag[];
}

/** What typecall reads from a function's JSDoc. */
export interface FunctionDoc {
  description: string;
  /** `@param` text by name; dotted names (`opts.city`) address properties of an object parameter. */
  params: Map<string, string>;
  /** Tags that are not `@param`, by name (the last one wins), for tool-level tags like `@name`. */
  tags: Map<string, string>;
  /** Every tag that is not `@param`, in written order, for constraints that refer to a parameter. */
  blockTags: DocTag[];
  /** The text of every `@example` tag, in order. */
  examples: string[];
}

/**
 * Tags recognised in the middle of a line (`@param page Page number. @minimum 1`). Elsewhere an `@`
 * starts a tag only at the beginning of a line, so prose like "(e.g., !, @, #)" or "@mentions"
 * stays text. TypeScript's own parser cuts tag text at such an `@`, which is why typecall reads
 * comments itself.
 */
const INLINE_TAGS = new Set([
  "param",
  "default",
  "example",
  "examples",
  "deprecated",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "pattern",
  "format",
  "type",
]);

const PARAM_TAGS = new Set(["param", "arg", "argument"]);

/** Splits the text of a `/** ... *\/` comment into its description and block tags. */
export function parseDocComment(raw: string): DocComment {
  const body = raw
    .replace(/^\/\*\*?/, "")
    .replace(/\*\/$/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/^\s*\*(?!\/) ?/, "").replace(/^\s+$/, ""))
    .join("\n");
  const starts = tagStarts(body);
  const description = cleanText(body.slice(0, starts[0]?.index ?? body.length));
  const tags = starts.map((start, i) => {
    const end = starts[i + 1]?.index ?? body.length;
    return readTag(start.name, body.slice(start.index + start.name.length + 1, end));
  });
  let follows: string | undefined;
  for (const tag of tags) {
    if (PARAM_TAGS.has(tag.name)) follows = tag.target;
    else if (follows !== undefined && (isConstraint(tag.name) || tag.name === "default"))
      tag.follows = follows;
    else follows = undefined;
  }
  return { description, tags };
}

/** Where each tag starts: at a line's beginning, or mid-line for the tags of {@link INLINE_TAGS}. */
function tagStarts(body: string): { index: number; name: string }[] {
  const starts: { index: number; name: string }[] = [];
  let fenced = false;
  let offset = 0;
  for (const line of body.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (!fenced) {
      for (const match of line.matchAll(/(^|[\s(,;])@([A-Za-z][\w-]*)(?=\s|$)/g)) {
        const index = offset + (match.index ?? 0) + (match[1] ?? "").length;
        const name = match[2] ?? "";
        const atLineStart = line.slice(0, index - offset).trim() === "";
        if (atLineStart || (starts.length > 0 && INLINE_TAGS.has(name) && !insideCode(line, index - offset)))
          starts.push({ index, name });
      }
    }
    offset += line.length + 1;
  }
  return starts;
}

/** Whether a position of a line sits inside backticks or an inline `{@link ...}`. */
function insideCode(line: string, at: number): boolean {
  const before = line.slice(0, at);
  return (before.match(/`/g)?.length ?? 0) % 2 === 1 || before.lastIndexOf("{") > before.lastIndexOf("}");
}

function readTag(name: string, rest: string): DocTag {
  if (!PARAM_TAGS.has(name)) return { name, text: name === "example" ? cleanExample(rest) : cleanText(rest) };
  // `@param {Type} [name=default] - text`
  const match = /^\s*(?:\{[^}]*\}\s*)?(\[[^\]]*\]|[\w$.[\]]+)\s*(?:-\s+)?([\s\S]*)$/.exec(rest);
  const target = (match?.[1] ?? "").replace(/^\[([^=\]]*)(=[^\]]*)?\]$/, "$1").trim();
  return { name: "param", target, text: cleanText(match?.[2] ?? rest) };
}

/**
 * The doc comment written right before a declaration, read from the source text: `/** The name *\/`
 * on the same line as `name: string` counts as much as one on its own lines.
 */
export function docCommentOf(node: ts.Node): DocComment | undefined {
  const text = node.getSourceFile().getFullText();
  const start = node.getStart();
  // TypeScript counts a comment on the line of the previous token as that token's trailing
  // comment (`{ /** The name *\/ name: string }`): it is this node's when nothing but space follows.
  const sameLine = (ts.getTrailingCommentRanges(text, node.pos) ?? []).filter(
    (r) => !text.slice(r.end, start).includes("\n"),
  );
  const ranges = [...sameLine, ...(ts.getLeadingCommentRanges(text, node.pos) ?? [])];
  const doc = ranges.filter((r) => text.startsWith("/**", r.pos) && !text.startsWith("/**/", r.pos)).at(-1);
  return doc && parseDocComment(text.slice(doc.pos, doc.end));
}

/** The JSDoc block that documents a function node (a variable's comment sits on its statement). */
function functionComment(node: Node): DocComment | undefined {
  const own = Node.isJSDocable(node) ? node.getJsDocs() : [];
  const statement = Node.isFunctionDeclaration(node)
    ? undefined
    : node.getFirstAncestor(Node.isVariableStatement);
  const doc = own.at(-1) ?? statement?.getJsDocs().at(-1);
  return doc && parseDocComment(doc.getText());
}

/** Reads the description, `@param` texts and tags of a function's JSDoc (the last block wins, as in TypeScript). */
export function readFunctionDoc(node: Node): FunctionDoc {
  const comment = functionComment(node);
  const params = new Map<string, string>();
  const tags = new Map<string, string>();
  const blockTags: DocTag[] = [];
  for (const tag of comment?.tags ?? []) {
    if (tag.target !== undefined) {
      params.set(tag.target, tag.text);
      continue;
    }
    blockTags.push(tag);
    if (tag.follows === undefined) tags.set(tag.name, tag.text);
  }
  const examples = blockTags.filter((t) => t.name === "example").map((t) => t.text);
  return { description: comment?.description ?? "", params, tags, blockTags, examples };
}

/**
 * The description and tags of a property: its own doc comment, read from the source of each
 * declaration; TypeScript's (inherited) documentation when the declaration has none.
 */
export function readSymbolDoc(
  symbol: MorphSymbol,
  checker: ts.TypeChecker,
): { description: string; tags: Map<string, string> } {
  const comments = symbol
    .getDeclarations()
    .map((d) => docCommentOf(d.compilerNode))
    .filter((c) => c !== undefined);
  if (comments.length > 0) {
    const descriptions = [...new Set(comments.map((c) => c.description).filter(Boolean))];
    const tags = new Map(comments.flatMap((c) => c.tags.map((t) => [t.name, t.text] as const)));
    return { description: descriptions.join("\n\n"), tags };
  }
  const compilerSymbol = symbol.compilerSymbol;
  const description = cleanText(ts.displayPartsToString(compilerSymbol.getDocumentationComment(checker)));
  const tags = new Map<string, string>();
  for (const tag of compilerSymbol.getJsDocTags(checker)) {
    tags.set(tag.name, cleanText(ts.displayPartsToString(tag.text)));
  }
  return { description, tags };
}

/** An `@example`'s text keeps its lines and indentation; only surrounding blank lines go. */
function cleanExample(text: string): string {
  return text
    .replace(/^[ \t]*\n/, "")
    .replace(/\s+$/, "")
    .replace(/^ /, "");
}

/**
 * Trims, drops a leading `- ` after a @param name, and renders inline links as the text a reader
 * sees: `{@link Ticket}` as `Ticket`, `{@link url | the docs}` as `the docs`.
 */
function cleanText(text: string): string {
  return text
    .replace(/^\s*-\s+/, "")
    .replace(
      /\{@(?:link|linkcode|linkplain)\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g,
      (_m, target: string, label: string) => label.trim() || target,
    )
    .trim();
}
