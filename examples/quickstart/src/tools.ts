import type { ToolContext } from "@typecall/runtime";
import type { Amenity, Booking, BookingRequest, Hotel } from "./types.ts";

const HOTELS: Hotel[] = [
  {
    id: "h-paris-1",
    name: "Hôtel du Marais",
    city: "Paris",
    pricePerNight: 180,
    amenities: ["wifi", "breakfast"],
  },
  {
    id: "h-paris-2",
    name: "Rive Gauche Suites",
    city: "Paris",
    pricePerNight: 320,
    amenities: ["wifi", "pool", "gym"],
  },
  {
    id: "h-lyon-1",
    name: "Presqu'île Lodge",
    city: "Lyon",
    pricePerNight: 120,
    amenities: ["wifi", "parking"],
  },
];

const bookings = new Map<string, Booking>();

/**
 * Search hotels in a city.
 *
 * Returns at most 10 hotels, cheapest first.
 * @param city City name, e.g. "Paris"
 * @param maxPrice Highest acceptable price per night, in euros
 * @param amenities Features every returned hotel must have
 */
export async function searchHotels(
  city: string,
  maxPrice?: number,
  amenities: Amenity[] = [],
): Promise<Hotel[]> {
  return HOTELS.filter((h) => h.city.toLowerCase() === city.toLowerCase())
    .filter((h) => maxPrice === undefined || h.pricePerNight <= maxPrice)
    .filter((h) => amenities.every((a) => h.amenities.includes(a)))
    .sort((a, b) => a.pricePerNight - b.pricePerNight)
    .slice(0, 10);
}

/**
 * Book a room for one or more guests.
 *
 * The booking is made on behalf of the signed-in user.
 */
export async function bookRoom(
  request: BookingRequest,
  ctx: ToolContext<{ userId: string }>,
): Promise<Booking> {
  const hotel = HOTELS.find((h) => h.id === request.hotelId);
  if (!hotel) throw new Error(`No hotel has id "${request.hotelId}". Use an id returned by searchHotels.`);
  const bookingId = `bk-${ctx.userId}-${hotel.id}-${request.checkIn}`;
  const booking: Booking = {
    bookingId,
    hotelId: hotel.id,
    total: hotel.pricePerNight * request.nights,
    status: "confirmed",
  };
  bookings.set(bookingId, booking);
  return booking;
}

/**
 * Current weather for a city.
 * @param city City name, e.g. "Paris"
 * @param unit Temperature unit: "c" for Celsius, "f" for Fahrenheit
 */
export function getWeather(
  city: string,
  unit: "c" | "f" = "c",
): { city: string; temperature: number; unit: "c" | "f" } {
  const celsius = city.length * 3;
  return { city, temperature: unit === "c" ? celsius : Math.round(celsius * 1.8 + 32), unit };
}

/**
 * Cancel a booking made with `bookRoom`.
 * @param bookingId The id returned by bookRoom
 * @param reason Why the guest cancels, for the hotel
 */
export const cancelBooking = async (bookingId: string, reason?: string): Promise<string> => {
  if (!bookings.delete(bookingId))
    throw new Error(`Booking "${bookingId}" does not exist or was already cancelled.`);
  return reason ? `Cancelled ${bookingId} (${reason}).` : `Cancelled ${bookingId}.`;
};

/** Formats prices for the tools above; not a tool. */
function euros(amount: number): string {
  return `${amount} €`;
}

/**
 * Internal helper kept out of the toolset.
 * @internal
 */
export function priceLabel(amount: number): string {
  return euros(amount);
}
