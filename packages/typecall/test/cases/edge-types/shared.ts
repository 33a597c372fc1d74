/** A region code's prefix. */
export type Region = "eu" | "us";
export enum Tier {
  Free = "free",
  Pro = "pro",
}
export const TITLE = "title";
/** A user id: a string at run time, branded in the type system. */
export type UserId = string & { readonly __brand: "UserId" };
