import type { ToolContext } from "@typecall/runtime";
import { type Region, TITLE, Tier, type UserId } from "./shared.ts";

enum Color {
  Red,
  Green,
}

/** Tags of a post. */
export interface Tags extends Array<string> {}

/** A bigint literal travels as its digits and reaches the tool as a bigint. */
export function probe(big: 10n, name: string): string {
  return `${typeof big}:${big}:${name}`;
}

/** Tuples with optional and rest elements. */
export function tuples(path: [string, ...number[]], point: [x: number, y?: number]): number {
  return path.length + point.length;
}

/** The literal-union idiom: suggestions, but any string is accepted. */
export function idiom(
  size: "small" | "large" | (string & {}),
  shade: "light" | (string & Record<never, never>),
  owner: UserId,
): string {
  return `${size}/${shade}/${owner}`;
}

/** An interface that extends Array<string>. */
export function tagged(tags: Tags): number {
  return tags.length;
}

/** Computed property names from an enum member and a string constant. */
export function computed(item: { [Tier.Pro]: boolean; [TITLE]: string }): string {
  return item.title;
}

/** Properties typed undefined, T | undefined and never. */
export function absent(options: {
  gone: undefined;
  maybe: string | undefined;
  never?: never;
  kind: "x" | never;
}): string {
  return `${options.kind}:${options.maybe ?? "-"}`;
}

/** An object that must be empty, an empty object type, and any object. */
export function objects(none: Record<string, never>, empty: {}, anything: object): number {
  return Object.keys(none).length + Object.keys(empty).length + Object.keys(anything).length;
}

/** keyof typeof an enum, and template literal types from imported types. */
export function keys(
  color: keyof typeof Color,
  code: `${Region}-${number}`,
  tier: `${Tier}:${bigint}`,
): string {
  return `${color}/${code}/${tier}`;
}

/** Optional parameters named like Object.prototype's members. */
export function prototypeNames(
  constructor?: string,
  toString?: string,
  hasOwnProperty?: string,
  valueOf?: string,
): string {
  return [constructor, toString, hasOwnProperty, valueOf].map(String).join(",");
}

/** A positional parameter that can only be absent, between two others. */
export function skipped(first: string, _nothing: undefined, last: string): string {
  return `${first}${last}`;
}

/** An optional context parameter: the dispatcher still gives it one. */
export function whoAmI(ctx?: ToolContext<{ userId: string }>): string {
  return ctx?.userId ?? "nobody";
}

/** A parameter named __proto__ is a property like any other, in the schema and in the call. */
export function proto(__proto__: string): string {
  return __proto__;
}

/**
 * A tool with its own time limit.
 * @timeout 1.5s
 */
export async function slowReport(): Promise<string> {
  return "done";
}

/** A window of time, with its label. */
interface TimeWindow {
  /** Where it starts. */
  from: Date;
  label: string;
}

/** Dates inside arrays of objects, required and optional, inline and named, are revived too. */
export function schedule(slots: { at: Date; until?: Date }[], windows?: TimeWindow[]): string {
  const first = slots[0];
  const until = first?.until instanceof Date ? first.until.toISOString() : "open";
  const from = windows?.[0]?.from instanceof Date ? windows[0].from.toISOString() : "none";
  return `${first?.at instanceof Date ? first.at.toISOString() : "not a date"}|${until}|${from}`;
}
