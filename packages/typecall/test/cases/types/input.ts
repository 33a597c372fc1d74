import type { ChatCompletionRole } from "openai/resources/chat/completions";
import type { tags } from "typia";

/** Priority levels, as numbers. */
export enum Priority {
  Low = 1,
  High = 2,
}

/** Sizes, as a const enum. */
enum Size {
  Small = "s",
  Large = "l",
}

/** A page of results of any item type. */
interface Page<T> {
  /** The items of this page. */
  items: T[];
  /** Where the next page starts, or null at the end. */
  cursor: string | null;
}

/** Someone who can be assigned work. */
interface User {
  /** @format email */
  email: string;
  /** Age in years. */
  age: number & tags.Type<"uint32"> & tags.Maximum<150>;
  /**
   * Short handle.
   * @minLength 2
   * @maxLength 20
   * @pattern ^[a-z0-9_]+$
   */
  handle: string;
}

/** A shape, told apart by `kind`. */
type Shape = { kind: "circle"; radius: number } | { kind: "square"; side: number };

/** Audit fields shared by records. */
interface Audited {
  /** When the record was created. */
  createdAt: Date;
}

/** A ticket as stored. */
interface Ticket extends Audited {
  id: string;
  title: string;
  size: Size;
  internalNote: string;
}

/**
 * Create a ticket. See {@link Ticket} for the stored shape.
 *
 * @param ticket The ticket, without its id; `internalNote` is set by staff only.
 * @param priority How urgent it is
 * @param code An order code such as `order-42`
 * @param assignees Up to three people
 * @param labels Extra labels, by name
 * @param position Where on the board, as [column, row]
 * @param shape Any shape
 * @param role Who speaks (a type from a package)
 * @param urgent Always true when given
 * @param budget An exact amount in cents
 * @param link A related page
 * @param page Related items, paged
 * @param settings Display settings, all required once given
 * @returns A one-line summary of the ticket
 * @remarks Tickets are visible to the whole team.
 * @example
 * createTicket({ title: "Printer jam", size: "s", createdAt: "2026-11-23T10:00:00Z" }, 2, "order-42")
 */
export function createTicket(
  ticket: Omit<Ticket, "id" | "internalNote"> & Partial<Pick<Ticket, "internalNote">>,
  priority: Priority,
  code: `order-${number}`,
  assignees: readonly User[] & tags.MaxItems<3> = [],
  labels?: Record<string, string>,
  position?: [number, number],
  shape?: Shape,
  role?: ChatCompletionRole,
  urgent?: true,
  budget?: bigint,
  link?: URL,
  page?: Page<{ sku: string }>,
  settings?: Readonly<Required<{ compact?: boolean; theme?: "light" | "dark" }>>,
): string {
  const created = ticket.createdAt instanceof Date ? ticket.createdAt.toISOString() : "no date";
  const extra = [
    labels && Object.keys(labels).length,
    position?.[0],
    shape?.kind,
    role,
    urgent,
    page?.items.length,
    settings?.theme,
  ];
  return `${ticket.title} ${priority} ${code} ${assignees.length} ${created} ${String(budget)} ${link?.host} ${extra.join(",")}`;
}

/**
 * Store any metadata.
 * @param meta Free-form JSON
 */
export function storeMeta(meta: unknown): string {
  return JSON.stringify(meta);
}
