/**
 * Output formats of `initlint check`: text like other linters (`path:line:col: CODE
 * [severity] message`, 1-based, with a summary line), the JSON contract (0-based ranges as in
 * LSP, fixes with their edits), and the model descriptions as JSON for debugging.
 */
import * as path from "node:path";
import type { Severity } from "../rules/types";
import type { FileReport, ReportedFinding } from "./file-report";

/** The path as printed: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  return (inside ? relative : file).split(path.sep).join("/");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function textLine(file: string, f: ReportedFinding): string {
  const cell = f.cell !== undefined ? `cell ${f.cell + 1}:` : "";
  const where = `${file}:${cell}${f.range.start.line + 1}:${f.range.start.character + 1}`;
  return `${where}: ${f.code} [${f.severity}] ${f.message}`;
}

/** The text report, one finding a line, then the summary. */
export function formatText(reports: FileReport[]): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let withFindings = 0;
  let fixed = 0;
  for (const report of reports) {
    const shown = displayPath(report.file);
    for (const finding of report.findings) {
      lines.push(textLine(shown, finding));
      counts[finding.severity]++;
    }
    if (report.findings.length > 0) withFindings++;
    fixed += report.fixed;
  }

  const total = report(counts);
  const files = plural(reports.length, "file");
  const summary =
    total === 0
      ? `No problems found in ${files}.`
      : `Found ${plural(total, "problem")} (${plural(counts.error, "error")}, ` +
        `${plural(counts.warning, "warning")}, ${counts.information} information, ` +
        `${plural(counts.hint, "hint")}) in ${withFindings} of ${files}.`;
  lines.push(fixed > 0 ? `${summary} Fixed ${plural(fixed, "problem")}.` : summary);
  return `${lines.join("\n")}\n`;
}

function report(counts: Record<Severity, number>): number {
  return counts.error + counts.warning + counts.information + counts.hint;
}

function jsonFinding(f: ReportedFinding) {
  const base = {
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: f.range,
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      edits: fix.edits.map((e) => {
        const cell = (e as { cell?: number }).cell;
        return cell !== undefined
          ? { cell, range: e.range, newText: e.newText }
          : { range: e.range, newText: e.newText };
      }),
    })),
  };
  return f.cell !== undefined ? { cell: f.cell, ...base } : base;
}

/** The JSON report: `{"files":[{"path","diagnostics":[...]}]}`. */
export function formatJson(reports: FileReport[]): string {
  const files = reports.map((r) => ({
    path: displayPath(r.file),
    diagnostics: r.findings.map(jsonFinding),
  }));
  return `${JSON.stringify({ files }, null, 2)}\n`;
}

/** The model descriptions: `{"files":[{"path","description"}]}`. */
export function formatDescriptions(reports: FileReport[]): string {
  const files = reports.map((r) => ({ path: displayPath(r.file), description: r.description }));
  return `${JSON.stringify({ files }, null, 2)}\n`;
}
