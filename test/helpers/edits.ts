/**
 * Applies text edits to a string, the way an editor applies a WorkspaceEdit: all ranges refer
 * to the original text, applied from the last to the first.
 */
import type { Position } from "../../server/src/model/types";
import type { TextEdit } from "../../server/src/rules/types";

function offsetOf(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + pos.character, text.length);
}

/** Returns the text with every edit applied. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort(
    (a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start),
  );
  let result = text;
  for (const edit of sorted) {
    const start = offsetOf(text, edit.range.start);
    const end = offsetOf(text, edit.range.end);
    result = result.slice(0, start) + edit.newText + result.slice(end);
  }
  return result;
}
