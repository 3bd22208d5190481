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
import type { Finding, Fix } from "../rules/types";
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
  /**
   * Why the file was not analysed at all (too big, binary, not UTF-8, a notebook that is not
   * notebook JSON): reported, not failed.
   */
  skipped?: string;
}

/** Most fix rounds: a fix may reveal another (an import added, then a call rewritten). */
const maxFixRounds = 5;

/** An analysis as the fix rounds read it: its findings' fixes and the file's syntax errors. */
interface Checked<F extends Fix> {
  file: FileDescription;
  findings: (Omit<Finding, "fixes"> & { fixes: F[] })[];
}

/** Where the fix rounds ended: the fixed source, its analysis and how many fixes went in. */
interface Rounds<S, F extends Fix> {
  current: S;
  result: Checked<F>;
  fixed: number;
}

/**
 * Analyses `source` and, when `fix` is set, applies the safe fixes in rounds until none is
 * left, for at most `maxFixRounds` rounds; `apply` writes one round's edits into the source.
 */
function fixInRounds<S, F extends Fix>(opts: {
  source: S;
  fix: boolean;
  run: (source: S) => Checked<F>;
  apply: (source: S, edits: F["edits"]) => S;
}): Rounds<S, F> {
  let result = opts.run(opts.source);
  let current = opts.source;
  let fixed = 0;

  for (let round = 0; opts.fix && round < maxFixRounds; round++) {
    const fixes = result.findings
      .map((f) => primaryFix(f, true))
      .filter((f) => f !== undefined);
    const edits = combineFixes(fixes);
    if (edits.length === 0) break;
    const next = opts.apply(current, edits);
    const after = opts.run(next);
    // A fix must never leave the file less parseable than it was.
    if (after.file.syntaxErrors.length > result.file.syntaxErrors.length) break;
    fixed += fixes.length;
    current = next;
    result = after;
  }
  return { current, result, fixed };
}

/** The report of a file that was checked (and fixed when asked). */
function reportOf(job: FileJob, rounds: Rounds<unknown, Fix>): FileReport {
  return {
    file: job.file,
    findings: rounds.result.findings,
    description: job.describe ? rounds.result.file : undefined,
    fixed: rounds.fixed,
  };
}

function checkScript(job: FileJob, text: string, languageId: string): FileReport {
  const uri = pathToFileURL(job.file).href;
  const rounds = fixInRounds({
    source: text,
    fix: job.fix,
    run: (source: string) => analyze({ uri, text: source, languageId, config: job.config }),
    apply: applyTextEdits,
  });
  if (rounds.current !== text) fs.writeFileSync(job.file, rounds.current);
  return reportOf(job, rounds);
}

function notebookSourceLines(source: string): string[] {
  return source.split(/(?<=\n)/).filter((line) => line !== "");
}

/** Why `text` is not a notebook: its JSON does not parse, or it has no cell list. */
function notNotebookReason(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return `not notebook JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  return 'not a notebook (no "cells" list)';
}

function checkNotebook(job: FileJob, text: string): FileReport {
  const cells = parseNotebook(text);
  // Skipped like a file that is not UTF-8: one corrupt notebook must not fail a whole run.
  if (!cells)
    return { file: job.file, findings: [], fixed: 0, skipped: notNotebookReason(text) };
  const uri = pathToFileURL(job.file).href;
  const rounds = fixInRounds({
    source: cells,
    fix: job.fix,
    run: (c: NotebookCell[]) => analyzeNotebook({ uri, cells: c, config: job.config }),
    apply: (c, edits) =>
      c.map((cell, index) => {
        const mine = edits.filter((e) => e.cell === index);
        return mine.length > 0 ? { ...cell, source: applyTextEdits(cell.source, mine) } : cell;
      }),
  });
  if (rounds.fixed > 0) {
    const current = rounds.current;
    // Rewrite only the sources of the cells, keeping outputs and metadata as they were.
    const doc = JSON.parse(text) as { cells: { source: unknown }[] };
    doc.cells.forEach((cell, index) => {
      if (current[index] !== cells[index])
        cell.source = notebookSourceLines(current[index]!.source);
    });
    fs.writeFileSync(job.file, `${JSON.stringify(doc, null, 1)}\n`);
  }
  return reportOf(job, rounds);
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
