/** For adapters whose client asks the person itself (the AI SDK, an MCP approver). */
import { randomSecret } from "../approval.ts";
import type { ToolMapShape } from "../outcome.ts";
import type { Toolset } from "../toolset.ts";

const copies = new WeakMap<object, object>();

/**
 * The toolset, with a secret of its own for approval tokens when a tool needs one and it has none:
 * the tokens are made and used in this process, never shown. One copy per toolset, so that its
 * `maxConcurrentCalls` slots and its hooks stay those of one toolset.
 */
export function approving<M extends ToolMapShape<M>, C extends object>(
  toolset: Toolset<M, C>,
): Toolset<M, C> {
  const needed = toolset.names.some((name) => toolset.get(name)?.approval === true);
  if (!needed || toolset.options.approvals !== undefined) return toolset;
  let copy = copies.get(toolset) as Toolset<M, C> | undefined;
  if (copy === undefined) {
    copy = toolset.with({ approvalSecret: randomSecret() });
    copies.set(toolset, copy);
  }
  return copy;
}
