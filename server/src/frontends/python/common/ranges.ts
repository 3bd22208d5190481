/**
 * Source ranges of syntax nodes in the description's coordinates (0-based lines and
 * characters, as in LSP), so every front end converts positions the same way.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Position, Range } from "../../../model/types";

/** The start of a node. */
export function startOf(node: Node): Position {
  return { line: node.startPosition.row, character: node.startPosition.column };
}

/** The end of a node. */
export function endOf(node: Node): Position {
  return { line: node.endPosition.row, character: node.endPosition.column };
}

/** The whole extent of a node. */
export function rangeOf(node: Node): Range {
  return { start: startOf(node), end: endOf(node) };
}

/** The extent from the start of one node to the end of another. */
export function spanOf(first: Node, last: Node): Range {
  return { start: startOf(first), end: endOf(last) };
}

/** A position moved along its line; bracket characters are one code unit wide. */
export function shifted(pos: Position, by: number): Position {
  return { line: pos.line, character: pos.character + by };
}
