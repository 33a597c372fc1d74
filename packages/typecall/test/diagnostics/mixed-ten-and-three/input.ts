import type { tags } from "typia";

/** A tree node: recursive. */
interface Node {
  label: string;
  children: Node[];
}

/** Told apart by `type`. */
type Payment = { type: "card"; last4: string } | { type: "iban"; iban: string };

/** Ten supported constructs, one per parameter. */
export function supported(
  when: Date,
  count: number & tags.Type<"int32"> & tags.Minimum<1>,
  code: `sku-${number}`,
  tree: Node,
  payment: Payment,
  position: [number, number],
  labels: Record<string, string>,
  tags_: readonly string[],
  mode: "fast" | "safe" = "safe",
  note: string | null = null,
): string {
  return [when, count, code, tree, payment, position, labels, tags_, mode, note].join();
}

/** Three unsupported ones. */
export function unsupported(seen: Map<string, number>, onDone: () => void, anything: symbol): void {}
