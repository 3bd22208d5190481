/**
 * Finds suppression directives in comments. Comments are located by real tokenisers, so a
 * `#` or `//` inside a string never counts: tree-sitter comment nodes for Python, the
 * TypeScript scanner for TS/JS. Only the directive inside a comment is read as text.
 *
 * Python: `# initlint: ignore[IL001, IL003]` or bare `# initlint: ignore`, silencing its own
 * line, or the next code line when the comment stands alone on its line.
 * TS/JS: `// initlint-disable-next-line IL001` (the next line of code, skipping comment
 * lines) and `// initlint-disable-line IL001` (codes separated by commas or spaces, none
 * meaning all; `--` starts a free description).
 */
import type { Tree } from "web-tree-sitter";
import { lineStarts, positionAt } from "../documents/positions";
import { tsFrontend } from "../frontends/typescript/lazy";
import type { Range } from "../model/types";

/** One code named by a directive, with where it is written. */
export interface DirectiveCode {
  code: string;
  range: Range;
}

/** A suppression directive found in a comment. */
export interface Directive {
  style: "python" | "script";
  /** Codes named; empty means every code. */
  codes: DirectiveCode[];
  /** 0-based lines whose findings it silences (matched by a finding's start line). */
  lines: number[];
  /** The directive text itself, e.g. `# initlint: ignore[IL001]`. */
  range: Range;
  /** The whole comment holding it. */
  commentRange: Range;
  /** Where the code list is written (inside the brackets), when there is one. */
  codesRange?: Range;
  /** True when nothing but whitespace shares the comment's lines. */
  ownLine: boolean;
}

const pythonDirective = /#\s*initlint:\s*ignore(?:\[([^\]\n]*)\])?(?![\w-])/;
const scriptDirective = /initlint-disable-(next-line|line)(?![\w-])([^\n]*)/;
const codeToken = /[A-Za-z]+\d+/g;

interface Located {
  text: string;
  start: number;
}

function codesIn(list: Located, starts: number[]): DirectiveCode[] {
  const found: DirectiveCode[] = [];
  for (const match of list.text.matchAll(codeToken)) {
    const at = list.start + match.index;
    found.push({
      code: match[0].toUpperCase(),
      range: { start: positionAt(starts, at), end: positionAt(starts, at + match[0].length) },
    });
  }
  return found;
}

function rangeOf(starts: number[], from: number, to: number): Range {
  return { start: positionAt(starts, from), end: positionAt(starts, to) };
}

function onlyWhitespaceAround(text: string, starts: number[], from: number, to: number) {
  const first = positionAt(starts, from);
  const last = positionAt(starts, to);
  const before = text.slice(starts[first.line]!, from);
  const lineEnd = last.line + 1 < starts.length ? starts[last.line + 1]! : text.length;
  const after = text.slice(to, lineEnd);
  return before.trim() === "" && after.trim() === "";
}

/** Directives in Python comments, read from the tree-sitter tree of `text`. */
export function pythonDirectives(text: string, tree: Tree): Directive[] {
  const starts = lineStarts(text);
  const comments = tree.rootNode.descendantsOfType("comment").filter((n) => n !== null);
  const commentOnlyLines = new Set<number>();
  const found: { node: (typeof comments)[number]; match: RegExpExecArray }[] = [];

  for (const node of comments) {
    if (onlyWhitespaceAround(text, starts, node.startIndex, node.endIndex)) {
      commentOnlyLines.add(node.startPosition.row);
    }
    const match = pythonDirective.exec(node.text);
    if (match) found.push({ node, match });
  }

  return found.map(({ node, match }) => {
    const from = node.startIndex + match.index;
    const to = from + match[0].length;
    const ownLine = commentOnlyLines.has(node.startPosition.row);
    const lines = [node.startPosition.row];
    if (ownLine) {
      // A stack of comment lines above a statement all apply to that statement.
      let next = node.startPosition.row + 1;
      while (commentOnlyLines.has(next)) next++;
      lines.push(next);
    }
    const listText = match[1];
    const directive: Directive = {
      style: "python",
      codes: [],
      lines,
      range: rangeOf(starts, from, to),
      commentRange: rangeOf(starts, node.startIndex, node.endIndex),
      ownLine,
    };
    if (listText !== undefined) {
      const listStart = from + match[0].indexOf("[") + 1;
      directive.codes = codesIn({ text: listText, start: listStart }, starts);
      directive.codesRange = rangeOf(starts, listStart, listStart + listText.length);
    }
    return directive;
  });
}

function scriptDirectiveIn(
  text: string,
  starts: number[],
  comment: { start: number; end: number },
): Directive | null {
  const body = text.slice(comment.start, comment.end);
  const match = scriptDirective.exec(body);
  if (!match) return null;

  const isBlock = body.startsWith("/*");
  let tail = match[2]!;
  if (isBlock && tail.endsWith("*/")) tail = tail.slice(0, -2);
  const dashes = tail.indexOf("--");
  if (dashes >= 0) tail = tail.slice(0, dashes);

  const from = comment.start + match.index;
  const tailStart = from + "initlint-disable-".length + match[1]!.length;
  const trimmedEnd = tailStart + tail.trimEnd().length;
  const commentRange = rangeOf(starts, comment.start, comment.end);
  const nextLine = match[1] === "next-line";
  const codes = codesIn({ text: tail, start: tailStart }, starts);
  const leading = tail.length - tail.trimStart().length;
  return {
    style: "script",
    codes,
    lines: [nextLine ? commentRange.end.line + 1 : commentRange.start.line],
    range: rangeOf(starts, from, trimmedEnd),
    commentRange,
    codesRange: codes.length > 0 ? rangeOf(starts, tailStart + leading, trimmedEnd) : undefined,
    ownLine: onlyWhitespaceAround(text, starts, comment.start, comment.end),
  };
}

/** Directives in TS/JS comments. */
export function scriptDirectives(text: string, languageId: string): Directive[] {
  const starts = lineStarts(text);
  const jsx = languageId.endsWith("react");
  const comments = tsFrontend().scriptComments(text, jsx);
  const commentOnlyLines = new Set<number>();
  for (const c of comments) {
    if (!onlyWhitespaceAround(text, starts, c.start, c.end)) continue;
    const range = rangeOf(starts, c.start, c.end);
    for (let line = range.start.line; line <= range.end.line; line++)
      commentOnlyLines.add(line);
  }
  const directives = comments
    .map((c) => scriptDirectiveIn(text, starts, c))
    .filter((d): d is Directive => d !== null);
  // As in Python, "the next line" is the next line of code: stacked comments are skipped.
  for (const directive of directives) {
    if (directive.lines[0] !== directive.commentRange.end.line + 1) continue;
    let next = directive.lines[0];
    while (commentOnlyLines.has(next)) next++;
    directive.lines = [next];
  }
  return directives;
}
