/**
 * Did-you-mean suggestions for identifiers a framework does not know, ranked by edit distance
 * so `'he_normall'` suggests `'he_normal'` first.
 */
import { editDistance } from "../../../knowledge/spelling";

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
