/**
 * Applies text edits to a string as an editor applies a workspace edit: every range refers
 * to the original text, so edits are applied from the last to the first.
 */
import { lineStarts, offsetAt } from "../documents/positions";
import type { TextEdit } from "../rules/types";

/** The text with the (non-overlapping) edits applied. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = lineStarts(text);
  const located = edits.map((edit) => ({
    start: offsetAt(text, starts, edit.range.start),
    end: offsetAt(text, starts, edit.range.end),
    newText: edit.newText,
  }));
  located.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of located) {
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  }
  return result;
}
