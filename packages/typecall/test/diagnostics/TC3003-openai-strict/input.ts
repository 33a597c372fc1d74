/**
 * Stores labels, a point and a payload.
 * @param labels Free-form labels by key
 * @param point A position as [x, y]
 */
export function store(labels: Record<string, string>, point: [number, number]): number {
  return Object.keys(labels).length + point[0];
}
