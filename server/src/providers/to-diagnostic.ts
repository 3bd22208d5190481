/**
 * Maps findings to LSP diagnostics: severity, code with its documentation link, related
 * locations, and `data` naming the finding so code actions can find its fixes again.
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Range as LspRange,
} from "vscode-languageserver/node";
import { unusedSuppressionMeta } from "../analysis/suppressions";
import type { Range } from "../model/types";
import { ruleDocsUri } from "../rules/docs-link";
import type { Finding, Severity } from "../rules/types";

/** The `data` of every initlint diagnostic. */
export interface DiagnosticData {
  /** Document version the finding was computed for. */
  version: number;
  /** Index of the finding in that version's result. */
  index: number;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The LSP severity of a finding's severity. */
export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return severities[severity];
}

/**
 * Where a finding's ranges land: the document itself, or a notebook cell (notebook findings
 * and their related locations name their `cell`).
 */
export type LocationMapper = (
  range: Range,
  cell?: number,
) => { uri: string; range: LspRange } | null;

function cellOf(located: object): number | undefined {
  return (located as { cell?: number }).cell;
}

/** One diagnostic for a finding of `uri` at `version`. */
export function toDiagnostic(
  finding: Finding,
  where: { uri: string; version: number; index: number; map?: LocationMapper },
): Diagnostic {
  const map = where.map ?? ((range: Range) => ({ uri: where.uri, range }));
  const diagnostic: Diagnostic = {
    range: map(finding.range, cellOf(finding))?.range ?? finding.range,
    severity: toLspSeverity(finding.severity),
    code: finding.code,
    codeDescription: { href: ruleDocsUri(finding.code) },
    source: "initlint",
    message: finding.message,
    data: { version: where.version, index: where.index } satisfies DiagnosticData,
  };
  const related = (finding.related ?? []).flatMap((r) => {
    const location = map(r.range, cellOf(r));
    return location ? [{ location, message: r.message }] : [];
  });
  if (related.length > 0) diagnostic.relatedInformation = related;
  if (finding.code === unusedSuppressionMeta.code)
    diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}
