/**
 * Checks one file for `initlint check`: reads it, runs the shared analysis (notebooks through
 * their cell mapping), applies safe fixes in rounds when asked, and returns plain data, so the
 * same function serves the main thread and the worker threads.
 */
import * as fs from "node:fs";
import { pathToFileURL } from "node:url";
import { analyze } from "../analysis/analyze";
import { decodeSource } from "../analysis/limits";
import type { EffectiveConfig } from "../config/effective";
import { analyzeNotebook, parseNotebook, type NotebookCell } from "../frontends/notebook";
import type { FileDescription } from "../model/types";
import { combineFixes, primaryFix } from "../providers/fix-edits";
import type { Finding } from "../rules/types";
import { applyTextEdits } from "./apply-edits";
import { languageOf } from "./walk";

/** A finding as the CLI reports it; `cell` is set for notebooks (0-based cell index). */
export type ReportedFinding = Finding & { cell?: number };

/** One job: a file, its configuration and what to do. */
export interface FileJob {
  file: string;
  config: EffectiveConfig;
  fix: boolean;
  describe: boolean;
}

/** What checking one file found. */
export interface FileReport {
  file: string;
  findings: ReportedFinding[];
  description?: FileDescription;
  /** Safe fixes applied and written back (with --fix). */
  fixed: number;
  /** Why the file could not be checked. */
  error?: string;
  /** Why the file was not analysed at all (too big, binary, not UTF-8): reported, not failed. */
  skipped?: string;
}

/** Most fix rounds: a fix may reveal another (an import added, then a call rewritten). */
const maxFixRounds = 5;

function checkScript(job: FileJob, text: string, languageId: string): FileReport {
  const uri = pathToFileURL(job.file).href;
  const run = (source: string) =>
    analyze({ uri, text: source, languageId, config: job.config });
  let result = run(text);
  let current = text;
  let fixed = 0;

  for (let round = 0; job.fix && round < maxFixRounds; round++) {
    const fixes = result.findings
      .map((f) => primaryFix(f, true))
      .filter((f) => f !== undefined);
    const edits = combineFixes(fixes);
    if (edits.length === 0) break;
    const next = applyTextEdits(current, edits);
    const after = run(next);
    // A fix must never leave the file less parseable than it was.
    if (after.file.syntaxErrors.length > result.file.syntaxErrors.length) break;
    fixed += fixes.length;
    current = next;
    result = after;
  }
  if (current !== text) fs.writeFileSync(job.file, current);
  return {
    file: job.file,
    findings: result.findings,
    description: job.describe ? result.file : undefined,
    fixed,
  };
}

function notebookSourceLines(source: string): string[] {
  return source.split(/(?<=\n)/).filter((line) => line !== "");
}

function checkNotebook(job: FileJob, text: string): FileReport {
  const cells = parseNotebook(text);
  if (!cells) return { file: job.file, findings: [], fixed: 0, error: "not notebook JSON" };
  const uri = pathToFileURL(job.file).href;
  const run = (c: NotebookCell[]) => analyzeNotebook({ uri, cells: c, config: job.config });
  let result = run(cells);
  let current = cells;
  let fixed = 0;

  for (let round = 0; job.fix && round < maxFixRounds; round++) {
    const fixes = result.findings
      .map((f) => primaryFix(f, true))
      .filter((f) => f !== undefined);
    const edits = combineFixes(fixes);
    if (edits.length === 0) break;
    const next = current.map((cell, index) => {
      const mine = edits.filter((e) => e.cell === index);
      return mine.length > 0 ? { ...cell, source: applyTextEdits(cell.source, mine) } : cell;
    });
    const after = run(next);
    if (after.file.syntaxErrors.length > result.file.syntaxErrors.length) break;
    fixed += fixes.length;
    current = next;
    result = after;
  }
  if (fixed > 0) {
    // Rewrite only the sources of the cells, keeping outputs and metadata as they were.
    const doc = JSON.parse(text) as { cells: { source: unknown }[] };
    doc.cells.forEach((cell, index) => {
      if (current[index] !== cells[index])
        cell.source = notebookSourceLines(current[index]!.source);
    });
    fs.writeFileSync(job.file, `${JSON.stringify(doc, null, 1)}\n`);
  }
  return {
    file: job.file,
    findings: result.findings,
    description: job.describe ? result.file : undefined,
    fixed,
  };
}

/** Checks one file; never throws (an unreadable file or a crash becomes `error`). */
export function checkFile(job: FileJob): FileReport {
  try {
    const source = decodeSource(fs.readFileSync(job.file));
    if ("skipped" in source) {
      return { file: job.file, findings: [], fixed: 0, skipped: source.skipped };
    }
    const { text } = source;
    const languageId = languageOf(job.file);
    if (!languageId)
      return { file: job.file, findings: [], fixed: 0, error: "unsupported file type" };
    if (languageId === "notebook") return checkNotebook(job, text);
    return checkScript(job, text, languageId);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { file: job.file, findings: [], fixed: 0, error: message };
  }
}
