/**
 * Books a hotel: a type error in the body leaves its result untyped.
 * @param hotel The hotel's id
 * @param nights How many nights
 */
export function bookHotel(hotel: string, nights: number) {
  // @ts-expect-error: a string has no toFixed, which is the mistake this case is about.
  return { booked: hotel.toFixed(), nights };
}

/** Returns a name that does not exist. */
export function lookUp(id: string) {
  // @ts-expect-error: as above, the whole result is unknown to TypeScript.
  return missingRecord(id);
}
