/** Only data here. */
export const LIMIT = 10;
export interface Options {
  name: string;
}
