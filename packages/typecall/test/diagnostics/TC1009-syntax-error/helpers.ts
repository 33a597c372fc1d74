/** Labels a value. */
export function label(value: string): string {
  return `[${value}]` +;
}
