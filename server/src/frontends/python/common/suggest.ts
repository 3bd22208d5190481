/**
 * Did-you-mean suggestions for identifiers a framework does not know, ranked by edit distance
 * so `'he_normall'` suggests `'he_normal'` first.
 */

/** Levenshtein distance, case-insensitive, with a transposition counted as one edit. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The known spellings close to `word`, closest first, at most `limit`. A candidate counts as
 * close within a third of the word's length (at least two edits), so unrelated names stay out.
 */
export function suggest(word: string, known: readonly string[], limit = 3): string[] {
  const budget = Math.max(2, Math.floor(word.length / 3));
  return known
    .map((name) => ({ name, distance: editDistance(word, name) }))
    .filter((c) => c.distance <= budget && c.name !== word)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}
