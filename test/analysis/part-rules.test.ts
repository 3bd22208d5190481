/**
 * Rules run component by component (and are remembered per component) only as an
 * optimisation: the findings must be exactly those of the rules run once over the merged
 * file, on every fixture, after edits, and under a configuration that changes severities.
 */
import * as fs from "node:fs";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { analyze, AnalysisCache, runRules } from "../../server/src/analysis/analyze";
import { PartRuleCache, runRulesOnParts } from "../../server/src/analysis/part-rules";
import { byPosition } from "../../server/src/analysis/rule-selection";
import { defaultConfig, type EffectiveConfig } from "../../server/src/config/effective";
import {
  describePythonParts,
  PythonDescribeCache,
} from "../../server/src/frontends/python/incremental";
import { initPython, parsePython } from "../../server/src/frontends/python/parser";
import { rules } from "../../server/src/rules/registry";
import type { Finding } from "../../server/src/rules/types";
import { generateModelFile, seededRandom } from "../bench/generate";
import { pythonFixtures } from "../helpers/fixture-files";

const PYTHON_RULES = [
  "IL001",
  "IL002",
  "IL003",
  "IL004",
  "IL005",
  "IL006",
  "IL007",
  "IL008",
  "IL009",
  "IL010",
  "IL011",
  "IL012",
  "IL013",
];

/** The findings both ways: per component through `cache`, and over the merged file. */
function bothWays(
  text: string,
  config: EffectiveConfig,
  caches = { python: new PythonDescribeCache(), rules: new PartRuleCache() },
): { split: Finding[]; whole: Finding[] } {
  const tree = parsePython(text);
  try {
    const described = describePythonParts({ uri: "file:///m.py", text, tree }, caches.python);
    const whole = runRules(described.file(), text, config);
    if (!described.parts) return { split: whole, whole };
    const { parts, places } = described;
    const split = runRulesOnParts({ parts, places }, text, config, caches.rules, []);
    return { split: split.sort(byPosition), whole };
  } finally {
    tree.delete();
  }
}

