import type * as TypeScript from "typescript";
import { ts } from "../typescript.ts";

/**
 * Whether an exported function is `async` and never waits: no `await` (nor `for await`) in its own
 * body, and nothing it returns is a promise or any other thenable. Its promise is then settled when
 * the call returns, so the dispatcher needs no time limit armed for it (the limit cannot interrupt
 * synchronous work anyway). Anything uncertain (no body, `any`, a thenable, a type parameter)
 * answers false: the dispatcher then arms the limit as for every other tool.
 */
export function settlesAtOnce(fn: TypeScript.SignatureDeclaration, checker: TypeScript.TypeChecker): boolean {
  const isAsync = ts.getCombinedModifierFlags(fn as TypeScript.Declaration) & ts.ModifierFlags.Async;
  if (!isAsync || !("body" in fn) || fn.body === undefined) return false;
  const body = fn.body as TypeScript.Node;
  if (!ts.isBlock(body)) return !isThenable(body as TypeScript.Expression, checker);
  let waits = false;
  const visit = (node: TypeScript.Node): void => {
    if (waits) return;
    // A nested function's awaits and returns are its own.
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) {
      waits = true;
      return;
    }
    if (ts.isReturnStatement(node) && node.expression && isThenable(node.expression, checker)) {
      waits = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return !waits;
}

/** Whether a returned value may be a thenable, which an async function would wait for. */
function isThenable(expression: TypeScript.Expression, checker: TypeScript.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(expression);
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => {
    const flags = part.getFlags();
    if (
      flags &
      (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Intersection)
    )
      return true;
    if (flags & ts.TypeFlags.NonPrimitive) return true;
    if (!(flags & ts.TypeFlags.Object)) return false;
    // `{}` holds any value but null and undefined, a promise too.
    return part.getProperty("then") !== undefined || part.getProperties().length === 0;
  });
}
