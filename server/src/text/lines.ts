/**
 * The lines of a text, split once. Rules and fix builders ask for one line of the same
 * document many times per analysis (once per finding); splitting the whole text each time
 * made a file with many findings quadratic. The last few texts are remembered by identity
 * of content, so every caller in one analysis shares one split.
 */
const remembered: { text: string; lines: readonly string[] }[] = [];
const capacity = 2;

/** The text's lines, without their `\n`. Shared between callers: never change the array. */
export function linesOf(text: string): readonly string[] {
  for (const entry of remembered) if (entry.text === text) return entry.lines;
  const lines = text.split("\n");
  remembered.unshift({ text, lines });
  if (remembered.length > capacity) remembered.pop();
  return lines;
}

/** Line `line` of the text, or "" past its end. */
export function lineOf(text: string, line: number): string {
  return linesOf(text)[line] ?? "";
}
