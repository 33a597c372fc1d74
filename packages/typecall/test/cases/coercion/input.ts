/**
 * The coercions of README "What lenient parsing and coercion do, and never do", one tool per rule:
 * `coercion.test.ts` calls the generated coercers and dispatch with each near miss.
 */

/** A filter by tag. */
export interface Filter {
  tag: string;
}

/**
 * Numbers, booleans, nulls and parts, each as a model may send them as text.
 * @param count @type int32
 */
export function scalars(
  count?: number,
  ratio?: number,
  flag?: boolean,
  maybe?: string | null,
  limit?: number | null,
  label?: string,
  filter?: Filter,
  ids?: number[],
  notes?: Record<string, string>,
  any?: unknown,
): string {
  return JSON.stringify([count, ratio, flag, maybe, limit, label, filter, ids, notes, any]);
}

/** Literals whose text a number or a boolean spells, and numbers past what a double holds. */
export function literals(
  pick?: "1" | "2" | "3",
  on?: "true" | "false",
  id?: "12345678901234567890",
  level?: 1 | 2 | 3,
  mode?: true,
): string {
  return JSON.stringify([pick, on, id, level, mode]);
}

/** A node of a tree of numbers. */
export interface Node {
  /** @type int32 */
  value: number;
  children?: Node[];
}

/** A recursive type. */
export function tree(root: Node): number {
  return root.value;
}

/** Unions: of scalars, of a number and null, of two objects, of a string and a number. */
export function unions(
  id?: number | boolean,
  either?: number | null,
  ambiguous?: { a: number } | { a: boolean },
  kept?: string | number,
): string {
  return JSON.stringify([id, either, ambiguous, kept]);
}

/** A guest. */
export interface Guest {
  name: string;
  /** @default false */
  vip?: boolean;
  /** @default ["tea"] */
  drinks?: string[];
}

/**
 * Nulls for optional properties, and defaults, at the top and below it.
 * @param unit @default "c"
 * @param tags @default ["a"]
 */
export function defaults(
  city: string,
  required: string,
  unit?: "c" | "f",
  note?: string | null,
  tags?: string[],
  guests?: Guest[],
  main?: Guest,
): string {
  return JSON.stringify([city, required, unit, note, tags, guests, main]);
}

/** Free strings and a literal union no number spells, all required: nothing to convert. */
export function texts(city: string, code: "a" | "b"): string {
  return `${city}:${code}`;
}
