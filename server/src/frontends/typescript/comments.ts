/**
 * Comment spans of a TS/JS text, found with the TypeScript scanner, so a `//` inside a string,
 * a template literal or a regular expression never counts as a comment.
 */
import ts from "typescript";

const regexMayFollow = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.OpenParenToken,
  ts.SyntaxKind.OpenBracketToken,
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.SemicolonToken,
  ts.SyntaxKind.ColonToken,
  ts.SyntaxKind.QuestionToken,
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.EqualsGreaterThanToken,
  ts.SyntaxKind.ExclamationToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.ReturnKeyword,
  ts.SyntaxKind.TypeOfKeyword,
  ts.SyntaxKind.CaseKeyword,
  ts.SyntaxKind.Unknown,
]);

/** Comment spans of a TS/JS text, found with the TypeScript scanner. */
export function scriptComments(text: string, jsx: boolean): { start: number; end: number }[] {
  const variant = jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  const comments: { start: number; end: number }[] = [];
  // Open braces and template-literal holes, so `}` that ends a hole rescans the template.
  const nesting: ("brace" | "template")[] = [];
  let previous: ts.SyntaxKind = ts.SyntaxKind.Unknown;

  for (
    let kind = scanner.scan();
    kind !== ts.SyntaxKind.EndOfFileToken;
    kind = scanner.scan()
  ) {
    if (
      kind === ts.SyntaxKind.SingleLineCommentTrivia ||
      kind === ts.SyntaxKind.MultiLineCommentTrivia
    ) {
      comments.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd() });
      continue;
    }
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia)
      continue;

    if (kind === ts.SyntaxKind.TemplateHead) nesting.push("template");
    else if (kind === ts.SyntaxKind.OpenBraceToken) nesting.push("brace");
    else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (nesting.pop() === "template") {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateMiddle) nesting.push("template");
      }
    } else if (
      (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) &&
      regexMayFollow.has(previous)
    ) {
      kind = scanner.reScanSlashToken();
    }
    previous = kind;
  }
  return comments;
}
