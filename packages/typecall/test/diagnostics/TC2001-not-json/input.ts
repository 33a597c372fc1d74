/** A class instance carries methods. */
class Temperature {
  constructor(public celsius: number) {}
  toFahrenheit(): number {
    return this.celsius * 1.8 + 32;
  }
}

/** Uses types that cannot cross JSON. */
export function record(
  reading: Temperature,
  seen: Set<string>,
  pair: [string, ...number[]],
  byIndex: { [index: number]: string },
  nothing: never,
  pending: Promise<string>,
  index: Map<string, number>,
): void {}