beforeAll(async () => {
  await initPython();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Lines inserted before line `row` of `text`. */
function insertLines(text: string, row: number, added: string[]): string {
  const lines = text.split("\n");
  return [...lines.slice(0, row), ...added, ...lines.slice(row)].join("\n");
}

/** How many rule checks `run` makes. */
function countChecks(run: () => void): number {
  const spies = rules.map((r) => vi.spyOn(r, "check"));
  run();
  const calls = spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
  for (const spy of spies) spy.mockRestore();
  return calls;
}

describe("rules per component", () => {
  const config = defaultConfig();

  it("find exactly what the rules find on the merged file, for every Python fixture", () => {
    const codes = new Set<string>();
    for (const file of pythonFixtures()) {
      const { split, whole } = bothWays(fs.readFileSync(file, "utf8"), config);
      expect(split, file).toEqual(whole);
      for (const f of whole) codes.add(f.code);
    }
    // The fixtures carry findings of every Python rule; an empty comparison proves nothing.
    expect([...codes].sort()).toEqual(PYTHON_RULES);
  });

  it("stay equal after random edits, with the per-component findings reused", () => {
    const random = seededRandom(23);
    for (const file of pythonFixtures()) {
      let source = fs.readFileSync(file, "utf8");
      const caches = { python: new PythonDescribeCache(), rules: new PartRuleCache() };
      bothWays(source, config, caches);
      for (let i = 0; i < 4; i++) {
        const at = Math.floor(random() * source.length);
        const char = ["0", " ", "\n", "x", "(", "", "_"][Math.floor(random() * 7)]!;
        source = source.slice(0, at) + char + source.slice(at + (char === "" ? 1 : 0));
        const { split, whole } = bothWays(source, config, caches);
        expect(split, `${file} edit ${i}`).toEqual(whole);
      }
    }
  });

  it("move the findings of components below an added line instead of checking them again", () => {
    const text = generateModelFile(400, 3);
    const config = defaultConfig();
    const caches = { python: new PythonDescribeCache(), rules: new PartRuleCache() };
    const first = bothWays(text, config, caches);
    expect(first.split.length).toBeGreaterThan(0);
    const row = text.split("\n").findIndex((l) => l.startsWith("class "));
    const pushed = insertLines(text, row, ["", "# a comment above every class", ""]);
    const tree = parsePython(pushed);
    let split: Finding[] = [];
    const checks = countChecks(() => {
      const described = describePythonParts(
        { uri: "file:///m.py", text: pushed, tree },
        caches.python,
      );
      const { parts, places } = described;
      split = runRulesOnParts({ parts: parts!, places }, pushed, config, caches.rules, []);
    });
    tree.delete();
    expect(caches.python.lastRun.described).toBe(0);
    expect(checks).toBe(0);
    expect(split.sort(byPosition)).toEqual(bothWays(pushed, config).whole);
    expect(split.map((f) => f.range.start.line)).toEqual(
      first.split.map((f) => f.range.start.line + (f.range.start.line >= row ? 3 : 0)),
    );
  });

  it("stay equal in a script whose main guard and training step moved", () => {
    const library = generateModelFile(300, 4);
    const script = `${library}\nif __name__ == "__main__":\n    model = Mlp0()\n    loss = model(torch.ones(1, 784)).sum()\n    loss.backward()\n`;
    const config = defaultConfig();
    const caches = { python: new PythonDescribeCache(), rules: new PartRuleCache() };
    const first = bothWays(script, config, caches);
    expect(first.split.map((f) => f.code)).toContain("IL013");
    const rows = script.split("\n");
    const middle = rows.findIndex((l, i) => i > rows.length / 2 && l.startsWith("class "));
    for (const edited of [
      insertLines(script, middle, ["", ""]),
      insertLines(script, 3, [""]),
    ]) {
      const { split, whole } = bothWays(edited, config, caches);
      expect(split).toEqual(whole);
      expect(split).toEqual(bothWays(edited, config).split);
    }
  });

  it("report a file-wide fact change in every component (the script's training step)", () => {
    const text = [
      "import torch",
      "import torch.nn as nn",
      "",
      "def init_weights(m):",
      "    if isinstance(m, nn.Linear):",
      "        nn.init.xavier_uniform_(m.weight)",
      "",
      "class Net(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.fc = nn.Linear(4, 4)",
      "",
    ].join("\n");
    const training = `${text}\nnet = Net()\nloss = net(torch.ones(4)).sum()\nloss.backward()\n`;
    const caches = { python: new PythonDescribeCache(), rules: new PartRuleCache() };
    // A library module: a public init function may be used by an importer.
    expect(bothWays(text, config, caches).split.map((f) => f.code)).not.toContain("IL005");
    // The same function in a training script that never applies it: IL005, although the
    // component holding the function did not change.
    const after = bothWays(training, config, caches);
    expect(after.split).toEqual(after.whole);
    expect(after.split.map((f) => f.code)).toContain("IL005");
  });

  it("keep only the first finding of a once-per-file rule (IL013) across components", () => {
    const text = generateModelFile(400, 3);
    const script = `${text}\nimport torch.optim as optim\nmodel = Mlp0()\nopt = optim.SGD(model.parameters(), lr=0.1)\nopt.step()\n`;
    const { split, whole } = bothWays(script, config);
    expect(split.filter((f) => f.code === "IL013")).toHaveLength(
      whole.filter((f) => f.code === "IL013").length,
    );
    expect(split).toEqual(whole);
  });

  it("apply severity overrides to copies, leaving the remembered findings as found", () => {
    const text = generateModelFile(300, 6);
    const cache = new AnalysisCache();
    const input = { uri: "file:///zoo.py", text, languageId: "python", cache };
    const plain = analyze({ ...input, config });
    const severe: EffectiveConfig = { ...config, severity: { IL001: "error" } };
    const raised = analyze({ ...input, config: severe });
    const il001 = raised.findings.filter((f) => f.code === "IL001");
    expect(il001.length).toBeGreaterThan(0);
    expect(il001.every((f) => f.severity === "error")).toBe(true);
    expect(analyze({ ...input, config }).findings).toEqual(plain.findings);
  });

  it("describe the merged file only when asked, and the same either way", () => {
    const text = generateModelFile(300, 8);
    const cache = new AnalysisCache();
    const result = analyze({
      uri: "file:///zoo.py",
      text,
      languageId: "python",
      config,
      cache,
    });
    expect(cache.python.merged).toBeNull();
    const fresh = analyze({ uri: "file:///zoo.py", text, languageId: "python", config });
    expect(result.file).toEqual(fresh.file);
    expect(result.notes).toEqual(result.file.notes);
  });
});
