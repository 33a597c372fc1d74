/** Finds the tool a model probably meant when it called one that does not exist. */

/**
 * The candidate closest to `name`, or `undefined` when none is close. Case, `_`/`-` separators
 * (snake_case vs camelCase) and a namespace prefix (`functions.getWeather`) are ignored; beyond
 * that, an edit distance of about a third of the name is tolerated.
 */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  // No provider allows a name over 128 characters: a longer one is nobody's typo, and the distance costs length².
  if (name.length > MAX_NAME) return undefined;
  const wanted = normalise(name.split(/[.:/]/).at(-1) ?? name);
  if (wanted === "") return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

const MAX_NAME = 128;

function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
