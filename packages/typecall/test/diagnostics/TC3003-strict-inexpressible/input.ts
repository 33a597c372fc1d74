/**
 * Stores tagged points.
 * @param tags Labels by key, and the record's id
 * @param path Points as [x, y, ...more]
 */
export function store(tags: { id: string; [key: string]: string }, path: [number, ...number[]]): number {
  return Object.keys(tags).length + path[0];
}
