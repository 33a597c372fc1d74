import type { TypeIR } from "../ir/types.ts";

/**
 * An expression that turns the wire value `v` into what the tool takes: `Date`, `bigint` and `URL`
 * values arrive as strings and are revived here, after validation. Undefined when nothing under
 * `type` needs reviving, so most tools pay nothing. Revival does not follow recursive types, and
 * in unions only `T | null` is revived (other unions of strings would be ambiguous).
 */
export function reviveExpression(type: TypeIR, v: string, depth = 0): string | undefined {
  switch (type.kind) {
    case "string":
    case "literal":
      return type.revive === undefined ? undefined : REVIVERS[type.revive].replace("$", v);
    case "array": {
      const x = `x${depth}`;
      const inner = reviveExpression(type.items, x, depth + 1);
      // An object literal as an arrow's body would be read as a block: in parentheses.
      return inner && `${v}.map((${x}: any) => ${inner.startsWith("{") ? `(${inner})` : inner})`;
    }
    case "tuple": {
      // `map` visits only the positions present, so optional ones left out stay left out.
      const [x, i] = [`x${depth}`, `i${depth}`];
      const branches = type.items.flatMap((item, index) => {
        const inner = reviveExpression(item, x, depth + 1);
        return inner ? [`${i} === ${index} ? ${inner}`] : [];
      });
      const rest = type.rest && reviveExpression(type.rest, x, depth + 1);
      if (rest) branches.push(`${i} >= ${type.items.length} ? ${rest}`);
      if (branches.length === 0) return undefined;
      return `${v}.map((${x}: any, ${i}: number) => ${branches.map((b) => `${b} : `).join("")}${x})`;
    }
    case "object":
      return objectReviver(type, v, depth);
    case "union": {
      const nonNull = type.members.filter((m) => m.kind !== "null");
      const [only] = nonNull;
      const inner = nonNull.length === 1 && only ? reviveExpression(only, v, depth) : undefined;
      return inner && `(${v} === null ? null : ${inner})`;
    }
    default:
      return undefined;
  }
}

const REVIVERS = { date: "new Date($)", bigint: "BigInt($)", url: "new URL($)" } as const;

function objectReviver(
  type: Extract<TypeIR, { kind: "object" }>,
  v: string,
  depth: number,
): string | undefined {
  const parts: string[] = [];
  for (const property of type.properties) {
    const access = `${v}[${JSON.stringify(property.name)}]`;
    const inner = reviveExpression(property.type, access, depth + 1);
    if (inner === undefined) continue;
    const key = JSON.stringify(property.name);
    parts.push(
      property.optional ? `...(${access} !== undefined && { ${key}: ${inner} })` : `${key}: ${inner}`,
    );
  }
  const x = `x${depth}`;
  const additional = type.additional && reviveExpression(type.additional, x, depth + 1);
  if (additional) {
    const entries = `Object.entries(${v}).map(([k, ${x}]: [string, any]) => [k, ${additional}])`;
    parts.unshift(`...Object.fromEntries(${entries})`);
  }
  return parts.length === 0 ? undefined : `{ ...${v}, ${parts.join(", ")} }`;
}
