/** Type forms a `@sensitive` path goes through, for the guard-tags test. */

export interface Card {
  /** @sensitive */
  number: string;
  cvc: string;
}

/** A folder and the folders in it. */
export interface Folder {
  name: string;
  children: Folder[];
}

/** A mapped type keeps the tag of the property it maps. */
export function partial(card: Partial<Card>, note: string): string {
  return note;
}

/** An intersection has the properties of both sides. */
export function intersection(card: Card & { extra: string }, note: string): string {
  return note;
}

/** A record's values, and an optional nullable object. */
export function records(cards: Record<string, Card>, spare?: Card | null): number {
  return Object.keys(cards).length + (spare ? 1 : 0);
}

/** A named readonly array. */
export type Cards = readonly Card[];

/** Items of a named array type. */
export function named(cards: Cards, count: number): number {
  return cards.length + count;
}

/**
 * Paths named below parameters: through array items, and into a recursive type.
 * @sensitive cards.*.cvc
 * @sensitive tree.children
 */
export function dotted(cards: Card[], tree: Folder): number {
  return cards.length + tree.children.length;
}

/**
 * A sole object parameter: its properties are the arguments.
 * @param options What to do
 * @sensitive options.secret
 */
export function flattened(options: { secret: string; deep: { card: Card }; list: Card[] }): number {
  return options.list.length;
}

/** A property tagged where both members of a union have it: one path. */
export function unions(payment: { card: Card } | { card: Card; note: string }, count: number): number {
  return count;
}

/** A tagged property that holds a recursive type: masked whole, no error. */
export function holder(wrapper: {
  /** @sensitive */
  tree: Folder;
  other: Folder;
}): number {
  return wrapper.other.children.length;
}

/** The result: a promise of an array or null. */
export async function result(id: string): Promise<Card[] | null> {
  await Promise.resolve(id);
  return null;
}

/**
 * A parameter tagged in its own comment, and the tool's tag naming one already covered.
 * @sensitive card.number
 */
export function ownComment(
  /** @sensitive */
  card: Card,
  note: string,
): string {
  return note;
}
