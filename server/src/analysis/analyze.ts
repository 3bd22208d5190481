/**
 * The one analysis pipeline behind the language server and the CLI: text to file
 * description (front end by language), description to findings (rules), then the user's
 * selection, severities and suppression comments.
 */
import type { Tree } from "web-tree-sitter";
import type { EffectiveConfig } from "../config/effective";
import { describePythonCached, PythonDescribeCache } from "../frontends/python/incremental";
import { tsFrontend } from "../frontends/typescript/lazy";
import type { FileDescription } from "../model/types";
import { rules } from "../rules/registry";
import type { Finding, Rule } from "../rules/types";
import { codeEnabled } from "../config/select";
import { parsePython } from "../frontends/python/parser";
import { skipReason } from "./limits";
import { applySuppressions } from "./suppressions";

/** Languages with a front end. */
export type AnalyzableLanguage =
  "python" | "typescript" | "javascript" | "typescriptreact" | "javascriptreact";

/** One document to analyse. */
export interface AnalyzeInput {
  uri: string;
  text: string;
  languageId: string;
  config: EffectiveConfig;
  /** A tree-sitter tree already parsed for `text` (the server keeps one per document). */
  tree?: Tree;
  /** What the last analysis of this document left behind; the server keeps one per document. */
  cache?: AnalysisCache;
}

/** Per-document state that lets the next analysis reuse what an edit did not touch. */
export class AnalysisCache {
  /** The Python front end's descriptions of the document's components. */
  readonly python = new PythonDescribeCache();
}

/** The description and the findings that survived configuration and suppressions. */
export interface AnalysisResult {
  file: FileDescription;
  findings: Finding[];
}

/** Which languages this pipeline reads. */
export function isAnalyzable(languageId: string): languageId is AnalyzableLanguage {
  return ["python", "typescript", "javascript", "typescriptreact", "javascriptreact"].includes(
    languageId,
  );
}

/** Builds the file description with the front end for the document's language. */
export function describe(input: Omit<AnalyzeInput, "config">): FileDescription {
  if (input.languageId === "python") {
    const cache = input.cache?.python;
    return describePythonCached({ uri: input.uri, text: input.text, tree: input.tree }, cache);
  }
  const script = { uri: input.uri, text: input.text, languageId: input.languageId };
  return tsFrontend().describeScript(script);
}

function ruleEnabled(rule: Rule, config: EffectiveConfig): boolean {
  return codeEnabled(rule.meta.code, config);
}

/** Runs every enabled rule; a rule that throws is reported in the notes and skipped. */
export function runRules(
  file: FileDescription,
  text: string,
  config: EffectiveConfig,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!ruleEnabled(rule, config)) continue;
    if (!rule.meta.frameworks.some((f) => file.frameworks.includes(f))) continue;
    try {
      findings.push(...rule.check({ file, text, options: config.options }));
    } catch (err) {
      file.notes.push(`${rule.meta.code}: rule failed: ${String(err)}`);
    }
  }
  for (const finding of findings) {
    const override = config.severity[finding.code];
    if (override && override !== "off") finding.severity = override;
  }
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.code.localeCompare(b.code),
  );
}

/** The empty description of a text too big or too odd to analyse, saying why. */
function skippedFile(input: AnalyzeInput, reason: string): FileDescription {
  return {
    uri: input.uri,
    language: input.languageId,
    frameworks: [],
    models: [],
    initCalls: [],
    gainCalls: [],
    facts: {},
    notes: [`skipped: ${reason}`],
    syntaxErrors: [],
  };
}

/** Text to findings, the whole pipeline; a text over the limits is skipped with a note. */
export function analyze(input: AnalyzeInput): AnalysisResult {
  const skipped = skipReason(input.text);
  if (skipped) return { file: skippedFile(input, skipped), findings: [] };

  // One parse serves the front end and the suppression comments.
  const tree =
    input.tree ?? (input.languageId === "python" ? parsePython(input.text) : undefined);
  const file = describe({ ...input, tree });
  if (!input.config.enable) return { file, findings: [] };
  const findings = runRules(file, input.text, input.config);
  const extra = { tree, config: input.config };
  return { file, findings: applySuppressions(findings, input.text, input.languageId, extra) };
}
