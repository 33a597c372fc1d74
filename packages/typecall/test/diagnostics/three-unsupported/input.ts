/**
 * A tool with a callback, a symbol and a generic parameter: three diagnostics, no output.
 */
export function process<T>(onProgress: (percent: number) => void, key: symbol, item: T): void {}

/** A fine tool beside it. */
export function ok(name: string): string {
  return name;
}
