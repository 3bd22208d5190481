/**
 * The incremental analysis is an optimisation, never a change of answer: a cached analysis
 * after an edit equals a fresh one, unchanged components are reused as they were, split
 * descriptions agree with the whole-file front end on every fixture, and a whole-text change
 * still reparses to the tree a fresh parse gives.
 */
import * as fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze, AnalysisCache } from "../server/src/analysis/analyze";
import { defaultConfig } from "../server/src/config/effective";
import { OpenDocument } from "../server/src/documents/store";
import { describePython } from "../server/src/frontends/python/index";
import {
  describePythonCached,
  PythonDescribeCache,
} from "../server/src/frontends/python/incremental";
import { initPython, parsePython } from "../server/src/frontends/python/parser";
import type { FileDescription } from "../server/src/model/types";
import { generateModelFile, seededRandom } from "./bench/generate";
import { pythonFixtures } from "./helpers/fixture-files";

function describeWith(text: string, cache?: PythonDescribeCache): FileDescription {
  const tree = parsePython(text);
  try {
    return describePythonCached({ uri: "file:///model.py", text, tree }, cache);
  } finally {
    tree.delete();
  }
}

function byStart<T extends { range: { start: { line: number; character: number } } }>(
  items: T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character,
  );
}

/**
 * Name lists are sets and models come in source order: the split front end may list them
 * in another order than a front end that reads the file in one go.
 */
