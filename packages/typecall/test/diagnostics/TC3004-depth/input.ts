type L11 = { value: string };
type L10 = { next: L11 };
type L9 = { next: L10 };
type L8 = { next: L9 };
type L7 = { next: L8 };
type L6 = { next: L7 };
type L5 = { next: L6 };
type L4 = { next: L5 };
type L3 = { next: L4 };
type L2 = { next: L3 };
type L1 = { next: L2 };

/** Walks a deep structure. */
export function walk(root: L1): string {
  return JSON.stringify(root);
}
