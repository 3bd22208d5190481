/**
 * Every registered rule must carry its documentation page with the fixed headings, at least
 * one fixture that fires it (a marker with its code) and one fixture that must stay silent
 * for it (`# initlint-fixture: silent ILxxx`). A rule added without them fails here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../server/src/rules/registry";
import { docsPath, ruleDocsUri } from "../../server/src/rules/docs-link";
import { parseMarkers } from "../helpers/markers";

const fixtureRoot = path.join(__dirname, "..", "..", "test-fixtures");
const extensions = new Set([".py", ".ts", ".tsx", ".js", ".mjs", ".cjs", ".ipynb"]);

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return extensions.has(path.extname(entry.name)) ? [full] : [];
  });
}

const fixtures = walk(fixtureRoot).map((file) => ({
  file,
  text: fs.readFileSync(file, "utf8"),
}));

/** The headings of a Markdown page, skipping fenced code (Python comments start with #). */
function headings(markdown: string): string[] {
  let fenced = false;
  const out: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    if (line.trimStart().startsWith("```")) fenced = !fenced;
    else if (!fenced && /^#{1,6} /.test(line)) out.push(line.trim());
  }
  return out;
}

describe.each(rules.map((r) => [r.meta.code, r] as const))("rule %s", (code, rule) => {
  it("has a docs page with the fixed headings", () => {
    const page = docsPath(code);
    expect(fs.existsSync(page), `${page} is missing`).toBe(true);
    expect(headings(fs.readFileSync(page, "utf8"))).toEqual([
      `# ${code} ${rule.meta.name}`,
      "## What it finds",
      "## Why it matters",
      "## Example",
      "## Fix",
      "## When to ignore it",
      "## References",
    ]);
    expect(ruleDocsUri(code)).toBe(`file://${page}`);
  });

  it("has a fixture that fires it", () => {
    const firing = fixtures.filter((f) => parseMarkers(f.text).some((m) => m.code === code));
    expect(firing.length, `no fixture under test-fixtures/ marks ${code}`).toBeGreaterThan(0);
  });

  it("has a fixture that must stay silent for it", () => {
    const pattern = new RegExp(`(#|//)\\s*initlint-fixture:\\s*silent\\b[^\\n]*\\b${code}\\b`);
    const silent = fixtures.filter((f) => pattern.test(f.text));
    expect(silent.length, `no fixture says "initlint-fixture: silent ${code}"`).toBeGreaterThan(
      0,
    );
    for (const f of silent) {
      const marked = parseMarkers(f.text).filter((m) => m.code === code);
      expect(marked, `${f.file} is silent for ${code} but marks it`).toEqual([]);
    }
  });
});
