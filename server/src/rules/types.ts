/**
 * What a rule is and what it returns. Rules read file descriptions and never touch LSP types;
 * providers and the CLI map findings to their own output.
 */
import type { FileDescription, Framework, Range } from "../model/types";

/** Severity names, as in the CLI's JSON contract. */
export type Severity = "error" | "warning" | "information" | "hint";

/** One text edit: replace `range` with `newText` (insert when the range is empty). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix. `safe` only when behaviour is identical (a rename, a spelling). */
export interface Fix {
  title: string;
  safe: boolean;
  /** The one clearly right fix among several. */
  preferred?: boolean;
  edits: TextEdit[];
}

/** A finding a rule reports. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /** Secondary locations (the activation that makes the init wrong), for related information. */
  related?: { range: Range; message: string }[];
  /** Names the thing the finding is about, for suppression and probe alignment. */
  subject?: { modelId?: string; layerId?: string };
  /** Set on findings about a deliberate recipe, naming it; such findings are informational. */
  recipe?: string;
}

/** Static metadata of a rule: the data ESLint and ruff keep beside each rule. */
export interface RuleMeta {
  code: string;
  /** kebab-case name, e.g. `activation-init-mismatch`. */
  name: string;
  /** One line for docs tables and `initlint rules`. */
  summary: string;
  defaultSeverity: Severity;
  frameworks: Framework[];
  fixable: boolean;
  /**
   * The rule reports at most one finding per file, about the first place in it (IL013):
   * when rules run component by component, only the earliest component's finding is kept.
   */
  oncePerFile?: boolean;
}

/** What a rule's check receives. */
export interface RuleContext {
  file: FileDescription;
  /** The document text, for edit builders that must keep the file's style. */
  text: string;
  /** Resolved options for this rule (thresholds), already validated. */
  options: RuleOptions;
}

/** Rule thresholds from settings; every rule reads only what it needs. */
export interface RuleOptions {
  /** IL001: minimum count of consecutive un-normalised weighted layers for a warning. */
  depth: number;
  /** IL001: predicted variance ratio over the stack that makes it a warning. */
  ratio: number;
  /** IL010: parameter count above which eager construction is flagged. */
  largeModelParams: number;
}

/** A rule: metadata and a check. */
export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): Finding[];
}
