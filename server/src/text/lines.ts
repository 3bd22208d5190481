/**
 * The lines of a text, found once. Rules and fix builders ask for one line of the same
 * document many times per analysis (once per finding); splitting the whole text each time
 * made a file with many findings quadratic. The last few texts are remembered by content,
 * as the offsets of their lines rather than as the lines themselves: a keystroke asks for a
 * line or two, and splitting a 2,000-line text into strings on every keystroke made that many
 * objects for each minor collection to copy.
 */
const remembered: { text: string; starts: Uint32Array }[] = [];
const capacity = 2;

function startsOf(text: string): Uint32Array {
  for (const entry of remembered) if (entry.text === text) return entry.starts;
  let count = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count++;
  const starts = new Uint32Array(count);
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
    starts[line++] = i + 1;
  remembered.unshift({ text, starts });
  if (remembered.length > capacity) remembered.pop();
  return starts;
}

/** How many lines the text has (one more than its `\n`s). */
export function lineCount(text: string): number {
  return startsOf(text).length;
}

/** Line `line` of the text without its `\n`, or "" past its end. */
export function lineOf(text: string, line: number): string {
  const starts = startsOf(text);
  if (line < 0 || line >= starts.length) return "";
  const end = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
  return text.slice(starts[line]!, end);
}

/** The text's lines, without their `\n`, as a new array (for callers that need them all). */
export function linesOf(text: string): string[] {
  return text.split("\n");
}
