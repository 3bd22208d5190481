/**
 * Random edits of the kinds a person makes while working on a model file (new lines, lines
 * and blocks removed, emptied, pasted elsewhere, brackets left open, characters typed and
 * deleted), as LSP range changes, for the differential tests of the incremental analysis.
 */

type Random = () => number;
/** A range change as a client sends it. */
export type Edit = { range: { start: Pos; end: Pos }; text: string };
type Pos = { line: number; character: number };

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

/** One random edit of `lines` (the text split at `\n`), with `eol` as its line break. */
export function randomEdit(random: Random, lines: string[], eol: string): Edit {
  const row = Math.floor(random() * lines.length);
  const line = lines[row]!.replace(/\r$/, "");
  const at = (r: number, c = 0): Pos => ({ line: r, character: c });
  const col = Math.floor(random() * (line.length + 1));
  const span = Math.min(lines.length - row, 1 + Math.floor(random() * 6));
  const block = lines
    .slice(row, row + span)
    .join("\n")
    .replace(/\r/g, "");
  const kinds: (() => Edit)[] = [
    () => ({ range: { start: at(row), end: at(row) }, text: eol }),
    () => ({ range: { start: at(row, col), end: at(row, col) }, text: eol }),
    () => ({ range: { start: at(row), end: at(row + span) }, text: "" }),
    () => ({ range: { start: at(row), end: at(row + span) }, text: eol.repeat(span) }),
    () => {
      const to = Math.floor(random() * lines.length);
      const text = `${block.split("\n").join(eol)}${eol}`;
      return { range: { start: at(to), end: at(to) }, text };
    },
    () => ({
      range: { start: at(row, col), end: at(row, col) },
      text: pick(random, ["(", "[", ":", "0", "x", " "]),
    }),
    () => ({
      range: { start: at(row, col), end: at(row, Math.min(col + 1, line.length)) },
      text: "",
    }),
  ];
  return pick(random, kinds)();
}
