import type { ToolContext } from "@typecall/runtime";

/**
 * Lists the caller's orders.
 * @param status Which orders
 * @sensitive ctx
 */
export function listOrders(status: "open" | "closed", ctx: ToolContext<{ token: string }>): string[] {
  return [status, ctx.token];
}

/**
 * Cancels an order.
 * @param orderId The order
 */
export function cancelOrder(
  orderId: string,
  /** @sensitive */
  ctx: ToolContext<{ token: string }>,
): string {
  return `${orderId}:${ctx.token}`;
}
