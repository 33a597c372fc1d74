/** Room features a guest can ask for. */
export type Amenity = "wifi" | "breakfast" | "parking" | "pool" | "gym";

/** A hotel as the search returns it. */
export interface Hotel {
  id: string;
  name: string;
  city: string;
  pricePerNight: number;
  amenities: Amenity[];
}

/** Someone staying in the room. */
export interface Guest {
  /** Full name as on the guest's ID. */
  name: string;
  /** Where the confirmation is sent. */
  email: string;
  /** Age in years; needed for guests under 18. */
  age?: number;
}

/** What `bookRoom` needs to hold a room. */
export interface BookingRequest {
  /** The `id` of a hotel returned by `searchHotels`. */
  hotelId: string;
  /** Arrival date, `YYYY-MM-DD`. */
  checkIn: string;
  /** Number of nights, at least 1. */
  nights: number;
  /** Everyone staying in the room; the first guest pays. */
  guests: Guest[];
  /** A request for the front desk, or null for none. */
  notes?: string | null;
}

/** A confirmed booking. */
export interface Booking {
  bookingId: string;
  hotelId: string;
  total: number;
  status: "confirmed";
}
