/**
 * Builds the edit that silences one finding with a suppression comment: a new comment line
 * above the finding, at the line's indent, or the code appended to a directive already there.
 */
import type { Tree } from "web-tree-sitter";
import { findDirectives } from "../analysis/suppressions";
import type { Finding, TextEdit } from "../rules/types";
import { linesOf } from "../text/lines";

/** What the suppression edit needs to know about the document. */
export interface SuppressionTarget {
  text: string;
  languageId: string;
  tree?: Tree;
}

/** The edit inserting a suppression for `finding`, or null when none can be written. */
export function suppressionEdit(finding: Finding, target: SuppressionTarget): TextEdit | null {
  const lines = linesOf(target.text);
  const line = finding.range.start.line;
  const current = lines[line];
  if (current === undefined) return null;
  const python = target.languageId === "python";

  // Extend a directive that already applies to this line rather than stacking a second one.
  const directives = findDirectives(target);
  const existing = directives.find(
    (d) =>
      d.lines.includes(line) && d.codesRange && d.ownLine && d.commentRange.start.line < line,
  );
  if (existing?.codesRange) {
    const at = existing.codesRange.end;
    return { range: { start: at, end: at }, newText: `, ${finding.code}` };
  }

  const indent = /^[ \t]*/.exec(current)![0];
  const previous = lines[line - 1] ?? "";
  if (python && previous.trimEnd().endsWith("\\")) {
    // A comment line cannot sit inside a backslash continuation: comment the line itself.
    if (current.trimEnd().endsWith("\\")) return null;
    const end = { line, character: current.replace(/\r$/, "").length };
    return { range: { start: end, end }, newText: `  # initlint: ignore[${finding.code}]` };
  }
  const comment = python
    ? `# initlint: ignore[${finding.code}]`
    : `// initlint-disable-next-line ${finding.code}`;
  const eol = current.endsWith("\r") ? "\r\n" : "\n";
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}${comment}${eol}` };
}
