import type { Node, SyntaxKind, Symbol as TsSymbol, TypeChecker } from "typescript";
import { ts } from "../typescript.ts";
import { isConstraint } from "./constraints.ts";
import type { ToolFunction } from "./discover.ts";
import { ancestorOf, declarationsOf } from "./type-query.ts";

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
export function docCommentOf(node: Node): DocComment | undefined {
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

/** Kinds whose doc comment may also sit on the line of the token before them (`= /** doc *\/ () => 1`). */
const SAME_LINE_DOC_KINDS: ReadonlySet<SyntaxKind> = new Set([
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.TypeParameter,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.ExportSpecifier,
]);

/**
 * The text of each doc comment TypeScript attaches to a node (its JSDoc blocks, in order), found in
 * the source by TypeScript's rule: the `/** *\/` comments before the node, for some kinds also one
 * on the line of the token before. Read from the text, so the program need not parse JSDoc.
 */
export function jsDocTexts(node: Node): string[] {
  const text = node.getSourceFile().text;
  const ranges = [
    ...(SAME_LINE_DOC_KINDS.has(node.kind) ? (ts.getTrailingCommentRanges(text, node.pos) ?? []) : []),
    ...(ts.getLeadingCommentRanges(text, node.pos) ?? []),
  ];
  return ranges
    .filter((r) => r.end <= node.end && text.startsWith("/**", r.pos) && text[r.pos + 3] !== "/")
    .map((r) => text.slice(r.pos, r.end));
}

/** The JSDoc block that documents a function node (a variable's comment sits on its statement). */
function functionComment(node: ToolFunction): DocComment | undefined {
  const statement = ts.isFunctionDeclaration(node) ? undefined : ancestorOf(node, ts.isVariableStatement);
  const doc = jsDocTexts(node).at(-1) ?? (statement && jsDocTexts(statement).at(-1));
  return doc === undefined ? undefined : parseDocComment(doc);
}

/** Reads the description, `@param` texts and tags of a function's JSDoc (the last block wins, as in TypeScript). */
export function readFunctionDoc(node: ToolFunction): FunctionDoc {
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

/** What a property's documentation says. */
export interface SymbolDoc {
  description: string;
  tags: Map<string, string>;
}

/**
 * The description and tags of a property (or of a named type): its own doc comment, read from the
 * source of each declaration; when no declaration has one, the documentation TypeScript's language
 * service would show for it (see {@link documentation}).
 */
export function readSymbolDoc(symbol: TsSymbol, checker: TypeChecker): SymbolDoc {
  let doc = symbolDocs.get(symbol);
  if (!doc) {
    doc = symbolDoc(symbol, checker, new Set([symbol]));
    symbolDocs.set(symbol, doc);
  }
  return doc;
}

/** Each symbol's documentation, read once: the properties of a shared interface recur in every tool. */
const symbolDocs = new WeakMap<TsSymbol, SymbolDoc>();

function symbolDoc(symbol: TsSymbol, checker: TypeChecker, seen: Set<TsSymbol>): SymbolDoc {
  const comments = declarationsOf(symbol)
    .map((d) => docCommentOf(d))
    .filter((c) => c !== undefined);
  if (comments.length === 0) return documentation(symbol, checker, seen);
  const descriptions = [...new Set(comments.map((c) => c.description).filter(Boolean))];
  const tags = new Map(comments.flatMap((c) => c.tags.map((t) => [t.name, t.text] as const)));
  return { description: descriptions.join("\n\n"), tags };
}

/**
 * A symbol's documentation by the rules of TypeScript's language service, read from the source
 * text: the comment of what holds each declaration (the `var` statement of `var x: T`, a
 * constructor's `@param` for a parameter property; see {@link commentBlocks}); failing that, for a
 * class or interface member, the documentation of the member it overrides in the first base type
 * (`extends`, `implements`) that has it, its tags only when that member has one declaration.
 */
function documentation(symbol: TsSymbol, checker: TypeChecker, seen: Set<TsSymbol>): SymbolDoc {
  const declarations = declarationsOf(symbol);
  const blocks = declarations.flatMap(commentBlocks);
  let description = [...new Set(blocks.map((b) => b.description).filter(Boolean))].join("\n");
  const tags = new Map(blocks.flatMap((b) => b.tags.map((t) => [t.name, t.text] as const)));
  if (description && tags.size > 0) return { description, tags };
  const inheritTags = tags.size === 0;
  for (const declaration of declarations) {
    const base = baseMember(declaration, symbol.getName(), checker);
    if (!base || seen.has(base)) continue;
    seen.add(base);
    const inherited = symbolDoc(base, checker, seen);
    if (!description) description = inherited.description;
    if (inheritTags && declarationsOf(base).length === 1)
      for (const [name, text] of inherited.tags) tags.set(name, text);
  }
  return { description, tags };
}

/** Initializers TypeScript attaches a doc comment to (`x = /** doc *\/ { ... }`). */
const DOCUMENTED_INITIALIZERS: ReadonlySet<SyntaxKind> = new Set([
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.ObjectLiteralExpression,
  ts.SyntaxKind.ParenthesizedExpression,
]);

/**
 * The doc comments that document a declaration, as TypeScript collects them: its initializer's,
 * then, from the declaration outwards, the last block of each node that holds it (a property
 * assignment, an export, the `var` statement of its first variable, ...); for a parameter, the
 * `@param` texts of its function.
 */
function commentBlocks(declaration: Node): DocComment[] {
  const blocks: DocComment[] = [];
  const initializer = (declaration as { initializer?: Node }).initializer;
  if (initializer && DOCUMENTED_INITIALIZERS.has(initializer.kind)) {
    const own = jsDocTexts(initializer).at(-1);
    if (own !== undefined) blocks.push(parseDocComment(own));
  }
  for (let node: Node | undefined = declaration; node?.parent; node = holderOf(node)) {
    const own = jsDocTexts(node).at(-1);
    if (own !== undefined) blocks.push(parseDocComment(own));
    if (ts.isParameter(node)) {
      const name = node.name.getText();
      const params = commentBlocks(node.parent).flatMap((b) => b.tags.filter((t) => t.target === name));
      blocks.push(...params.map((t) => ({ description: t.text, tags: [] })));
      break;
    }
    if (ts.isTypeParameterDeclaration(node)) break;
  }
  return blocks;
}

/** The next node out whose doc comment also documents `node`, by TypeScript's rule. */
function holderOf(node: Node): Node | undefined {
  const { parent } = node;
  const isAssignment = (n: Node) =>
    ts.isBinaryExpression(n) &&
    n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    n.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isExportAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    (ts.isExpressionStatement(parent) && ts.isPropertyAccessExpression(node)) ||
    ts.isReturnStatement(parent) ||
    (ts.isModuleDeclaration(parent) && parent.body !== undefined && ts.isModuleDeclaration(parent.body)) ||
    isAssignment(node)
  )
    return parent;
  const grand = parent.parent;
  const firstVariable = (n: Node) =>
    ts.isVariableStatement(n) ? n.declarationList.declarations[0] : undefined;
  if (grand && (firstVariable(grand) === node || isAssignment(parent))) return grand;
  const great = grand?.parent;
  const initializerOf = (n: Node) =>
    ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n) ? n.initializer : firstVariable(n)?.initializer;
  if (great && (firstVariable(great) !== undefined || initializerOf(great) === node)) return great;
  return undefined;
}

