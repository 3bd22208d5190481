/**
 * Combines the fixes of many findings into one set of edits that an editor can apply at
 * once: identical edits (two findings adding the same import) are kept once, and a fix whose
 * edits would overlap an accepted one is left for a later round.
 */
import type { Position, Range } from "../model/types";
import type { Finding, Fix, TextEdit } from "../rules/types";

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function overlaps(a: Range, b: Range): boolean {
  // Two insertions at one point do not overlap; a replacement that touches another does not.
  return compare(a.start, b.end) < 0 && compare(b.start, a.end) < 0;
}

/** Notebook edits name their cell; edits in different cells never conflict. */
type Located = TextEdit & { cell?: number };

function sameCell(a: Located, b: Located): boolean {
  return a.cell === b.cell;
}

function same(a: Located, b: Located): boolean {
  return (
    sameCell(a, b) &&
    a.newText === b.newText &&
    compare(a.range.start, b.range.start) === 0 &&
    compare(a.range.end, b.range.end) === 0
  );
}

/** The fix a "fix all" applies for a finding: the preferred one, else the only one. */
export function primaryFix<F extends Fix>(
  finding: Omit<Finding, "fixes"> & { fixes: F[] },
  safeOnly: boolean,
): F | undefined {
  const candidates = finding.fixes.filter((f) => !safeOnly || f.safe);
  return (
    candidates.find((f) => f.preferred) ?? (candidates.length === 1 ? candidates[0] : undefined)
  );
}

/** The union of the fixes' edits, skipping duplicates and fixes that conflict with earlier ones. */
export function combineFixes<E extends Located>(fixes: { edits: E[] }[]): E[] {
  const accepted: E[] = [];
  for (const fix of fixes) {
    const fresh = fix.edits.filter((e) => !accepted.some((a) => same(a, e)));
    const conflict = fresh.some((e) =>
      accepted.some((a) => sameCell(a, e) && overlaps(a.range, e.range)),
    );
    if (!conflict) accepted.push(...fresh);
  }
  return accepted.sort((a, b) => compare(a.range.start, b.range.start));
}
