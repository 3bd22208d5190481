/**
 * Jupyter notebooks: the code cells, in order, read as one Python program, and findings mapped
 * back to the cell they start in with cell-relative ranges.
 *
 * How to use it:
 * - CLI, from an `.ipynb` file: `analyzeNotebook({ uri, cells: parseNotebook(json), config })`.
 * - Language server, from LSP notebook sync: build `NotebookCell`s from the notebook document's
 *   cells (all kinds, in order, so indices match) and call `analyzeNotebook` the same way.
 * - Each returned finding has `cell` (0-based index into the notebook's `cells`, markdown and
 *   raw cells counted) and a range relative to that cell; each fix edit carries its own `cell`.
 * `initPython()` must have resolved before analysing, as for any Python file.
 *
 * IPython magics and shell escapes (`%time`, `!pip install`, `x = !ls`) are blanked in the
 * program text so the parser sees valid Python and line numbers stay those of the cells; a
 * cell magic other than the timing/capture ones (`%%bash`, `%%writefile`) blanks its cell.
 */
import { analyze } from "../analysis/analyze";
import type { EffectiveConfig } from "../config/effective";
import type { FileDescription, Range } from "../model/types";
import type { Finding, Fix, TextEdit } from "../rules/types";

/** One cell as the notebook holds it. */
export interface NotebookCell {
  kind: "code" | "markdown" | "raw";
  source: string;
}

/** The code cells joined into one program, with the line each cell starts at. */
export interface NotebookProgram {
  text: string;
  /** Per cell index: first program line and line count; absent for cells not in the program. */
  spans: ({ start: number; lines: number } | undefined)[];
}

/** A range located in one cell. */
export interface CellRange {
  cell: number;
  range: Range;
}

/** A text edit in one cell. */
export interface CellTextEdit extends TextEdit {
  cell: number;
}

/** A fix whose edits are located in cells. */
export interface CellFix extends Fix {
  edits: CellTextEdit[];
}

/** A finding located in the cell its range starts in; related locations name their cell. */
export interface CellFinding extends Finding {
  cell: number;
  fixes: CellFix[];
  related?: { range: Range; message: string; cell: number }[];
}

/** What `analyzeNotebook` returns. */
export interface NotebookAnalysis {
  file: FileDescription;
  program: NotebookProgram;
  findings: CellFinding[];
}

function sourceText(source: unknown): string {
  if (typeof source === "string") return source;
  if (Array.isArray(source)) return source.filter((s) => typeof s === "string").join("");
  return "";
}

/** The cells of an `.ipynb` document; null when it is not notebook JSON. */
export function parseNotebook(json: string): NotebookCell[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return null;
  }
  const cells = (doc as { cells?: unknown })?.cells;
  if (!Array.isArray(cells)) return null;
  return cells.map((cell: { cell_type?: unknown; source?: unknown }) => {
    const type = cell?.cell_type;
    const kind = type === "code" || type === "markdown" ? type : "raw";
    return { kind, source: sourceText(cell?.source) };
  });
}

/** The notebook's kernel language, when the metadata names one. */
export function notebookLanguage(json: string): string | undefined {
  try {
    const meta = (
      JSON.parse(json) as { metadata?: Record<string, { language?: string; name?: string }> }
    ).metadata;
    return meta?.kernelspec?.language ?? meta?.language_info?.name;
  } catch {
    return undefined;
  }
}

/** Cell magics whose body is still Python. */
const pythonCellMagics = new Set(["time", "timeit", "capture", "prun", "debug"]);

function isMagicLine(line: string): boolean {
  const t = line.trimStart();
  if (t.startsWith("%") || t.startsWith("!")) return true;
  // `files = !ls` and `t = %timeit -o f()` assign a shell or magic result.
  return /^[A-Za-z_][\w.]*\s*=\s*[!%]/.test(t);
}

function codeLines(source: string): string[] {
  const lines = source.split(/\r?\n/);
  const first = lines[0]?.trimStart() ?? "";
  if (first.startsWith("%%")) {
    const magic = /^%%(\w+)/.exec(first)?.[1] ?? "";
    if (!pythonCellMagics.has(magic)) return lines.map(() => "");
  }
  return lines.map((line) => (isMagicLine(line) ? "" : line));
}

/** Joins the code cells into one program, recording where each starts. */
export function buildProgram(cells: NotebookCell[]): NotebookProgram {
  const spans: NotebookProgram["spans"] = [];
  const out: string[] = [];
  cells.forEach((cell) => {
    if (cell.kind !== "code") {
      spans.push(undefined);
      return;
    }
    const lines = codeLines(cell.source);
    spans.push({ start: out.length, lines: lines.length });
    out.push(...lines);
  });
  return { text: out.join("\n"), spans };
}

/** The cell a program line belongs to, and the line within that cell. */
function locateLine(program: NotebookProgram, line: number) {
  const cell = program.spans.findIndex(
    (span) => span !== undefined && line >= span.start && line < span.start + span.lines,
  );
  if (cell < 0) return undefined;
  const span = program.spans[cell]!;
  return { cell, line: line - span.start, span };
}

function lastLineLength(program: NotebookProgram, span: { start: number; lines: number }) {
  return program.text.split("\n")[span.start + span.lines - 1]?.length ?? 0;
}

/**
 * Maps a program range to its cell. A range that runs past its start cell is cut at the end
 * of that cell when `clamp` is set (diagnostics), and rejected otherwise (edits).
 */
export function toCellRange(
  program: NotebookProgram,
  range: Range,
  clamp = true,
): CellRange | null {
  const start = locateLine(program, range.start.line);
  if (!start) return null;
  const endLine = range.end.line - start.span.start;
  const inside = endLine < start.span.lines;
  if (!inside && !clamp) return null;
  const end = inside
    ? { line: endLine, character: range.end.character }
    : { line: start.span.lines - 1, character: lastLineLength(program, start.span) };
  return {
    cell: start.cell,
    range: { start: { line: start.line, character: range.start.character }, end },
  };
}

function mapFix(program: NotebookProgram, fix: Fix): CellFix | null {
  const edits: CellTextEdit[] = [];
  for (const edit of fix.edits) {
    const located = toCellRange(program, edit.range, false);
    if (!located) return null;
    edits.push({ range: located.range, newText: edit.newText, cell: located.cell });
  }
  return { ...fix, edits };
}

/** Runs the shared pipeline on the notebook's program and maps findings and fixes to cells. */
export function analyzeNotebook(input: {
  uri: string;
  cells: NotebookCell[];
  config: EffectiveConfig;
}): NotebookAnalysis {
  const program = buildProgram(input.cells);
  const result = analyze({
    uri: input.uri,
    text: program.text,
    languageId: "python",
    config: input.config,
  });
  result.file.language = "notebook";

  const findings: CellFinding[] = [];
  for (const finding of result.findings) {
    const located = toCellRange(program, finding.range);
    if (!located) continue;
    // A fix that would edit across cells, or outside the program, cannot be offered.
    const fixes = finding.fixes.flatMap((fix) => mapFix(program, fix) ?? []);
    const related = finding.related?.flatMap((r) => {
      const at = toCellRange(program, r.range);
      return at ? [{ ...r, range: at.range, cell: at.cell }] : [];
    });
    const { related: _programRelated, ...rest } = finding;
    const mapped: CellFinding = { ...rest, cell: located.cell, range: located.range, fixes };
    if (related) mapped.related = related;
    findings.push(mapped);
  }
  return { file: result.file, program, findings };
}
