/**
 * How a PyTorch file spells what a fix inserts: the prefix of `torch.nn.init` under the
 * file's own imports, and the position of a new line after a statement. Kept beside the facts
 * because both come from the file's text, not from the rules.
 */
import type { Position, Range } from "../../../model/types";
import type { TorchAliases } from "./types";
import { linesOf, lineOf } from "../../../text/lines";

/** `nn.init.`, `init.` or `torch.nn.init.` as the file's imports allow; null when none do. */
export function initPrefix(aliases: TorchAliases): string | null {
  if (aliases.nn) return `${aliases.nn}.init.`;
  if (aliases.init) return `${aliases.init}.`;
  if (aliases.torch) return `${aliases.torch}.nn.init.`;
  return null;
}

/**
 * Where a new line goes after the statement at `range`, and the text to insert there so the
 * line reads `indent + line`: the start of the next line, or the end of the file.
 */
export function lineAfter(
  text: string,
  range: Range,
  indent: string,
  line: string,
): { position: Position; newText: string } {
  const lines = linesOf(text);
  const next = range.end.line + 1;
  if (next < lines.length) {
    return { position: { line: next, character: 0 }, newText: `${indent}${line}\n` };
  }
  const last = lines[lines.length - 1] ?? "";
  return {
    position: { line: lines.length - 1, character: last.length },
    newText: `\n${indent}${line}`,
  };
}

/** The leading whitespace of a line of `text`. */
export function lineIndent(text: string, line: number): string {
  const content = lineOf(text, line);
  return /^[ \t]*/.exec(content)?.[0] ?? "";
}
