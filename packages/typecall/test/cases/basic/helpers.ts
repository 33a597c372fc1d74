/**
 * Echoes a message back.
 * @param message The text to echo
 */
export function echo(message: string): string {
  return message;
}
