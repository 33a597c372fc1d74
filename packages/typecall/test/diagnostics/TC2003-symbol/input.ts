/** Keys by symbol. */
export function tag(key: symbol): string {
  return String(key);
}
