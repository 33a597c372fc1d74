import type { tags } from "typia";

/** A measurement order: every constraint typecall reads, from JSDoc tags and from typia tags. */
export interface Order {
  /**
   * How many samples.
   * @type int32
   * @minimum 1
   * @maximum 100
   * @default 10
   * @example 12
   */
  samples?: number;
  /**
   * Sampling step, in seconds.
   * @exclusiveMinimum 0
   * @exclusiveMaximum 60
   * @multipleOf 0.5
   */
  step: number;
  /**
   * Sensor ids, each once.
   * @minItems 1
   * @maxItems 8
   * @uniqueItems
   */
  sensors: string[];
  /** Where to send the report. */
  notify: string & tags.Format<"email"> & tags.MaxLength<120>;
  /** A correlation id. */
  requestId: string & tags.Format<"uuid">;
  /** A batch label such as `B-0042`. */
  batch: string & tags.Pattern<"^B-[0-9]{4}$"> & tags.MinLength<6>;
  /** Retries on failure. */
  retries: number & tags.Type<"uint32"> & tags.ExclusiveMaximum<10> & tags.Default<3>;
}

/**
 * Order a measurement run.
 * @name order_measurement
 */
export function orderMeasurement(order: Order): string {
  return `${order.samples ?? 10} samples of ${order.sensors.join("+")} every ${order.step}s`;
}
