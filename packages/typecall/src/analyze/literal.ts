import type { Node, ObjectLiteralExpression } from "typescript";
import { ts } from "../typescript.ts";

/** No JSON value: the expression is computed at run time. */
export const NOT_LITERAL: unique symbol = Symbol("not a literal");

/**
 * Evaluates an initializer that is a JSON literal (`"c"`, `-1`, `[1, 2]`, `{ a: true }`, `x as const`),
 * so it can be shown as the schema's default. Anything computed gives {@link NOT_LITERAL}.
 */
export function literalValue(node: Node): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return numericValue(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const value = literalValue(node.operand);
    return typeof value === "number" ? -value : NOT_LITERAL;
  }
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) {
    return literalValue(node.expression);
  }
  if (ts.isArrayLiteralExpression(node)) {
    const values = node.elements.map(literalValue);
    return values.includes(NOT_LITERAL) ? NOT_LITERAL : values;
  }
  if (ts.isObjectLiteralExpression(node)) return objectValue(node);
  return NOT_LITERAL;
}

/**
 * A numeric literal's value from TypeScript's text of it, which spells hex, octal, binary and
 * separated literals in decimal: `Number` reads fractions and exponents (`1e3` is 1000) alike.
 */
function numericValue(text: string): number | typeof NOT_LITERAL {
  const value = Number(text);
  return Number.isFinite(value) ? value : NOT_LITERAL;
}

function objectValue(node: ObjectLiteralExpression): unknown {
  const result: Record<string, unknown> = {};
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property)) return NOT_LITERAL;
    const value = literalValue(property.initializer);
    if (value === NOT_LITERAL) return NOT_LITERAL;
    result[property.name.getText().replace(/^["']|["']$/g, "")] = value;
  }
  return result;
}
