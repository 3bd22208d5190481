/**
 * Runs the whole pipeline on every fixture in test-fixtures/ and compares the findings with
 * the markers written in the file. Then applies every fix and checks that the result still
 * parses and that a preferred fix removes its finding.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../server/src/analysis/analyze";
import { defaultConfig } from "../server/src/config/effective";
import { initPython } from "../server/src/frontends/python/parser";
import type { Finding } from "../server/src/rules/types";
import { applyEdits } from "./helpers/edits";
import { describeFinding, parseMarkers } from "./helpers/markers";

const root = path.join(__dirname, "..", "test-fixtures");
const languages: Record<string, string> = {
  ".py": "python",
  ".ts": "typescript",
  ".tsx": "typescriptreact",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return languages[path.extname(entry.name)] ? [full] : [];
  });
}

function run(file: string, text: string) {
  const languageId = languages[path.extname(file)]!;
  return analyze({ uri: `file://${file}`, text, languageId, config: defaultConfig() });
}

/** Findings about the same thing: same code and subject (or message, when there is no subject). */
function sameSubject(a: Finding, b: Finding): boolean {
  if (a.code !== b.code) return false;
  if (a.subject?.layerId || b.subject?.layerId) {
    return (
      a.subject?.modelId === b.subject?.modelId && a.subject?.layerId === b.subject?.layerId
    );
  }
  return a.message === b.message;
}

beforeAll(async () => {
  await initPython();
});

const files = fs.existsSync(root) ? walk(root) : [];

describe.each(files.map((f) => [path.relative(root, f), f]))("fixture %s", (_name, file) => {
  const text = fs.readFileSync(file, "utf8");

  it("reports exactly the marked findings", () => {
    const actual = run(file, text).findings.map((f) =>
      describeFinding({ ...f.range.start, code: f.code, severity: f.severity }),
    );
    const expected = parseMarkers(text).map(describeFinding);
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("has fixes that keep the file parsing and remove their finding", () => {
    const before = run(file, text);
    for (const finding of before.findings) {
      for (const fix of finding.fixes) {
        const fixed = applyEdits(text, fix.edits);
        const after = run(file, fixed);
        expect(
          after.file.syntaxErrors.length,
          `${fix.title} broke the syntax`,
        ).toBeLessThanOrEqual(before.file.syntaxErrors.length);
        if (!fix.preferred) continue;
        const same = after.findings.filter((f) => sameSubject(f, finding));
        expect(same, `${fix.title} left its finding in place`).toEqual([]);
      }
    }
  });
});