function normalised(whole: FileDescription): unknown {
  const file = { ...whole, models: byStart(whole.models) };
  const torch = file.facts["torch"] as Record<string, unknown> | undefined;
  if (!torch) return file;
  const sorted = (key: string) => [...((torch[key] as string[]) ?? [])].sort();
  const facts = { ...file.facts, torch: { ...torch, names: sorted("names") } };
  (facts.torch as Record<string, unknown>).externalRefs = sorted("externalRefs");
  // Module-level events come first in a one-go read; in source order when split.
  (facts.torch as Record<string, unknown>).events = byStart(torch["events"] as never[]);
  return { ...file, facts };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

beforeAll(async () => {
  await initPython();
});

describe("component cache", () => {
  const text = generateModelFile(2_000, 2);
  const at = text.indexOf("classes=10", text.length / 2) + "classes=10".length;
  const edited = `${text.slice(0, at)}0${text.slice(at)}`;

  it("re-describes only the edited class and matches a fresh analysis", () => {
    const cache = new PythonDescribeCache();
    const before = describeWith(text, cache);
    const components = cache.lastRun.described;
    expect(cache.lastRun.reused).toBe(0);

    const after = describeWith(edited, cache);
    expect(cache.lastRun).toEqual({ described: 1, reused: components - 1, moved: 0 });
    expect(after).toEqual(describeWith(edited));

    // The edited class reads `classes=100`; every other model is the very object from before.
    const line = edited.slice(0, at).split("\n").length - 1;
    const changed = after.models.filter(
      (m) => m.range.start.line <= line && line <= m.range.end.line,
    );
    expect(changed).toHaveLength(1);
    expect(before.models.find((m) => m.id === changed[0]!.id)).not.toEqual(changed[0]);
    const others = after.models.filter((m) => m !== changed[0]);
    expect(others.length).toBe(before.models.length - 1);
    for (const model of others) expect(before.models).toContain(model);
  });

  it("reuses every component when nothing but a trailing comment changed", () => {
    const cache = new PythonDescribeCache();
    const first = describeWith(text, cache);
    const again = describeWith(`${text}\n# revision 2\n`, cache);
    expect(cache.lastRun.described).toBe(0);
    expect(again).toEqual(first);
  });

  it("joins a class with the classes it builds, so an edit in one re-describes both", () => {
    const source = [
      "import torch.nn as nn",
      "",
      "WIDTH = 64",
      "",
      "class Block(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.fc = nn.Linear(WIDTH, WIDTH)",
      "        nn.init.xavier_uniform_(self.fc.weight)",
      "",
      "    def forward(self, x):",
      "        return self.fc(x).relu()",
      "",
      "class Net(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.blocks = nn.Sequential(Block(), Block())",
      "",
      "    def forward(self, x):",
      "        return self.blocks(x)",
      "",
      "class Other(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.fc = nn.Linear(3, 4)",
      "",
    ].join("\n");
    const cache = new PythonDescribeCache();
    describeWith(source, cache);
    // Base, Block+Net, Other.
    expect(cache.lastRun.described).toBe(3);
    const widened = source.replace("nn.Linear(WIDTH, WIDTH)", "nn.Linear(WIDTH, 2 * WIDTH)");
    const after = describeWith(widened, cache);
    expect(cache.lastRun).toEqual({ described: 1, reused: 2, moved: 0 });
    expect(after).toEqual(describeWith(widened));
    // A shared constant changes every component.
    describeWith(widened.replace("WIDTH = 64", "WIDTH = 32"), cache);
    expect(cache.lastRun).toEqual({ described: 3, reused: 0, moved: 0 });
  });

  it("reuses, with their lines moved, the components below an added or removed line", () => {
    const cache = new PythonDescribeCache();
    const before = describeWith(text, cache);
    const components = cache.lastRun.described;
    const lines = text.split("\n");
    const firstClass = lines.findIndex((l) => l.startsWith("class "));
    const middle = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith("class "));

    // A blank line above the first class moves every class; the shared imports and the
    // module docstring above stay.
    const pushed = [...lines.slice(0, firstClass), "", ...lines.slice(firstClass)].join("\n");
    const after = describeWith(pushed, cache);
    expect(cache.lastRun).toEqual({ described: 0, reused: 2, moved: components - 2 });
    expect(after).toEqual(describeWith(pushed));
    expect(after.models.map((m) => m.range.start.line)).toEqual(
      before.models.map((m) => m.range.start.line + 1),
    );

    // Two lines typed inside a class in the middle: that class is described again, the ones
    // above stay, the ones below are still moved relative to when they were described.
    const split = pushed.split("\n");
    const typed = [...split.slice(0, middle + 3), "", "", ...split.slice(middle + 3)].join(
      "\n",
    );
    const again = describeWith(typed, cache);
    expect(cache.lastRun.described).toBe(1);
    expect(cache.lastRun.moved).toBeGreaterThan(0);
    expect(again).toEqual(describeWith(typed));

    // Back to the original text: every unchanged component is where it was described.
    expect(describeWith(text, cache)).toEqual(before);
    expect(cache.lastRun).toEqual({ described: 1, reused: components - 1, moved: 0 });
  });

  it("describes again a component whose units changed order", () => {
    const block = [
      "class Block(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.fc = nn.Linear(4, 4)",
      "",
    ];
    const net = [
      "class Net(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.body = Block()",
      "",
    ];
    const head = ["import torch.nn as nn", ""];
    const cache = new PythonDescribeCache();
    describeWith([...head, ...block, ...net].join("\n"), cache);
    const swapped = [...head, ...net, ...block].join("\n");
    const after = describeWith(swapped, cache);
    expect(cache.lastRun).toEqual({ described: 1, reused: 1, moved: 0 });
    expect(after).toEqual(describeWith(swapped));
  });

  it("agrees with the whole-file front end on every Python fixture", () => {
    for (const file of pythonFixtures()) {
      const source = fs.readFileSync(file, "utf8");
      const tree = parsePython(source);
      const whole = describePython({ uri: "file:///model.py", text: source, tree });
      tree.delete();
      expect(normalised(describeWith(source)), file).toEqual(normalised(whole));
    }
  });

  it("after random one-character edits of every fixture, equals a fresh analysis", () => {
    const random = seededRandom(11);
    for (const file of pythonFixtures()) {
      let source = fs.readFileSync(file, "utf8");
      const cache = new PythonDescribeCache();
      describeWith(source, cache);
      for (let i = 0; i < 4; i++) {
        const at = Math.floor(random() * source.length);
        const char = ["0", " ", "\n", "x", "(", ""][Math.floor(random() * 6)]!;
        source = source.slice(0, at) + char + source.slice(at + (char === "" ? 1 : 0));
        expect(describeWith(source, cache), `${file} edit ${i}`).toEqual(describeWith(source));
      }
    }
  });
});

describe("analysis cache", () => {
  it("runs the rules on reused descriptions without changing them", () => {
    const text = generateModelFile(400, 5);
    const cache = new AnalysisCache();
    const config = defaultConfig();
    const input = { uri: "file:///zoo.py", text, languageId: "python", config, cache };
    const first = analyze(input);
    expect(first.findings.length).toBeGreaterThan(0);
    // A rule writing into a cached model would throw here instead of corrupting the cache.
    for (const { part } of cache.python.components.values()) deepFreeze(part.models);
    const second = analyze({ ...input, text: `${text}\n# touched\n` });
    expect(cache.python.lastRun.described).toBe(0);
    expect(second.findings).toEqual(first.findings);
  });
});

describe("whole-text changes", () => {
  it("derive the edit so the incremental tree matches a fresh parse", () => {
    const text = generateModelFile(300, 4);
    const document = new OpenDocument("file:///zoo.py", "python", 1, text);
    document.tree();
    const next = text.replace("hidden=128", "hidden=1280").replace("classes=10", "klasses=10");
    document.applyChanges([{ text: next }], 2);
    expect(document.text).toBe(next);
    const fresh = parsePython(next);
    expect(document.tree()!.rootNode.toString()).toBe(fresh.rootNode.toString());
    fresh.delete();
    document.dispose();
  });
});
