/**
 * Refunds a payment.
 * @scope payments:refund, admin
 */
export function refund(paymentId: string): string {
  return paymentId;
}

/**
 * Closes an account.
 * @Scope admin
 */
export function closeAccount(accountId: string): string {
  return accountId;
}

/**
 * Deletes a user; needs @scope admin to run.
 */
export function deleteUser(userId: string): string {
  return userId;
}
