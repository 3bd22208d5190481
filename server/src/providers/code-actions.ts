/**
 * Code actions for the findings of one document: every fix as a quick fix, "fix all" of one
 * code, a suppression comment, the rule's documentation, and `source.fixAll.initlint` with
 * the safe fixes of the whole file.
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import type { Tree } from "web-tree-sitter";
import type { Range } from "../model/types";
import { fixAllKind, showDocumentationCommand } from "../protocol";
import { ruleDocsUri } from "../rules/docs-link";
import type { Finding, Fix, TextEdit } from "../rules/types";
import { combineFixes, primaryFix } from "./fix-edits";
import { suppressionEdit } from "./suppression-fix";
import { toDiagnostic, type LocationMapper } from "./to-diagnostic";

/** A code action request, resolved against the document's current findings. */
export interface CodeActionInput {
  uri: string;
  version: number;
  text: string;
  languageId: string;
  tree?: Tree;
  findings: Finding[];
  range: Range;
  /** The kinds the client asked for; absent means any. */
  only?: string[];
  /** Which findings the range refers to (a notebook's cell); default: all of them. */
  here?: (finding: Finding) => boolean;
  /** The document an edit belongs to (a notebook's cell); default: `uri`. */
  uriOf?: (edit: TextEdit) => string;
  /** Diagnostic ranges and links as published (a notebook maps them to cells). */
  map?: LocationMapper;
}

function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return kind !== fixAllKind;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function touches(a: Range, b: Range): boolean {
  const before = (p: Range["start"], q: Range["start"]) =>
    p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

function workspaceEdit(input: CodeActionInput, edits: TextEdit[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    const uri = input.uriOf?.(edit) ?? input.uri;
    // Notebook edits carry their cell; the cell's own document needs plain edits.
    (changes[uri] ??= []).push({ range: edit.range, newText: edit.newText });
  }
  return { changes };
}

function editAction(
  title: string,
  input: CodeActionInput,
  edits: TextEdit[],
  extra: Partial<CodeAction> = {},
): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, edit: workspaceEdit(input, edits), ...extra };
}

function fixTitle(fix: Fix): string {
  return fix.safe ? fix.title : `${fix.title} (unsafe)`;
}

function actionsForFinding(
  input: CodeActionInput,
  finding: Finding,
  index: number,
): CodeAction[] {
  const diagnostic: Diagnostic = toDiagnostic(finding, { ...input, index });
  const actions = finding.fixes.map((fix) =>
    editAction(fixTitle(fix), input, fix.edits, {
      diagnostics: [diagnostic],
      isPreferred: fix.preferred === true,
    }),
  );

  const sameCode = input.findings.filter((f) => f.code === finding.code);
  const fixes = sameCode.map((f) => primaryFix(f, false)).filter((f) => f !== undefined);
  if (fixes.length > 1) {
    const unsafe = fixes.some((f) => !f.safe) ? " (unsafe)" : "";
    const title = `Fix all ${finding.code} problems in file${unsafe}`;
    actions.push(editAction(title, input, combineFixes(fixes)));
  }

  const suppress = suppressionEdit(finding, input);
  if (suppress && finding.code !== "IL100") {
    const title = `Suppress ${finding.code} on this line`;
    // The suppression edit is relative to the text given, which is the finding's own document.
    const local = { ...input, uriOf: undefined };
    actions.push(editAction(title, local, [suppress], { diagnostics: [diagnostic] }));
  }

  const href = ruleDocsUri(finding.code);
  actions.push({
    title: `Show documentation for ${finding.code}`,
    kind: CodeActionKind.QuickFix,
    command: {
      title: "Show documentation",
      command: showDocumentationCommand,
      arguments: [href],
    },
  });
  return actions;
}

/** The safe fixes of every finding in the file, as one edit list. */
export function safeFixAllEdits(findings: Finding[]): TextEdit[] {
  const fixes = findings.map((f) => primaryFix(f, true)).filter((f) => f !== undefined);
  return combineFixes(fixes);
}

/** Every code action for the requested range and kinds. */
export function codeActions(input: CodeActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, input.only)) {
    input.findings.forEach((finding, index) => {
      if ((input.here?.(finding) ?? true) && touches(finding.range, input.range)) {
        actions.push(...actionsForFinding(input, finding, index));
      }
    });
  }
  if (wanted(fixAllKind, input.only)) {
    const edits = safeFixAllEdits(input.findings);
    if (edits.length > 0) {
      actions.push({
        title: "Fix all safely fixable initlint problems",
        kind: fixAllKind,
        edit: workspaceEdit(input, edits),
      });
    }
  }
  return actions;
}
