/** A class instance carries methods. */
class Temperature {
  constructor(public celsius: number) {}
  toFahrenheit(): number {
    return this.celsius * 1.8 + 32;
  }
}

/** Uses types that cannot cross JSON yet. */
export function record(
  reading: Temperature,
  when: Date,
  pair: [string, number],
  labels: Record<string, string>,
  nothing: never,
): void {}
