/**
 * Text helpers the edit builders share: offsets of LSP positions, the file's quote style, and
 * adding a keyword argument or object property to a call while keeping its layout.
 */
import type { Position, Range } from "../model/types";
import type { TextEdit } from "../rules/types";

/** The string offset of an LSP position (UTF-16 code units, as JavaScript strings are). */
export function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + pos.character, text.length);
}

/** The LSP position of a string offset. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** The text a range covers. */
export function textOf(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/**
 * The quote character the file mostly uses for strings, so added literals match it; double
 * quotes when there is no evidence either way (Prettier's and Black's default).
 */
export function quoteStyle(text: string): '"' | "'" {
  let single = 0;
  let double = 0;
  for (const ch of text) {
    if (ch === "'") single++;
    else if (ch === '"') double++;
  }
  return single > double ? "'" : '"';
}

/** A string literal in the file's quote style. */
export function quoted(text: string, value: string): string {
  const q = quoteStyle(text);
  return `${q}${value}${q}`;
}

/**
 * An edit adding `item` (a `name=value` keyword or a `name: value` property) at the end of
 * an argument list or object literal. `argsRange` is the inside of the parentheses, or the
 * literal itself including its braces; a trailing comma is kept trailing.
 */
export function appendArgument(text: string, argsRange: Range, item: string): TextEdit {
  let start = offsetAt(text, argsRange.start);
  let end = offsetAt(text, argsRange.end);
  const whole = text.slice(start, end);
  if (whole.startsWith("{") && whole.trimEnd().endsWith("}")) {
    start += 1;
    end = start + whole.trimEnd().length - 2;
  }
  const inner = text.slice(start, end);
  const lastNonSpace = inner.trimEnd().length;
  const at = positionAt(text, start + lastNonSpace);
  const range = { start: at, end: at };
  if (lastNonSpace === 0) return { range, newText: whole.startsWith("{") ? ` ${item} ` : item };
  if (inner.trimEnd().endsWith(",")) return { range, newText: ` ${item},` };
  return { range, newText: `, ${item}` };
}
