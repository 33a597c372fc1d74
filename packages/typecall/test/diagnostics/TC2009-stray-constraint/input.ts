/**
 * Lists orders, one page at a time.
 * @minimum 1
 * @param page Page number. @minimum 1
 * @param size Page size
 * @maximum 100
 */
export function listOrders(page: number, size: number): string[] {
  return [String(page), String(size)];
}
