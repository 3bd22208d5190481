/**
 * How a PyTorch file spells what a fix inserts: the prefix of `torch.nn.init` under the
 * file's own imports, and the position of a new line after a statement. Kept beside the facts
 * because both come from the file's text, not from the rules.
 */
import type { Position, Range } from "../../../model/types";
import type { TorchAliases } from "./types";
import { lineOf } from "../../../text/lines";

/** `nn.init.`, `init.` or `torch.nn.init.` as the file's imports allow; null when none do. */
export function initPrefix(aliases: TorchAliases): string | null {
  if (aliases.nn) return `${aliases.nn}.init.`;
  if (aliases.init) return `${aliases.init}.`;
  if (aliases.torch) return `${aliases.torch}.nn.init.`;
  return null;
}

/**
 * Where a new line goes after the statement at `range`, and the text to insert there so the
 * line reads `indent + line`: the end of the statement's last line, with a line break first
 * (the one that line ends with: `\r\n` in a CRLF file). It reads only that line, never the
 * text after it, so the edit stays right when lines are added below or the file's last
 * newline comes or goes (the statement's findings are reused across such edits).
 */
export function lineAfter(
  text: string,
  range: Range,
  indent: string,
  line: string,
): { position: Position; newText: string } {
  const last = lineOf(text, range.end.line);
  const crlf = last.endsWith("\r");
  const character = crlf ? last.length - 1 : last.length;
  return {
    position: { line: range.end.line, character },
    newText: `${crlf ? "\r\n" : "\n"}${indent}${line}`,
  };
}

/** The leading whitespace of a line of `text`. */
export function lineIndent(text: string, line: number): string {
  const content = lineOf(text, line);
  return /^[ \t]*/.exec(content)?.[0] ?? "";
}
