/**
 * Imports a document.
 * @maxArgumentsLength 10k
 */
export function importDocument(text: string): number {
  return text.length;
}

/**
 * Exports a document.
 * @maxContentLength 50
 */
export function exportDocument(id: string): string {
  return id;
}

/**
 * Converts a document.
 * @maxArgumentsLength 20_000
 */
export function convertDocument(text: string): string {
  return text;
}

/**
 * Summarises a document.
 * @maxcontentlength 5000
 */
export function summarise(id: string): string {
  return id;
}

/**
 * Translates a document.
 * @maxContentLength
 */
export function translate(id: string): string {
  return id;
}
