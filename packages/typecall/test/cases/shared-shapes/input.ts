/** Where a parcel goes. */
export interface Address {
  street: string;
  city: string;
  /** Postal code, when the country has them. */
  zip?: string;
}

/** How an order is shipped. */
export interface Shipping {
  address: Address;
  /**
   * How fast it travels.
   * @default "standard"
   */
  speed?: "standard" | "express";
}

/**
 * Archives a user's account.
 * @param userId The user's id
 * @param reason Why, for the audit log
 */
export function archiveUser(userId: string, reason?: string): string {
  return `${userId} archived${reason ? `: ${reason}` : ""}`;
}

/**
 * Restores an archived account: the same arguments as archiveUser, so one validator serves both.
 * @param userId The user's id
 * @param reason Why, for the audit log
 */
export function restoreUser(userId: string, reason?: string): string {
  return `${userId} restored${reason ? `: ${reason}` : ""}`;
}

/**
 * Ships an order; the speed's default sits below the top level.
 * @param orderId The order
 * @param shipping Where and how
 */
export function shipOrder(orderId: string, shipping: Shipping): string {
  return `${orderId} to ${shipping.address.city} (${shipping.speed ?? "standard"})`;
}

/**
 * Changes the address of a user.
 * @param userId The user's id
 * @param address The new address
 */
export function moveUser(userId: string, address: Address): string {
  return `${userId} to ${address.city}`;
}
