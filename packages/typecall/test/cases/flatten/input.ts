/** Search options. */
export interface SearchOptions {
  /** Words to look for. */
  query: string;
  /** Results per page. */
  limit?: number;
  /** Only these kinds of document. */
  kinds?: ("pdf" | "html")[];
  /** Nested filter. */
  filter?: {
    /** Newest first when true. */
    newestFirst: boolean;
    /** Owner's user name, or null for anyone. */
    owner: string | null;
  };
}

/**
 * Search documents.
 * @param options.query Free text; overrides the interface comment
 */
export function search(options: SearchOptions): string[] {
  return [options.query, String(options.limit ?? 10)];
}

/**
 * Weather, with destructured options and defaults in the pattern.
 * @param opts.city City name
 * @param opts.unit Temperature unit
 */
export const weather = ({ city, unit = "c" }: { city: string; unit?: "c" | "f" }): string =>
  `${city}:${unit}`;
