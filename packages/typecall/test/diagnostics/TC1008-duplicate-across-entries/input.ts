/** Finds a user. */
export function lookup(id: string): string {
  return id;
}
