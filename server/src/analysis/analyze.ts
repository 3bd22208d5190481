/**
 * The one analysis pipeline behind the language server and the CLI: text to file
 * description (front end by language), description to findings (rules), then the user's
 * selection, severities and suppression comments.
 */
import type { Tree } from "web-tree-sitter";
import type { EffectiveConfig } from "../config/effective";
import {
  describePythonParts,
  PythonDescribeCache,
  type DescribedPython,
} from "../frontends/python/incremental";
import { tsFrontend } from "../frontends/typescript/lazy";
import type { FileDescription } from "../model/types";
import { rules } from "../rules/registry";
import type { Finding } from "../rules/types";
import { parsePython } from "../frontends/python/parser";
import { skipReason } from "./limits";
import { PartRuleCache, runRulesOnParts } from "./part-rules";
import { byPosition, enabledRules } from "./rule-selection";
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
  /** The text's line offsets, when the caller keeps them (the server's document store). */
  lineStarts?: readonly number[];
}

/** Per-document state that lets the next analysis reuse what an edit did not touch. */
export class AnalysisCache {
  /** The Python front end's descriptions of the document's components. */
  readonly python = new PythonDescribeCache();
  /** The findings of each Python component, for the components an edit did not touch. */
  readonly rules = new PartRuleCache();
}

/**
 * The description and the findings that survived configuration and suppressions. For a
 * Python file `file` is merged from its components on first read: diagnostics need only the
 * findings and the notes.
 */
export interface AnalysisResult {
  readonly file: FileDescription;
  findings: Finding[];
  /** What the front end and the rules noted (skips, rule failures), as in `file.notes`. */
  notes: string[];
}

/** Which languages this pipeline reads. */
export function isAnalyzable(languageId: string): languageId is AnalyzableLanguage {
  return ["python", "typescript", "javascript", "typescriptreact", "javascriptreact"].includes(
    languageId,
  );
}

/** Builds the file description with the front end for the document's language. */
export function describe(input: Omit<AnalyzeInput, "config">): FileDescription {
  return describeLazily(input).file();
}

function describeLazily(input: Omit<AnalyzeInput, "config">): DescribedPython {
  if (input.languageId === "python") {
    const cache = input.cache?.python;
    const { uri, text, tree, lineStarts } = input;
    return describePythonParts({ uri, text, tree, lineStarts }, cache);
  }
  const script = { uri: input.uri, text: input.text, languageId: input.languageId };
  const file = tsFrontend().describeScript(script);
  return { parts: null, places: [], file: () => file };
}

/** Runs every enabled rule; a rule that throws is reported in the notes and skipped. */
export function runRules(
  file: FileDescription,
  text: string,
  config: EffectiveConfig,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of enabledRules(rules, config, file.frameworks)) {
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
  return findings.sort(byPosition);
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

/**
 * A result whose description is built from `described` when first read. A class, not an
 * object literal with a getter: each literal carried its own accessor, and V8 kept every
 * edit's result, with the text and description it holds, alive through minor collections
 * until the next full one (docs/limitations.md, "Speed on the keystroke path").
 */
class LazyResult implements AnalysisResult {
  private built: FileDescription | undefined;

  constructor(
    private readonly described: DescribedPython,
    public findings: Finding[],
    public notes: string[],
  ) {}

  get file(): FileDescription {
    if (!this.built) {
      const file = this.described.file();
      for (const note of this.notes) if (!file.notes.includes(note)) file.notes.push(note);
      this.built = file;
    }
    return this.built;
  }
}

/** Text to findings, the whole pipeline; a text over the limits is skipped with a note. */
export function analyze(input: AnalyzeInput): AnalysisResult {
  const skipped = skipReason(input.text);
  if (skipped) {
    const file = skippedFile(input, skipped);
    return { file, findings: [], notes: file.notes };
  }

  // One parse serves the front end and the suppression comments.
  const tree =
    input.tree ?? (input.languageId === "python" ? parsePython(input.text) : undefined);
  try {
    return analyzeWith(input, tree);
  } finally {
    // A tree parsed here lives in the wasm heap until deleted; the caller's tree is theirs.
    if (!input.tree) tree?.delete();
  }
}

function analyzeWith(input: AnalyzeInput, tree: Tree | undefined): AnalysisResult {
  const cache = input.cache ?? new AnalysisCache();
  const described = describeLazily({ ...input, tree, cache });
  if (!input.config.enable) {
    const file = described.file();
    return { file, findings: [], notes: file.notes };
  }
  let findings: Finding[];
  let notes: string[];
  if (described.parts) {
    notes = [...new Set(described.parts.flatMap((p) => p.notes))];
    const { parts, places } = described;
    findings = runRulesOnParts({ parts, places }, input.text, input.config, cache.rules, notes);
    findings.sort(byPosition);
  } else {
    const file = described.file();
    findings = runRules(file, input.text, input.config);
    notes = file.notes;
  }
  const extra = { tree, config: input.config };
  findings = applySuppressions(findings, input.text, input.languageId, extra);
  return new LazyResult(described, findings, notes);
}
