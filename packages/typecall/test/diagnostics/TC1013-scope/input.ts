/**
 * Refunds a payment.
 * @scope payments:refund, admin
 */
export function refund(paymentId: string): string {
  return paymentId;
}
