/**
 * Conversions between LSP positions (line, UTF-16 character) and string offsets. JavaScript
 * strings index UTF-16 code units, as LSP and the tree-sitter web binding do, so no
 * re-encoding is needed: only line starts.
 */
import type { Position } from "../model/types";

/** Offsets at which each line starts; line 0 starts at 0. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return starts;
}

/**
 * The offset of a position, clamped to the text and to the end of its line. As LSP says, a
 * character past the line's length means the line's length, and the length leaves out the
 * line ending: the end of a CRLF line is before its `\r`, so text typed there (or a deletion
 * to there) keeps the line break whole.
 */
export function offsetAt(text: string, starts: readonly number[], pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return text.length;
  const start = starts[pos.line]!;
  let end = pos.line + 1 < starts.length ? starts[pos.line + 1]! - 1 : text.length;
  if (end > start && text.charCodeAt(end - 1) === 13 && end < text.length) end--;
  return Math.min(start + Math.max(0, pos.character), end);
}

/** The position of an offset. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low]! };
}
