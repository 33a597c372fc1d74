import { lastToolResults, scriptedModel, toolCall } from "@typecall/wire";

/**
 * The built-in model the demo talks to when no OPENAI_API_KEY is set: a script played by a local
 * server that speaks the Chat Completions wire format. It reads the tool results it is sent, like
 * a real model would: the hotel id comes from the search, and its wrong booking call is corrected
 * from the error feedback.
 */
export const demoModel = scriptedModel([
  // 1. A normal call.
  { toolCalls: [toolCall("searchHotels", { city: "Paris", maxPrice: 250, amenities: ["wifi"] })] },
  // 2. Two parallel calls; the booking has a wrong argument (nights as words, a string).
  (request) => {
    const [search] = lastToolResults(request);
    const [hotel] = JSON.parse(search?.content ?? "[]") as { id: string }[];
    const guests = [{ name: "Alice Martin", email: "alice@example.com" }];
    return {
      toolCalls: [
        toolCall("getWeather", { city: "Paris", unit: null }),
        toolCall("bookRoom", {
          hotelId: hotel?.id,
          checkIn: "2026-12-04",
          nights: "two",
          guests,
          notes: null,
        }),
      ],
    };
  },
  // 3. The model reads the error and sends the corrected call.
  (request) => {
    const booking = lastToolResults(request).find((r) => r.name === "bookRoom");
    if (!booking?.content.includes("nights")) return { content: "I could not book the room." };
    const previous = request.messages.findLast((m) => m.role === "assistant")?.tool_calls ?? [];
    const wrong = JSON.parse(
      previous.find((c) => c.function.name === "bookRoom")?.function.arguments ?? "{}",
    );
    return { toolCalls: [toolCall("bookRoom", { ...wrong, nights: 2 })] };
  },
  // 4. The answer, from what the tools returned.
  (request) => {
    const [booking] = lastToolResults(request);
    const { bookingId, total } = JSON.parse(booking?.content ?? "{}") as {
      bookingId?: string;
      total?: number;
    };
    return { content: `Booked! Your booking ${bookingId} at Hôtel du Marais costs ${total} € for 2 nights.` };
  },
]);
