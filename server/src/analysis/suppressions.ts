/**
 * Applies suppression comments to findings and reports the ones that silence nothing
 * (IL100 unused-suppression, in the spirit of ruff's RUF100), each with a safe fix that
 * removes the dead directive or the dead codes in it.
 */
import type { Tree } from "web-tree-sitter";
import type { EffectiveConfig } from "../config/effective";
import { codeEnabled } from "../config/select";
import { parsePython } from "../frontends/python/parser";
import type { Range } from "../model/types";
import type { Finding, Fix, RuleMeta, TextEdit } from "../rules/types";
import { pythonDirectives, scriptDirectives, type Directive } from "./suppression-comments";
import { lineOf } from "../text/lines";

/** Metadata of IL100, which the suppression pass reports rather than a rule. */
export const unusedSuppressionMeta: RuleMeta = {
  code: "IL100",
  name: "unused-suppression",
  summary: "A suppression comment that silences no finding.",
  defaultSeverity: "hint",
  frameworks: ["pytorch", "keras", "tfjs", "flax"],
  fixable: true,
};

/** What the suppression pass needs besides the findings. */
export interface SuppressionInput {
  text: string;
  languageId: string;
  /** The tree-sitter tree of `text` (Python); parsed here when absent. */
  tree?: Tree;
  /** Decides which codes can be reported at all, and IL100's own severity. */
  config?: EffectiveConfig;
}

/** The directives of a document, by language. */
export function findDirectives(input: SuppressionInput): Directive[] {
  // Both directive forms spell the word; most files have none, and the comment walk over a
  // large tree costs more than the rules.
  if (!input.text.includes("initlint")) return [];
  if (input.languageId === "python") {
    return pythonDirectives(input.text, input.tree ?? parsePython(input.text));
  }
  return scriptDirectives(input.text, input.languageId);
}

function silences(directive: Directive, finding: Finding): string | null {
  if (!directive.lines.includes(finding.range.start.line)) return null;
  if (directive.codes.length === 0) return "*";
  return directive.codes.some((c) => c.code === finding.code) ? finding.code : null;
}

function lineRange(directive: Directive): Range {
  const { start, end } = directive.commentRange;
  return {
    start: { line: start.line, character: 0 },
    end: { line: end.line + 1, character: 0 },
  };
}

function removalEdit(directive: Directive, text: string): TextEdit {
  const line = lineOf(text, directive.range.start.line);
  const whole = fillsComment(directive, line);
  if (whole && directive.ownLine) return { range: lineRange(directive), newText: "" };

  // Take the blanks before the directive with it, so `x = 1  # ...` becomes `x = 1`.
  const from = whole ? directive.commentRange.start : directive.range.start;
  let character = from.character;
  while (character > 0 && /\s/.test(line[character - 1]!)) character--;
  const to = whole ? directive.commentRange.end : directive.range.end;
  return { range: { start: { line: from.line, character }, end: to }, newText: "" };
}

/** True when the comment holds nothing but the directive (and a `--` description). */
function fillsComment(directive: Directive, line: string): boolean {
  const { start, end } = directive.commentRange;
  if (start.line !== end.line) return false;
  const before = line.slice(start.character, directive.range.start.character);
  const after = line.slice(directive.range.end.character, end.character);
  const opener = before.replace(/^(\/\/|\/\*)?\s*/, "");
  const closer = after
    .replace(/\*\/$/, "")
    .trim()
    .replace(/^--.*$/, "");
  return opener === "" && closer === "";
}

function unusedFinding(
  directive: Directive,
  unused: string[],
  text: string,
  config: EffectiveConfig | undefined,
): Finding {
  const keep = directive.codes.filter((c) => !unused.includes(c.code)).map((c) => c.code);
  const partial = keep.length > 0 && directive.codesRange !== undefined;
  const edit: TextEdit = partial
    ? { range: directive.codesRange!, newText: keep.join(", ") }
    : removalEdit(directive, text);
  const fix: Fix = {
    title: partial
      ? `Remove unused ${unused.join(", ")} from the suppression`
      : "Remove unused suppression",
    safe: true,
    preferred: true,
    edits: [edit],
  };
  const override = config?.severity[unusedSuppressionMeta.code];
  const what = unused[0] === "*" ? "" : `${unused.join(", ")} `;
  const range = partial
    ? directive.codes.find((c) => c.code === unused[0])!.range
    : directive.range;
  return {
    code: unusedSuppressionMeta.code,
    severity: override && override !== "off" ? override : unusedSuppressionMeta.defaultSeverity,
    message: `Unused suppression: no ${what}finding here to silence.`,
    range,
    fixes: [fix],
  };
}

/**
 * The probe's codes: only a probe run shows whether a comment silences one, so the static
 * pass never calls them unused.
 */
const probeCodes = /^IL10[1-6]$/;

/**
 * Drops findings silenced by suppression comments and appends an IL100 finding for every
 * directive (or code in one) that silenced nothing. Codes switched off by the configuration
 * are not called unused: the comment may matter under another configuration.
 */
export function applySuppressions(
  findings: Finding[],
  text: string,
  languageId: string,
  extra: Omit<SuppressionInput, "text" | "languageId"> = {},
): Finding[] {
  const directives = findDirectives({ text, languageId, ...extra });
  if (directives.length === 0) return findings;

  const used = directives.map(() => new Set<string>());
  const kept = findings.filter((finding) => {
    let silenced = false;
    directives.forEach((directive, i) => {
      const code = silences(directive, finding);
      if (code) {
        used[i]!.add(code);
        silenced = true;
      }
    });
    return !silenced;
  });

  const config = extra.config;
  if (config && !codeEnabled(unusedSuppressionMeta.code, config)) return kept;
  directives.forEach((directive, i) => {
    const unused =
      directive.codes.length === 0
        ? used[i]!.size === 0
          ? ["*"]
          : []
        : directive.codes
            .map((c) => c.code)
            .filter((code) => !used[i]!.has(code))
            .filter((code) => !config || codeEnabled(code, config))
            .filter((code) => !probeCodes.test(code));
    if (unused.length > 0)
      kept.push(unusedFinding(directive, [...new Set(unused)], text, config));
  });
  return kept.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.code.localeCompare(b.code),
  );
}
