/** Finds an order. */
export function lookup(orderId: string): string {
  return orderId;
}
