declare function lookUp(city: string): Promise<string>;
declare function anything(): unknown;

/** Never waits: settled when it returns. */
export async function plain(city: string): Promise<{ city: string }> {
  return { city };
}

/** Waits for another call. */
export async function awaits(city: string): Promise<string> {
  const found = await lookUp(city);
  return found;
}

/** Returns a promise, which an async function waits for. */
export async function forwards(city: string): Promise<string> {
  return lookUp(city);
}

/** Returns a value of unknown type: it could be a promise. */
export async function opaque(city: string): Promise<unknown> {
  return city ? anything() : undefined;
}

/** Waits in a loop. */
export async function loops(cities: string[]): Promise<number> {
  let n = 0;
  for await (const _ of cities.map(lookUp)) n++;
  return n;
}

/** Its inner function's await is not its own. */
export async function nested(city: string): Promise<number> {
  const later = async () => await lookUp(city);
  return later.length;
}

/** An arrow returning a value directly. */
export const arrow = async (city: string): Promise<{ city: string }> => ({ city });

/** An arrow returning a promise. */
export const arrowForwards = async (city: string): Promise<string> => lookUp(city);

/** Not async: the runtime sees its plain result itself. */
export function sync(city: string): string {
  return city;
}