/** The member named `name` of the first base type of the class or interface declaring `declaration`. */
function baseMember(declaration: Node, name: string, checker: TypeChecker): TsSymbol | undefined {
  const owner = ts.isConstructorDeclaration(declaration.parent)
    ? declaration.parent.parent
    : declaration.parent;
  if (!owner || !(ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner))) return undefined;
  for (const clause of owner.heritageClauses ?? []) {
    for (const base of clause.types) {
      const member = checker.getPropertyOfType(checker.getTypeAtLocation(base), name);
      if (member) return member;
    }
  }
  return undefined;
}

/** White space, as {@link writtenDescription} skips it. */
const SPACE = new Set([" ", "\f", "\n", "\r", "\t", "\v", "\u00a0", "\u2028", "\u2029"]);

/**
 * The description of a doc comment as written: the text before its first tag (see
 * {@link firstTagStart}), each line without its leading `*` and one space after it, not rendered
 * further (`{@link X}` stays as it is).
 */
export function writtenDescription(comment: string): string {
  const start = comment[3] === " " ? 4 : 3;
  let end = firstTagStart(comment) ?? comment.length - 2;
  // Back over the tag's line (space and stars) and the line breaks before it.
  while (end > 0) {
    const c = comment[end - 1] as string;
    if (c === "\n" || !(SPACE.has(c) || c === "*")) break;
    end--;
  }
  while (end > 0 && (comment[end - 1] === "\n" || comment[end - 1] === "\r")) end--;
  return comment
    .slice(start, Math.max(start, end))
    .replace(/^\/\*\*[^\S\n]*\n?/, "")
    .replace(/(\r?\n)?[^\S\n]*\*\/$/, "")
    .split("\n")
    .map((line) => {
      let star = 0;
      while (star < line.length && SPACE.has(line[star] as string)) star++;
      if (line[star] !== "*") return line;
      return line.slice(line[star + 1] === " " ? star + 2 : star + 1);
    })
    .join("\n");
}

/** Line breaks and the spaces of a line, as TypeScript's JSDoc scanner knows them. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const LINE_SPACE = /[\t\v\f \u00a0\u0085\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
const LINK = /^\{@(?:link|linkcode|linkplain)(?![\p{ID_Continue}$\u200c\u200d])/u;

/**
 * Where the first tag of a doc comment starts, by the rule of TypeScript's parser: an `@` first on
 * its line (after space and one `*`), or within the text after a space and before anything but
 * space, outside a `{@link ...}`.
 */
function firstTagStart(comment: string): number | undefined {
  const end = comment.length - 2;
  let lineStart = true;
  let sawStar = true; // the opening `/**` is the first line's star
  for (let i = 3; i < end; i++) {
    const c = comment[i] as string;
    if (LINE_BREAK.test(c)) {
      lineStart = true;
      sawStar = false;
      continue;
    }
    if (lineStart) {
      if (LINE_SPACE.test(c)) continue;
      if (c === "*" && !sawStar) {
        sawStar = true;
        continue;
      }
      if (c === "@") return i;
      lineStart = false;
    }
    if (c === "{" && LINK.test(comment.slice(i, i + 12))) {
      // The link runs to its closing brace or the end of the line.
      while (i + 1 < end && comment[i + 1] !== "}" && !LINE_BREAK.test(comment[i + 1] as string)) i++;
      continue;
    }
    const next = comment[i + 1] ?? "";
    if (
      c === "@" &&
      LINE_SPACE.test(comment[i - 1] as string) &&
      !(i + 1 < end && (LINE_SPACE.test(next) || LINE_BREAK.test(next)))
    )
      return i;
  }
  return undefined;
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
