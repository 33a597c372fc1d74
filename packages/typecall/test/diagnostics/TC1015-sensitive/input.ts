/** A payment card. */
export interface Card {
  /** @sensitive */
  number: string;
  cvc: string;
}

/**
 * Pays with a card.
 * @sensitive crad
 */
export function pay(card: Card, amount: number): number {
  return card.number.length + amount;
}

/**
 * Charges a card.
 * @sensitive card.cvv
 */
export function charge(card: Card): number {
  return card.cvc.length;
}

/**
 * Stores a card.
 * @sensitive
 */
export function store(card: Card): number {
  return card.cvc.length;
}

/**
 * Forgets a card.
 * @Sensitive card
 */
export function forget(card: Card): number {
  return card.cvc.length;
}

/**
 * Signs in.
 */
export function signIn(login: {
  user: string;
  /** @sensitives */
  password: string;
}): boolean {
  return login.user !== login.password;
}

/**
 * Sets a PIN.
 */
export function setPin(account: {
  id: string;
  /** The new PIN, @sensitive */
  pin: string;
}): boolean {
  return account.pin.length === 4;
}

/**
 * Reads a secret.
 */
export function readSecret(name: string): {
  name: string;
  /**
   * @sensitive
   * The secret's value.
   */
  value: string;
} {
  return { name, value: "" };
}
