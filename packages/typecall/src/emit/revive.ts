import type { TypeIR } from "../ir/types.ts";
import { WIDTH } from "./layout.ts";

/**
 * An expression being laid out: text, pieces written one after the other, or a group of items
 * between brackets, on one line (`{ ...v, "a": x }`) or one item per line when too long.
 */
export type Doc = string | { readonly pieces: readonly Doc[] } | Group;

interface Group {
  readonly open: string;
  readonly items: readonly Doc[];
  readonly close: string;
}

/** The expression on one line. */
function flat(doc: Doc): string {
  if (typeof doc === "string") return doc;
  if ("pieces" in doc) return doc.pieces.map(flat).join("");
  return `${doc.open}${doc.items.map(flat).join(", ")}${doc.close}`;
}

/**
 * The expression laid out from column `used` of a line indented by `pad`, followed on its last
 * line by `tail` characters: what fits stays on one line, a group that does not breaks one item
 * per line, one level deeper, and so on inside.
 */
export function layoutDoc(doc: Doc, pad: string, used: number, tail: number): string {
  const text = flat(doc);
  if (typeof doc === "string" || used + text.length + tail <= WIDTH) return text;
  if ("pieces" in doc) {
    // Each piece starts where the last one's last line ended; only the last one has the tail.
    let out = "";
    let column = used;
    doc.pieces.forEach((piece, i) => {
      const laid = layoutDoc(piece, pad, column, i === doc.pieces.length - 1 ? tail : 0);
      out += laid;
      const lastLine = laid.slice(laid.lastIndexOf("\n") + 1);
      column = laid.includes("\n") ? lastLine.length : column + laid.length;
    });
    return out;
  }
  const inner = `${pad}  `;
  const items = doc.items.map((item) => `${inner}${layoutDoc(item, inner, inner.length, 1)},`);
  return `${doc.open.trimEnd()}\n${items.join("\n")}\n${pad}${doc.close.trimStart()}`;
}

/**
 * An expression that turns the wire value `v` into what the tool takes: `Date`, `bigint` and `URL`
 * values arrive as strings and are revived here, after validation. Undefined when nothing under
 * `type` needs reviving, so most tools pay nothing. Revival does not follow recursive types, and
 * in unions only `T | null` is revived (other unions of strings would be ambiguous).
 */
export function reviveExpression(type: TypeIR, v: string, depth = 0): Doc | undefined {
  switch (type.kind) {
    case "string":
    case "literal":
      return type.revive === undefined ? undefined : REVIVERS[type.revive].replace("$", v);
    case "array": {
      const x = `x${depth}`;
      const inner = reviveExpression(type.items, x, depth + 1);
      if (inner === undefined) return undefined;
      // An object literal as an arrow's body would be read as a block: in parentheses.
      const body = typeof inner !== "string" && "open" in inner ? { pieces: ["(", inner, ")"] } : inner;
      return { pieces: [`${v}.map((${x}: any) => `, body, ")"] };
    }
    case "tuple": {
      // `map` visits only the positions present, so optional ones left out stay left out.
      const [x, i] = [`x${depth}`, `i${depth}`];
      const branches = type.items.flatMap((item, index) => {
        const inner = reviveExpression(item, x, depth + 1);
        return inner ? [{ pieces: [`${i} === ${index} ? `, inner, " : "] }] : [];
      });
      const rest = type.rest && reviveExpression(type.rest, x, depth + 1);
      if (rest) branches.push({ pieces: [`${i} >= ${type.items.length} ? `, rest, " : "] });
      if (branches.length === 0) return undefined;
      return { pieces: [`${v}.map((${x}: any, ${i}: number) => `, ...branches, `${x})`] };
    }
    case "object":
      return objectReviver(type, v, depth);
    case "union": {
      const nonNull = type.members.filter((m) => m.kind !== "null");
      const [only] = nonNull;
      const inner = nonNull.length === 1 && only ? reviveExpression(only, v, depth) : undefined;
      return inner && { pieces: [`(${v} === null ? null : `, inner, ")"] };
    }
    default:
      return undefined;
  }
}

const REVIVERS = { date: "new Date($)", bigint: "BigInt($)", url: "new URL($)" } as const;

function objectReviver(type: Extract<TypeIR, { kind: "object" }>, v: string, depth: number): Doc | undefined {
  const parts: Doc[] = [];
  for (const property of type.properties) {
    const access = `${v}[${JSON.stringify(property.name)}]`;
    const inner = reviveExpression(property.type, access, depth + 1);
    if (inner === undefined) continue;
    const key = JSON.stringify(property.name);
    parts.push(
      property.optional
        ? {
            pieces: [
              `...(${access} !== undefined && `,
              { open: "{ ", items: [{ pieces: [`${key}: `, inner] }], close: " }" },
              ")",
            ],
          }
        : { pieces: [`${key}: `, inner] },
    );
  }
  const x = `x${depth}`;
  const additional = type.additional && reviveExpression(type.additional, x, depth + 1);
  if (additional) {
    const entries = {
      pieces: [
        `Object.entries(${v}).map(([k, ${x}]: [string, any]) => `,
        { open: "[", items: ["k", additional], close: "]" },
        ")",
      ],
    };
    parts.unshift({ pieces: ["...Object.fromEntries(", entries, ")"] });
  }
  return parts.length === 0 ? undefined : { open: "{ ", items: [`...${v}`, ...parts], close: " }" };
}
