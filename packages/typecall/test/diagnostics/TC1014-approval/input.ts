/**
 * Refunds a payment.
 * @approval by a manager
 */
export function refund(paymentId: string): string {
  return paymentId;
}

/**
 * Closes an account.
 * @Approval
 */
export function closeAccount(accountId: string): string {
  return accountId;
}

/**
 * Deletes a user.
 * @approve
 */
export function deleteUser(userId: string): string {
  return userId;
}

/**
 * Wipes a disk; needs @approval first.
 */
export function wipeDisk(disk: string): string {
  return disk;
}
