/**
 * Text helpers the edit builders share: offsets of LSP positions, the file's quote style, and
 * adding a keyword argument or object property to a call while keeping its layout.
 */
import type { Position, Range } from "../model/types";
import type { TextEdit } from "../rules/types";

// Edit builders ask for many positions in the same text; its line starts are computed once.
let startsText: string | null = null;
let startsOf: number[] = [];

function lineStartsOf(text: string): number[] {
  if (startsText !== text) {
    startsOf = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
      startsOf.push(i + 1);
    startsText = text;
  }
  return startsOf;
}

/** The string offset of an LSP position (UTF-16 code units, as JavaScript strings are). */
export function offsetAt(text: string, pos: Position): number {
  const starts = lineStartsOf(text);
  if (pos.line >= starts.length) return text.length;
  return Math.min(starts[Math.max(0, pos.line)]! + pos.character, text.length);
}

/** The LSP position of a string offset. */
export function positionAt(text: string, offset: number): Position {
  const starts = lineStartsOf(text);
  const at = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: at - starts[lo]! };
}

/** The text a range covers. */
export function textOf(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

// Every fix in a file asks for the same answer; counting once per text is enough.
let quoteText: string | null = null;
let quoteFound: '"' | "'" = '"';

/**
 * The quote character the file mostly uses for strings, so added literals match it; double
 * quotes when there is no evidence either way (Prettier's and Black's default).
 */
export function quoteStyle(text: string): '"' | "'" {
  if (quoteText === text) return quoteFound;
  let single = 0;
  let double = 0;
  for (let i = text.indexOf("'"); i >= 0; i = text.indexOf("'", i + 1)) single++;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) double++;
  quoteText = text;
  quoteFound = single > double ? "'" : '"';
  return quoteFound;
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
