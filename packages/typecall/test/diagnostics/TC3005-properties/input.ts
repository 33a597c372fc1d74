type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";

/** 10,000 numeric fields, named f0000 to f9999. */
export type Wide = { [K in `f${Digit}${Digit}${Digit}${Digit}`]?: number };

/** Takes a very wide object. */
export function wide(values: Wide): number {
  return Object.keys(values).length;
}
