/** Moves a point. */
export function move({ x, y }: { x: number; y: number }, distance: number): number {
  return x + y + distance;
}
