/**
 * What a string of each JSON Schema format looks like, in words and by example: shown to the model
 * in the schema of a `Date` parameter and in the feedback on a wrong value, from this one place.
 */
export const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  "date-time": "2026-12-01T10:00:00Z",
  date: "2026-12-01",
  time: "10:00:00Z",
  email: "ada@example.com",
  uri: "https://example.com/path",
  uuid: "3f2b8a4e-9c1d-4e7f-8a2b-1c3d5e7f9a0b",
};

/**
 * How a `Date` parameter is described: a date-time without an offset names no instant (whose
 * midnight?), and a bare date no time, so both are refused with this text rather than guessed.
 */
export const DATE_TIME_TEXT: string = `An RFC 3339 date-time with a time zone offset, such as "${FORMAT_EXAMPLES["date-time"]}".`;
