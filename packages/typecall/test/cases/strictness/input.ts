/**
 * Labels a document.
 * @param id The document
 * @param labels Labels by name
 */
export async function label(
  id: string,
  labels: Record<string, string>,
): Promise<{ id: string; labels: Record<string, string> }> {
  return { id, labels };
}

/**
 * Moves the cursor.
 * @param to Where to, as [x, y], with an optional z
 * @param speed Pixels per second
 */
export async function moveTo(
  to: [x: number, y: number, z?: number],
  speed?: number,
): Promise<{ to: readonly (number | undefined)[]; speed?: number }> {
  return speed === undefined ? { to } : { to, speed };
}

/**
 * Stores a payload as it is.
 * @param key Where to store it
 * @param payload Any JSON value
 */
export async function store(key: string, payload: unknown): Promise<{ key: string; payload: unknown }> {
  return { key, payload };
}
