/** Median of the samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Times `subject` against `baseline` in alternating rounds, after warm-up, and returns the ratio of
 * their median round times. Alternating rounds share the machine's noise; the median drops outliers.
 */
export async function compare(
  subject: () => unknown,
  baseline: () => unknown,
  { rounds, warmup }: { rounds: number; warmup: number },
): Promise<{ subject: number; baseline: number; ratio: number }> {
  for (let i = 0; i < warmup; i++) {
    await subject();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await baseline();
    b.push(performance.now() - t);
    t = performance.now();
    await subject();
    a.push(performance.now() - t);
  }
  const subjectMs = median(a);
  const baselineMs = median(b);
  return { subject: subjectMs, baseline: baselineMs, ratio: subjectMs / baselineMs };
}
