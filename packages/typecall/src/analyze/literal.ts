import { Node, ts } from "ts-morph";

/** No JSON value: the expression is computed at run time. */
export const NOT_LITERAL: unique symbol = Symbol("not a literal");

/**
 * Evaluates an initializer that is a JSON literal (`"c"`, `-1`, `[1, 2]`, `{ a: true }`, `x as const`),
 * so it can be shown as the schema's default. Anything computed gives {@link NOT_LITERAL}.
 */
export function literalValue(node: Node): unknown {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isTrueLiteral(node)) return true;
  if (Node.isFalseLiteral(node)) return false;
  if (Node.isNullLiteral(node)) return null;
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === ts.SyntaxKind.MinusToken) {
    const value = literalValue(node.getOperand());
    return typeof value === "number" ? -value : NOT_LITERAL;
  }
  if (Node.isAsExpression(node) || Node.isParenthesizedExpression(node) || Node.isSatisfiesExpression(node)) {
    return literalValue(node.getExpression());
  }
  if (Node.isArrayLiteralExpression(node)) {
    const values = node.getElements().map(literalValue);
    return values.includes(NOT_LITERAL) ? NOT_LITERAL : values;
  }
  if (Node.isObjectLiteralExpression(node)) return objectValue(node);
  return NOT_LITERAL;
}

function objectValue(node: Node & { getProperties(): Node[] }): unknown {
  const result: Record<string, unknown> = {};
  for (const property of node.getProperties()) {
    if (!Node.isPropertyAssignment(property)) return NOT_LITERAL;
    const initializer = property.getInitializer();
    const value = initializer ? literalValue(initializer) : NOT_LITERAL;
    if (value === NOT_LITERAL) return NOT_LITERAL;
    result[property.getName().replace(/^["']|["']$/g, "")] = value;
  }
  return result;
}
