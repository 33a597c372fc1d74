/**
 * Has a name no provider accepts.
 * @name send email!
 */
export function sendEmail(to: string): void {}
