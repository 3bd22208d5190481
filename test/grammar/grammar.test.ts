/**
 * Grammar tests: every file under test/grammar/cases/ is tokenised and compared with its
 * checked-in baseline under test/grammar/baselines/. Set UPDATE_BASELINES=1 to rewrite them
 * after a deliberate grammar change, then review the diff.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { baseline, loadGrammar } from "./tokenize";

const casesDir = path.join(__dirname, "cases");
const baselinesDir = path.join(__dirname, "baselines");
const scopeByExtension: Record<string, string> = {
  ".py": "source.python",
  ".js": "source.js",
  ".initlint-report": "text.initlint-report",
};

describe("grammar baselines", () => {
  for (const name of fs.readdirSync(casesDir).sort()) {
    it(name, async () => {
      const scope = scopeByExtension[path.extname(name)];
      expect(scope, `no grammar for ${name}`).toBeDefined();
      const grammar = await loadGrammar(scope!);
      const actual = baseline(grammar, fs.readFileSync(path.join(casesDir, name), "utf8"));
      const file = path.join(baselinesDir, `${name}.tokens`);
      if (process.env.UPDATE_BASELINES === "1" || !fs.existsSync(file)) {
        fs.writeFileSync(file, actual);
      }
      expect(actual).toBe(fs.readFileSync(file, "utf8"));
    });
  }
});

describe("directive scopes", () => {
  it("highlights a Python ignore directive in a comment but not in a string", async () => {
    const grammar = await loadGrammar("source.python");
    const text = 'x = 1  # initlint: ignore[IL001]\ny = "initlint: ignore[IL001]"\n';
    const lines = baseline(grammar, text).split("\n");
    expect(lines[1]).toContain("keyword.other.initlint");
    expect(lines).toContain(
      "                            ^^^^^ constant.other.rule-code.initlint",
    );
    const afterString = lines.slice(lines.indexOf('> y = "initlint: ignore[IL001]"') + 1);
    expect(afterString.filter((l) => l.includes(".initlint"))).toEqual([]);
  });

  it("highlights the codes of a TS disable-next-line directive", async () => {
    const grammar = await loadGrammar("source.ts");
    const lines = baseline(grammar, "// initlint-disable-next-line IL001, IL013\n").split("\n");
    expect(lines).toContain(
      "                                ^^^^^ constant.other.rule-code.initlint",
    );
    expect(lines).toContain(
      "                                       ^^^^^ constant.other.rule-code.initlint",
    );
  });
});
