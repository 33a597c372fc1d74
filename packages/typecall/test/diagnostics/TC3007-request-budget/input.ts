/** Tool 0. */
export function tool0(query: string): string {
  return query;
}

/** Tool 1. */
export function tool1(query: string): string {
  return query;
}

/** Tool 2. */
export function tool2(query: string): string {
  return query;
}

/** Tool 3. */
export function tool3(query: string): string {
  return query;
}

/** Tool 4. */
export function tool4(query: string): string {
  return query;
}

/** Tool 5. */
export function tool5(query: string): string {
  return query;
}

/** Tool 6. */
export function tool6(query: string): string {
  return query;
}

/** Tool 7. */
export function tool7(query: string): string {
  return query;
}

/** Tool 8. */
export function tool8(query: string): string {
  return query;
}

/** Tool 9. */
export function tool9(query: string): string {
  return query;
}

/** Tool 10. */
export function tool10(query: string): string {
  return query;
}

/** Tool 11. */
export function tool11(query: string): string {
  return query;
}

/** Tool 12. */
export function tool12(query: string): string {
  return query;
}

/** Tool 13. */
export function tool13(query: string): string {
  return query;
}

/** Tool 14. */
export function tool14(query: string): string {
  return query;
}

/** Tool 15. */
export function tool15(query: string): string {
  return query;
}

/** Tool 16. */
export function tool16(query: string): string {
  return query;
}

/** Tool 17. */
export function tool17(query: string): string {
  return query;
}

/** Tool 18. */
export function tool18(query: string): string {
  return query;
}

/** Tool 19. */
export function tool19(query: string): string {
  return query;
}

/** Tool 20. */
export function tool20(query: string): string {
  return query;
}
