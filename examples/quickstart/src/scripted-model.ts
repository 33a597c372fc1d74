import { type Model, type ScriptTurn, script } from "@typecall/wire";

/** What the user asks the demo model. */
export const DEMO_REQUEST =
  "Find a hotel in Paris under 250 € a night with wifi, tell me the weather there, book it for Alice Martin (alice@example.com) for 2 nights from 2026-12-04, and cancel my old booking bk-old-1.";

/**
 * The conversation of the built-in model the demo talks to when no API key is set, written once
 * for every provider's wire format. It reads the tool results it is sent, like a real model
 * would: the hotel id comes from the search, and its wrong booking call is corrected from the
 * error feedback.
 */
export const demoTurns: readonly ScriptTurn[] = [
  // 1. A normal call.
  { calls: [{ name: "searchHotels", args: { city: "Paris", maxPrice: 250, amenities: ["wifi"] } }] },
  // 2. Two parallel calls; the booking has a wrong argument (nights as words, a string).
  ({ results }) => {
    const [hotel] = JSON.parse(results[0]?.content ?? "[]") as { id: string }[];
    const guests = [{ name: "Alice Martin", email: "alice@example.com" }];
    return {
      calls: [
        { name: "getWeather", args: { city: "Paris", unit: null } },
        {
          name: "bookRoom",
          args: { hotelId: hotel?.id, checkIn: "2026-12-04", nights: "two", guests, notes: null },
        },
      ],
    };
  },
  // 3. The model reads the error and sends the corrected call, and a cancellation that fails.
  ({ results, calls }) => {
    const booking = results.find((r) => r.name === "bookRoom");
    if (!booking?.content.includes("nights")) return { text: "I could not book the room." };
    const wrong = calls.find((c) => c.name === "bookRoom")?.args as Record<string, unknown>;
    return {
      calls: [
        { name: "bookRoom", args: { ...wrong, nights: 2 } },
        { name: "cancelBooking", args: { bookingId: "bk-old-1" } },
      ],
    };
  },
  // 4. The answer, from what the tools returned.
  ({ results }) => {
    const booking = JSON.parse(results[0]?.content ?? "{}") as { bookingId?: string; total?: number };
    const cancelled = !results[1]?.content.includes("does not exist");
    return {
      text:
        `Booked! Your booking ${booking.bookingId} at Hôtel du Marais costs ${booking.total} € for 2 nights. ` +
        (cancelled ? "I cancelled bk-old-1." : "There is no booking bk-old-1 to cancel."),
    };
  },
];

/** A fresh scripted model playing the demo conversation (a model keeps its place in the script). */
export function demoModel<Request>(): Model<Request> {
  return script<Request>(demoTurns as readonly ScriptTurn<Request>[]);
}
