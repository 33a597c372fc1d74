/**
 * Tools tagged for the guard: `@approval`, `@sensitive` (on properties at every depth, on
 * parameters, on the result) and the per-tool length limits.
 */
import type { ToolContext } from "@typecall/runtime";

/** A payment card. */
export interface Card {
  /**
   * The card number.
   * @sensitive
   */
  number: string;
  /** @sensitive */
  cvc: string;
  /** Shown on receipts. */
  holder: string;
}

/** Where a payment goes. */
export type Payee =
  | {
      kind: "person";
      name: string;
      /** @sensitive */
      iban: string;
    }
  | {
      kind: "company";
      vatId: string;
      /** @sensitive */
      iban: string;
    }
  | { kind: "shop"; shopId: string };

/** What a payment answers. */
export interface Receipt {
  receiptId: string;
  /** The card the payment was taken from. */
  card: Card;
  /** @sensitive */
  authorization: { code: string; bank: string };
}

/**
 * Pays a payee with one of the caller's cards.
 * @param card The card to pay with
 * @param amount In cents
 * @param payee Who gets the money
 * @approval
 * @maxArgumentsLength 4000
 * @maxContentLength 2000
 */
export function pay(card: Card, amount: number, payee: Payee): Receipt {
  return {
    receiptId: `r-${amount}`,
    card,
    authorization: { code: payee.kind, bank: "b" },
  };
}

/**
 * Refunds a payment to a card: the card is masked whole.
 * @param card Where the money goes back
 * @param reason Why
 * @sensitive card
 */
export function refund(card: Card, reason: string): boolean {
  return card.holder !== reason;
}

/** A traveller of a booking. */
export interface Traveller {
  name: string;
  /** @sensitive */
  passport?: string | null;
  cards: Card[];
  /** Loyalty numbers by airline. */
  loyalty?: Record<
    string,
    {
      /** @sensitive */
      number: string;
      tier: string;
    }
  >;
}

/**
 * Books a trip for a group.
 * @param travellers Who travels
 * @param pin The booking's PIN
 * @param stops Where the trip starts, with the door code, and where it ends
 * @sensitive pin
 */
export async function bookTrip(
  travellers: Traveller[],
  pin: string,
  stops: [
    from: {
      city: string;
      /** @sensitive */
      doorCode: string;
    },
    to: { city: string },
  ],
  ctx: ToolContext<{ userId: string }>,
): Promise<{ bookingId: string; travellers: Traveller[] }> {
  await Promise.resolve();
  return { bookingId: `${ctx.userId}-${pin}-${stops.length}`, travellers };
}

/** A sign-in. */
export interface Credentials {
  user: string;
  /** @sensitive */
  password: string;
}

/**
 * Signs in; the whole arguments object is sensitive.
 * @param login Who signs in
 * @sensitive login
 */
export function signIn(login: Credentials): { token: string } {
  return { token: login.user };
}

/**
 * Changes a password.
 * @sensitive old
 */
export function changePassword({
  old,
  next,
}: {
  old: string;
  /** @sensitive */
  next: string;
}): boolean {
  return old !== next;
}

/** A session the server keeps: a class with a method has no wire shape, so its result is masked whole. */
export class Session {
  /** @sensitive */
  token = "";
  userId = "";
  expires(): number {
    return 0;
  }
}

/**
 * Opens a session.
 * @param userId Who
 */
export function openSession(userId: string): Session {
  const session = new Session();
  session.userId = userId;
  return session;
}
