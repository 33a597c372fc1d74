/** Calls back when done. */
export function notify(message: string, onDone: (ok: boolean) => void): void {
  onDone(message.length > 0);
}
