/**
 * Moves the positions in plain model data (a component's description, its findings) to new
 * lines. Text that only moved, because lines were added or removed above it, means what it
 * meant before; what was computed for it is reused with its positions moved instead of
 * being computed again.
 */
import type { Position } from "./types";

/** Old line number to new one. */
export type LineMap = (line: number) => number;

/**
 * The line map of blocks of lines that moved as wholes: block `i`, `sizes[i]` lines long,
 * started at line `old[i]` and now starts at `now[i]`. A line takes the move of the last
 * block starting at or above it (so the line after a block, where fixes insert, moves with
 * the block); a line above every block takes the first block's.
 *
 * Null when the map would be a guess: when the blocks changed order (their text may mean
 * something else then), or when two blocks that touched (one's next line was the other's
 * first) moved apart, because a position at the start of the second block's first line may
 * mean either "the second block starts here" or "after the first block", which now differ.
 */
export function blockLineMap(
  old: readonly number[],
  now: readonly number[],
  sizes: readonly number[],
): LineMap | null {
  const order = old.map((_, i) => i).sort((a, b) => old[a]! - old[b]!);
  const starts = order.map((i) => old[i]!);
  const moves = order.map((i) => now[i]! - old[i]!);
  for (let k = 1; k < order.length; k++) {
    if (now[order[k]!]! <= now[order[k - 1]!]!) return null;
    const touched = starts[k - 1]! + sizes[order[k - 1]!]! === starts[k]!;
    if (touched && moves[k] !== moves[k - 1]) return null;
  }
  if (moves.length === 0) return (line) => line;
  return (line) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= line) k++;
    return line + moves[k]!;
  };
}

/**
 * A copy of plain data (objects, arrays, primitives, as JSON holds them) with every
 * position's line mapped through `map`; the input is left as it was.
 */
export function shiftPositions<T>(value: T, map: LineMap): T {
  return typeof value === "object" && value !== null ? (copyShifted(value, map) as T) : value;
}

// Hot on an edit that adds a line above a large file's classes: every description after it
// is copied, so children are tested inline rather than through a call each.
function copyShifted(value: object, map: LineMap): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = typeof item === "object" && item !== null ? copyShifted(item, map) : item;
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (
    keys.length === 2 &&
    typeof record["line"] === "number" &&
    typeof record["character"] === "number"
  ) {
    return { line: map(record["line"]), character: record["character"] } satisfies Position;
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const item = record[key];
    copy[key] = typeof item === "object" && item !== null ? copyShifted(item, map) : item;
  }
  return copy;
}

/**
 * Where a reused piece of data stands: `at`, the first lines of its blocks when it was
 * computed (its positions are at those), `now`, where the same blocks start now, and
 * `sizes`, their lengths in lines (the same then and now: the blocks' text is).
 */
export interface Placement {
  at: readonly number[];
  now: readonly number[];
  sizes: readonly number[];
}

/** True when the blocks have not moved since the data was computed. */
export function inPlace(placement: Placement): boolean {
  const { at, now } = placement;
  if (at === now) return true;
  return at.length === now.length && at.every((row, i) => row === now[i]);
}

/** The line map from where the data was computed to where its blocks stand now. */
export function placementMap(placement: Placement): LineMap | null {
  return blockLineMap(placement.at, placement.now, placement.sizes);
}

/**
 * `value` with its positions where its blocks stand now: itself when they have not moved.
 * Null when no map can be trusted (see `blockLineMap`).
 */
export function placed<T>(value: T, placement: Placement): T | null {
  if (inPlace(placement)) return value;
  const map = placementMap(placement);
  return map ? shiftPositions(value, map) : null;
}
