/**
 * Looks up a user.
 * @name users.get
 */
export function getUser(id: string): string {
  return id;
}

/** Also looks up a user, under the name the first is sent as. */
export function users_get(id: string): string {
  return id;
}
