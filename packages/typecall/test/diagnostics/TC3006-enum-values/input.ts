type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";

/**
 * Looks up one of 10,000 codes.
 * @param code A four-digit code
 */
export function lookup(code: `${Digit}${Digit}${Digit}${Digit}` | "none"): string {
  return code;
}
