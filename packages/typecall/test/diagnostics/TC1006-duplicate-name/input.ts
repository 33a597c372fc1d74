/**
 * Finds a user.
 * @name lookup
 */
export function findUser(id: string): string {
  return id;
}

/**
 * Finds an order.
 * @name lookup
 */
export function findOrder(id: string): string {
  return id;
}
