/**
 * A .gitignore matcher for the file walk: patterns from every .gitignore between the
 * repository root and a folder, with git's rules for anchoring (`/a`, `a/b`), folder-only
 * patterns (`build/`), negation (`!keep.py`), `*`, `?`, `[...]` and `**`. The last matching
 * pattern wins, and nothing inside an ignored folder is looked at.
 */
import * as fs from "node:fs";
import * as path from "node:path";

interface Pattern {
  /** The folder holding the .gitignore; paths are matched relative to it. */
  base: string;
  regex: RegExp;
  negated: boolean;
  dirOnly: boolean;
}

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Translates one glob (without `!` and trailing `/`) to a regex body, `*` not crossing `/`. */
function globToRegex(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slashAfter = glob[i + 2] === "/";
        const atStart = i === 0 || glob[i - 1] === "/";
        if (atStart && slashAfter) {
          out += "(?:.*/)?";
          i += 2;
        } else if (atStart && i + 2 === glob.length) {
          out += ".*";
          i += 1;
        } else {
          out += "[^/]*";
          i += 1;
        }
      } else {
        out += "[^/]*";
      }
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
      } else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        out += `[${body}]`;
        i = close;
      }
    } else if (c === "\\" && i + 1 < glob.length) {
      out += escapeChar(glob[++i]!);
    } else {
      out += escapeChar(c);
    }
  }
  return out;
}

/** Parses one .gitignore line; null for blanks and comments. */
export function parsePattern(line: string, base: string): Pattern | null {
  let text = line.replace(/\r$/, "");
  if (!text.endsWith("\\ ")) text = text.replace(/\s+$/, "");
  if (text === "" || text.startsWith("#")) return null;

  const negated = text.startsWith("!");
  if (negated) text = text.slice(1);
  if (text.startsWith("\\#") || text.startsWith("\\!")) text = text.slice(1);
  const dirOnly = text.endsWith("/");
  if (dirOnly) text = text.slice(0, -1);
  if (text === "") return null;

  // A slash anywhere but at the end anchors the pattern to the .gitignore's folder.
  const anchored = text.includes("/");
  if (text.startsWith("/")) text = text.slice(1);
  const body = globToRegex(text);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { base, regex, negated, dirOnly };
}

/** The patterns of the .gitignore in `folder`, if it has one. */
export function readGitignore(folder: string): Pattern[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, ".gitignore"), "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .map((line) => parsePattern(line, folder))
    .filter((p): p is Pattern => p !== null);
}

/** True when the last pattern matching `file` (absolute) ignores it. */
export function isIgnored(patterns: Pattern[], file: string, isDir: boolean): boolean {
  let ignored = false;
  for (const pattern of patterns) {
    if (pattern.dirOnly && !isDir) continue;
    const relative = path.relative(pattern.base, file).split(path.sep).join("/");
    if (relative.startsWith("..") || relative === "") continue;
    if (pattern.regex.test(relative)) ignored = !pattern.negated;
  }
  return ignored;
}

/** The patterns of .gitignore files from the enclosing repository's root down to `folder`. */
export function ancestorPatterns(folder: string): Pattern[] {
  const chain: string[] = [];
  let current = path.resolve(folder);
  for (;;) {
    chain.unshift(current);
    if (fs.existsSync(path.join(current, ".git"))) break;
    const parent = path.dirname(current);
    if (parent === current) {
      // Not inside a repository: only the folder's own .gitignore applies.
      chain.splice(0, chain.length - 1);
      break;
    }
    current = parent;
  }
  // The folder's own file is added by the walk itself.
  return chain.slice(0, -1).flatMap(readGitignore);
}
