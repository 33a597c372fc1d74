/** Median of the samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** One subject's median round time, its baseline's, and their ratio. */
export interface Comparison {
  subject: number;
  baseline: number;
  ratio: number;
}

/** One timed round of a subject: its duration in milliseconds, measured where the subject runs. */
export type Round = () => Promise<number>;

/** A round of work done in this process, timed here. */
export function timed(work: () => unknown): Round {
  return async () => {
    const t = performance.now();
    await work();
    return performance.now() - t;
  };
}

/**
 * Times several subjects against one baseline: each round times the baseline and every subject once,
 * in an order shuffled afresh each round (a rotated order keeps each one's predecessor, and what a
 * predecessor leaves behind, such as garbage to collect, would always fall on the same one). Each
 * subject's ratio is its median round time over the baseline's. Peers compared in one call share the
 * machine's noise and the same baseline samples.
 */
export async function compareEach<K extends string>(
  subjects: Readonly<Record<K, Round>>,
  baseline: Round,
  { rounds, warmup }: { rounds: number; warmup: number },
): Promise<Record<K, Comparison>> {
  const keys = Object.keys(subjects) as K[];
  const runs: { round: Round; samples: number[] }[] = [
    { round: baseline, samples: [] },
    ...keys.map((key) => ({ round: subjects[key], samples: [] })),
  ];
  for (let i = 0; i < warmup; i++) for (const { round } of runs) await round();
  const order = runs.map((_, i) => i);
  let seed = 1;
  for (let r = 0; r < rounds; r++) {
    // Fisher-Yates with a fixed-seed LCG: a different order each round, the same in every run.
    for (let i = order.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const j = (seed >>> 16) % (i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const { round, samples } = runs[index] as (typeof runs)[number];
      samples.push(await round());
    }
  }
  const [base, ...timed] = runs.map(({ samples }) => median(samples));
  const result = {} as Record<K, Comparison>;
  keys.forEach((key, i) => {
    const subjectMs = timed[i] as number;
    result[key] = { subject: subjectMs, baseline: base as number, ratio: subjectMs / (base as number) };
  });
  return result;
}
