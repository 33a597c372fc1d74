/** Options of a report. */
export interface ReportOptions {
  /** The report's title, from the interface. */
  title: string;
  /** Timeout in seconds. Defaults to 30. */
  timeout?: number;
}

/**
 * Finds people.
 * @param filter Who to find
 * @param special Whether to include special characters (e.g., !, @, #)
 * @param page Page number. @minimum 1
 * @param size Page size
 * @maximum 100
 * @param count How many
 * @type int32
 * @minimum offset 0
 */
// biome-ignore format: the case keeps comments inline, as people write them
export function find(
  filter: { /** The name */ name: string; /** Max age */ age?: number; nested: { /** Deep */ deep: string } },
  special: boolean,
  page: number,
  size: number,
  count: number,
  /** Where to start. */ offset: number,
): string {
  return `${filter.name}:${special}:${page}:${size}:${count}:${offset}`;
}

/**
 * Writes a report.
 * @param options The report to write, and how long to wait for it.
 * @param options.title Shown at the top of the page
 * @param options.timeout @maximum 120
 */
export function report({ title, timeout = 30 }: ReportOptions): string {
  return `${title}:${timeout}`;
}

/**
 * A count.
 * @param n A whole number @type int32
 */
export function count(n: number): number {
  return n;
}

/**
 * Deletes a file for good.
 * @title Delete file
 * @destructive
 * @idempotent true
 * @openWorld false
 * @param path The file
 */
export function deleteFile(path: string): boolean {
  return path.length > 0;
}

/**
 * Lists the files of a folder.
 * @title List files
 * @readonly
 * @param folder The folder
 */
export function listFiles(folder: string): string[] {
  return [folder];
}
