/**
 * Line breaking for generated code, the way a formatter would break it: a statement that fits in
 * {@link WIDTH} columns stays on one line; a longer one breaks at its outermost operator or
 * argument list, one part per line. Generated modules then read and diff like formatted code.
 */

/** The column generated code aims to stay within. */
export const WIDTH = 120;

/** A boolean expression: a term, or terms joined by one operator, broken at the operator when too long. */
export type Cond = string | { readonly op: "&&" | "||"; readonly terms: readonly Cond[] };

/** Terms joined by `op`, flattening nested joins by the same operator and dropping none. */
export function join(op: "&&" | "||", terms: readonly Cond[]): Cond {
  const flat = terms.flatMap((t) => (typeof t !== "string" && t.op === op ? t.terms : [t]));
  return flat.length === 1 ? (flat[0] as Cond) : { op, terms: flat };
}

/** The expression on one line; nested joins are parenthesised when they bind looser than their parent. */
export function condText(cond: Cond, parent?: "&&" | "||"): string {
  if (typeof cond === "string") return cond;
  const text = cond.terms.map((t) => condText(t, cond.op)).join(` ${cond.op} `);
  return parent === "&&" && cond.op === "||" ? `(${text})` : text;
}

/** The expression broken one term per line at `pad`, each term itself broken when still too long. */
export function condLines(cond: Cond, pad: string, parent?: "&&" | "||"): string[] {
  const flat = condText(cond, parent);
  if (typeof cond === "string" || pad.length + flat.length <= WIDTH) return [pad + flat];
  const wrap = parent === "&&" && cond.op === "||";
  const inner = wrap ? `${pad}  ` : pad;
  const lines = cond.terms.flatMap((term, i) => {
    const termLines = condLines(term, inner, cond.op);
    if (i < cond.terms.length - 1) termLines[termLines.length - 1] += ` ${cond.op}`;
    return termLines;
  });
  return wrap ? [`${pad}(`, ...lines, `${pad})`] : lines;
}

/**
 * `if (cond) statement` at `pad`, `body` being lines already indented for the block (`pad` + 2):
 * on one line when it fits, else with a block, and with the condition broken one term per line
 * when the condition alone does not fit.
 */
export function ifStatement(cond: Cond, body: readonly string[], pad: string): string[] {
  const flat = condText(cond);
  const [only] = body;
  if (body.length === 1 && only !== undefined) {
    const line = `${pad}if (${flat}) ${only.trimStart()}`;
    if (line.length <= WIDTH) return [line];
  }
  const block = body;
  if (`${pad}if (${flat}) {`.length <= WIDTH) return [`${pad}if (${flat}) {`, ...block, `${pad}}`];
  return [`${pad}if (`, ...condLines(cond, `${pad}  `), `${pad}) {`, ...block, `${pad}}`];
}

/** `head(arg, ...)tail` at `pad`: one line when it fits, else one argument per line. */
export function callLines(head: string, args: readonly string[], tail: string, pad: string): string[] {
  return listLines(head, "()", args, tail, pad);
}

/**
 * `head(a, b)tail`, `head[a, b]tail` or `head{ a, b }tail` at `pad`: one line when it fits, else
 * one item per line, as a formatter breaks a call, an array or an object.
 */
export function listLines(
  head: string,
  brackets: "()" | "[]" | "{}",
  items: readonly string[],
  tail: string,
  pad: string,
): string[] {
  const [open, close] = brackets;
  const space = open === "{" ? " " : "";
  const line = `${pad}${head}${open}${space}${items.join(", ")}${space}${close}${tail}`;
  if (line.length <= WIDTH) return [line];
  return [`${pad}${head}${open}`, ...items.map((item) => `${pad}  ${item},`), `${pad}${close}${tail}`];
}

/**
 * `if (cond) then else otherwise` at `pad`, `otherwise` being statements at `pad + 2` that go in a
 * block: `} else {` after a block, `else {` on its own line after a one-line `if`. `elseHead`
 * makes it `else if (...) {`.
 */
export function ifElse(
  cond: Cond,
  then: readonly string[],
  otherwise: readonly string[],
  pad: string,
  elseHead = "else",
): string[] {
  const head = ifStatement(cond, then, pad);
  const last = head.length - 1;
  if (head[last] === `${pad}}`)
    return [...head.slice(0, last), `${pad}} ${elseHead} {`, ...otherwise, `${pad}}`];
  return [...head, `${pad}${elseHead} {`, ...otherwise, `${pad}}`];
}

/** A conditional expression in parentheses, where it sits inside another or is an arrow's body. */
export function parenthesized(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === '"') i = closingQuote(text, i);
    else if (depth === 0 && text.startsWith(" ? ", i)) return `(${text})`;
  }
  return text;
}

/** Where the JSON string that starts at `open` ends. */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
