import type { ToolContext } from "@typecall/runtime";
import type { Address, OrderLine } from "./models.ts";
import { Speed } from "./models.ts";

export { echo } from "./helpers.ts";

/**
 * Ship an order to an address.
 *
 * Lines are packed in one parcel; **express** costs more.
 * @param lines What to ship
 * @param to Destination
 * @param speed Delivery speed
 * @param note Note printed on the label, or null for none
 */
export async function shipOrder(
  lines: OrderLine[],
  to: Address,
  speed: Speed = Speed.Standard,
  note: string | null = null,
): Promise<{ parcels: number; speed: Speed; to: string; note: string | null }> {
  return { parcels: Math.ceil(lines.length / 3), speed, to: to.country, note };
}

/**
 * Convert an amount between currencies.
 * @param amount Amount in the source currency
 * @param from Source currency
 * @param to Target currency
 * @param round Round to whole units
 */
export const convert = (amount: number, from: "EUR" | "USD", to: "EUR" | "USD", round?: boolean): number => {
  const rate = from === to ? 1 : from === "EUR" ? 1.1 : 0.9;
  return round ? Math.round(amount * rate) : amount * rate;
};

/**
 * Tag items with labels.
 * @deprecated Use `shipOrder` notes instead.
 */
export const tagItems = (ids: readonly string[], labels: string[] = ["new"], priority: 1 | 2 | 3 = 2) =>
  ids.map((id) => ({ id, labels, priority }));

/**
 * Who is asking: reads the caller's identity from the injected context.
 * @param greeting How to greet
 */
export function whoAmI(greeting: string, ctx: ToolContext<{ userId: string; roles: string[] }>): string {
  return `${greeting}, ${ctx.userId} (${ctx.roles.join(", ")})`;
}

/**
 * Fails on purpose, for the error path.
 * @param reason What to put in the error
 */
export async function fail(reason: string): Promise<never> {
  throw new Error(reason);
}

/** Not a tool: marked internal. @internal */
export function internalHelper(x: string): string {
  return x;
}

/**
 * Not a tool either.
 * @hidden
 */
export function hiddenHelper(): void {}

function notExported(x: number): number {
  return x;
}

/** Not a function: not a tool. */
export const VERSION = notExported(1);

/**
 * Waits, then answers; stops early when the call is aborted.
 * @param ms How long to wait, in milliseconds
 */
export async function sleep(ms: number, ctx: ToolContext): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    ctx.signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    });
  });
  return `slept ${ms} ms`;
}

/** Checks the service is up. */
export function ping(): "pong" {
  return "pong";
}
