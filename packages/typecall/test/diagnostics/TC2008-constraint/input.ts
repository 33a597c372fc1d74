import type { tags } from "typia";

/** A search. */
export interface Query {
  /**
   * Words to look for.
   * @minimum 1
   */
  text: string;
  /** Page number. */
  page: number & tags.MinLength<2>;
}

/** Searches. */
export function search(query: Query): string {
  return query.text;
}
