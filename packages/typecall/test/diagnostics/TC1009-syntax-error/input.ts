import { label } from "./helpers.ts";

/** A broken signature: the parameter list is never closed. */
export function broken(a: string {
  return a;
}

/** A broken body. */
export function add(a: number, b: number): number {
  return a +;
}

export { label };
