/** Where a parcel goes. */
export interface Address {
  /** Street and number. */
  street: string;
  /** Postal code, when the country has them. */
  zip?: string;
  /** ISO 3166 country code. */
  country: "FR" | "DE" | "US";
}

/** How fast the parcel travels. */
export enum Speed {
  Standard = "standard",
  Express = "express",
}

/** One line of an order. */
export type OrderLine = {
  /** Stock keeping unit. */
  sku: string;
  quantity: number;
  /** Gift-wrapped when true. */
  gift?: boolean;
};
