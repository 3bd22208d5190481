/**
 * The .gitignore matcher on git's documented pattern rules.
 */
import { describe, expect, it } from "vitest";
import { isIgnored, parsePattern } from "../../server/src/cli/gitignore";

function ignored(lines: string[], file: string, isDir = false): boolean {
  const patterns = lines.map((l) => parsePattern(l, "/r")).filter((p) => p !== null);
  return isIgnored(patterns, `/r/${file}`, isDir);
}

describe("gitignore patterns", () => {
  it.each([
    [["*.pyc"], "a/b/c.pyc", false, true],
    [["*.pyc"], "a/b/c.py", false, false],
    [["/build"], "build", true, true],
    [["/build"], "src/build", true, false],
    [["build/"], "src/build", true, true],
    [["build/"], "src/build", false, false],
    [["doc/*.txt"], "doc/notes.txt", false, true],
    [["doc/*.txt"], "doc/server/arch.txt", false, false],
    [["**/logs"], "deep/in/logs", true, true],
    [["logs/**"], "logs/a/b.py", false, true],
    [["a/**/b"], "a/x/y/b", false, true],
    [["a/**/b"], "a/b", false, true],
    [["*_gen.py", "!keep_gen.py"], "x/keep_gen.py", false, false],
    [["*_gen.py", "!keep_gen.py"], "x/drop_gen.py", false, true],
    [["model?.py"], "model1.py", false, true],
    [["model[0-9].py"], "model7.py", false, true],
    [["model[!0-9].py"], "model7.py", false, false],
    [["# comment", "", "\\#hash.py"], "#hash.py", false, true],
    [["trailing.py   "], "trailing.py", false, true],
  ])("%j on %s (dir %s) -> %s", (lines, file, isDir, expected) => {
    expect(ignored(lines, file, isDir)).toBe(expected);
  });
});
