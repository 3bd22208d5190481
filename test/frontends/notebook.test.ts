/**
 * Notebooks: code cells joined into one program with magics blanked, ranges mapped back to
 * cells, and the shared pipeline's findings on the fixtures in test-fixtures/notebooks/
 * compared with each notebook's sibling NAME.expected.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../server/src/config/effective";
import {
  analyzeNotebook,
  buildProgram,
  notebookLanguage,
  parseNotebook,
  toCellRange,
  type NotebookCell,
} from "../../server/src/frontends/notebook";
import { parsePython, initPython } from "../../server/src/frontends/python/parser";

const root = path.join(__dirname, "..", "..", "test-fixtures", "notebooks");

beforeAll(async () => {
  await initPython();
});

const cells: NotebookCell[] = [
  { kind: "markdown", source: "# Title" },
  { kind: "code", source: "!pip install torch\nimport torch\n%matplotlib inline" },
  { kind: "raw", source: "raw text" },
  { kind: "code", source: "x = 1\nfiles = !ls\ny = x + 1\n" },
  { kind: "code", source: "%%bash\necho hi" },
  { kind: "code", source: "%%time\nz = 3" },
];

describe("notebook program", () => {
  it("joins code cells in order, blanking magics and shell lines so lines stay in place", () => {
    const program = buildProgram(cells);
    expect(program.text.split("\n")).toEqual([
      "",
      "import torch",
      "",
      "x = 1",
      "",
      "y = x + 1",
      "",
      "",
      "",
      "",
      "z = 3",
    ]);
    expect(program.spans).toEqual([
      undefined,
      { start: 0, lines: 3 },
      undefined,
      { start: 3, lines: 4 },
      { start: 7, lines: 2 },
      { start: 9, lines: 2 },
    ]);
    expect(parsePython(program.text).rootNode.hasError).toBe(false);
  });

  it("maps program ranges to cell-relative ranges, counting non-code cells", () => {
    const program = buildProgram(cells);
    const range = { start: { line: 5, character: 4 }, end: { line: 5, character: 9 } };
    expect(toCellRange(program, range)).toEqual({
      cell: 3,
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } },
    });
    const across = { start: { line: 5, character: 0 }, end: { line: 10, character: 1 } };
    expect(toCellRange(program, across)).toEqual({
      cell: 3,
      range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } },
    });
    expect(toCellRange(program, across, false)).toBeNull();
  });

  it("reads .ipynb JSON and rejects text that is not a notebook", () => {
    const text = fs.readFileSync(path.join(root, "keras-classifier.ipynb"), "utf8");
    const parsed = parseNotebook(text)!;
    expect(parsed.map((c) => c.kind)).toEqual(["markdown", "code", "raw", "code", "code"]);
    expect(parsed[1]!.source).toBe(
      "from tensorflow import keras\nfrom tensorflow.keras import layers",
    );
    expect(notebookLanguage(text)).toBe("python");
    expect(parseNotebook("{not json")).toBeNull();
    expect(parseNotebook('{"cells": 3}')).toBeNull();
  });
});

describe("notebook description", () => {
  it("describes the program and locates its init calls in their cells", () => {
    const text = fs.readFileSync(path.join(root, "pytorch-mlp.ipynb"), "utf8");
    const result = analyzeNotebook({
      uri: "file:///pytorch-mlp.ipynb",
      cells: parseNotebook(text)!,
      config: defaultConfig(),
    });
    expect(result.file.language).toBe("notebook");
    expect(result.file.frameworks).toContain("pytorch");
    const located = result.file.initCalls.map((c) => ({
      spelled: c.spelled,
      at: toCellRange(result.program, c.range),
    }));
    expect(located.map((l) => [l.spelled, l.at?.cell, l.at?.range.start])).toEqual([
      ["nn.init.kaiming_normal", 3, { line: 6, character: 8 }],
      ["nn.init.kaiming_normal_", 3, { line: 7, character: 8 }],
    ]);
  });
});

interface Expected {
  cell: number;
  line: number;
  character: number;
  code: string;
  severity: string;
}

const fixtures = fs.readdirSync(root).filter((f) => f.endsWith(".ipynb"));

describe.each(fixtures)("notebook fixture %s", (name) => {
  it("reports the expected findings on the right cells", () => {
    const text = fs.readFileSync(path.join(root, name), "utf8");
    const expectedPath = path.join(root, name.replace(/\.ipynb$/, ".expected.json"));
    const expected = JSON.parse(fs.readFileSync(expectedPath, "utf8")) as Expected[];
    const result = analyzeNotebook({
      uri: `file:///${name}`,
      cells: parseNotebook(text)!,
      config: defaultConfig(),
    });
    const actual = result.findings.map((f) => ({
      cell: f.cell,
      line: f.range.start.line,
      character: f.range.start.character,
      code: f.code,
      severity: f.severity,
    }));
    const key = (e: Expected) => `${e.cell}:${e.line}:${e.character} ${e.code} ${e.severity}`;
    expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
    for (const finding of result.findings) {
      for (const fix of finding.fixes) {
        for (const edit of fix.edits) expect(cellsOf(text)[edit.cell]!.kind).toBe("code");
      }
    }
  });
});

function cellsOf(text: string): NotebookCell[] {
  return parseNotebook(text)!;
}
