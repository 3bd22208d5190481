/**
 * The split of a file into units, carried from one edit to the next: after any edit, the
 * units and what each decides are those a split with no memory gives; a unit an edit left
 * alone, above or below it, keeps its number; a different text standing where a remembered
 * one stood is not taken for it. (That a unit found in place is not hashed again is a speed
 * property, measured by `npm run bench`, not observable here.)
 */
import * as fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { lineStarts } from "../../server/src/documents/positions";
import { initPython, parsePython } from "../../server/src/frontends/python/parser";
import {
  emptyUnitMemory,
  groupUnits,
  splitUnits,
  type Unit,
  type UnitMemory,
} from "../../server/src/frontends/python/units";
import { pythonFixtures } from "../helpers/fixture-files";

beforeAll(async () => {
  await initPython();
});

function split(text: string, known: UnitMemory = emptyUnitMemory()) {
  const tree = parsePython(text);
  try {
    return splitUnits(tree, text, lineStarts(text), known);
  } finally {
    tree.delete();
  }
}

/** What a unit decides, without the tree nodes (which belong to one parse). */
function decided(u: Unit) {
  const { nodes: _, id: __, ...rest } = u;
  return rest;
}

const fixture = pythonFixtures().find((f) => f.endsWith("deep_relu_suppressed.py"))!;
const text = fs.readFileSync(fixture, "utf8");

describe("splitUnits with the last split's memory", () => {
  it("gives the units a split without memory gives, after edits everywhere", () => {
    for (const file of pythonFixtures()) {
      const before = fs.readFileSync(file, "utf8");
      const first = split(before);
      const lines = before.split("\n");
      for (let row = 0; row < lines.length; row += 3) {
        const after = [...lines.slice(0, row), "x = 1", ...lines.slice(row)].join("\n");
        const remembered = split(after, first.learnt).units.map(decided);
        expect(remembered, `${file}, a line added at ${row}`).toEqual(
          split(after).units.map(decided),
        );
      }
    }
  });

  it("keeps the text and number of a unit an edit above or below left alone", () => {
    const first = split(text);
    const last = first.units[first.units.length - 1]!;
    const firstUnit = first.units[0]!;
    // A comment added after the first unit's lines moves every unit below it.
    const cut = firstUnit.text.length;
    const edited = `${text.slice(0, cut)}\n# moved${text.slice(cut)}`;
    const next = split(edited, first.learnt);
    const moved = next.units[next.units.length - 1]!;
    expect(moved.startRow).toBe(last.startRow + 1);
    expect(moved.id).toBe(last.id);
    expect(moved.text).toBe(last.text);
    expect(next.units[0]!.id).toBe(firstUnit.id);
  });

  it("does not take a different text standing at a remembered place for the same unit", () => {
    const first = split("import torch\n\nA = 1\n");
    const next = split("import torch\n\nA = 2\n", first.learnt);
    expect(next.units.map((u) => u.text)).toEqual(["import torch", "A = 2"]);
    expect(next.units[1]!.id).not.toBe(first.units[1]!.id);
  });

  it("remembers each unit's text, equal to the document's lines, with its number", () => {
    const { units, learnt } = split(text);
    for (const u of units) {
      const rows = text
        .split("\n")
        .slice(u.startRow, u.endRow + 1)
        .join("\n");
      expect(u.text).toBe(rows);
      expect(learnt.byText.get(u.text)?.id).toBe(u.id);
    }
  });

  it("reads names, nested imports and non-ASCII names from the unit's own nodes", () => {
    const source = [
      "import torch",
      "",
      "def build(width):",
      "    from torch import nn",
      '    label = "from torch import nn"',
      "    α = width * 2",
      '    return nn.Linear(α, width, name="head_layer")',
      "",
      "class Model:",
      '    """import this, from that"""',
      "    pass",
      "",
    ].join("\n");
    const [imports, build, model] = split(source).units;
    expect(imports!.imports).toBe(true);
    expect(build!.imports).toBe(true);
    expect(build!.refs).toEqual(
      expect.arrayContaining([
        "build",
        "width",
        "torch",
        "nn",
        "label",
        "α",
        "Linear",
        "head_layer",
      ]),
    );
    // Strings that are not names are not names, and a string spelling an import is no import.
    expect(build!.refs).not.toContain("from torch import nn");
    expect(model!.imports).toBe(false);
    expect(model!.refs).toEqual(["Model"]);
  });
});

describe("groupUnits with the last grouping", () => {
  /** The grouping as unit texts: what a description is keyed and built from. */
  function texts(g: { shared: Unit[]; components: { units: Unit[] }[] }) {
    return {
      shared: g.shared.map((u) => u.text),
      parts: g.components.map((c) => c.units.map((u) => u.text)),
    };
  }

  it("gives what grouping afresh gives, after edits everywhere in every fixture", () => {
    for (const file of pythonFixtures()) {
      const before = fs.readFileSync(file, "utf8");
      const first = split(before);
      const last = groupUnits(first.units).grouping;
      const lines = before.split("\n");
      for (let row = 0; row < lines.length; row += 4) {
        const edited = [...lines];
        edited[row] = `${edited[row]} # x`;
        const after = edited.join("\n");
        const { units } = split(after, first.learnt);
        expect(texts(groupUnits(units, last)), `${file}, line ${row}`).toEqual(
          texts(groupUnits(units)),
        );
      }
    }
  });

  it("groups again when an edit makes a class name another", () => {
    const base = ["import torch", "", "class A:", "    pass", "", "class B:", "    x = 1", ""];
    const first = split(base.join("\n"));
    const last = groupUnits(first.units).grouping;
    expect(groupUnits(first.units, last).components).toHaveLength(2);
    const joined = [...base];
    joined[6] = "    x = A";
    const { units } = split(joined.join("\n"), first.learnt);
    const regrouped = groupUnits(units, last);
    expect(regrouped.grouping).not.toBe(last);
    expect(regrouped.components).toHaveLength(1);
  });

  it("keeps the grouping when an edit changes no name", () => {
    const base = ["import torch", "", "class A:", "    x = 1", "", "class B:", "    y = 2", ""];
    const first = split(base.join("\n"));
    const last = groupUnits(first.units).grouping;
    const edited = [...base];
    edited[3] = "    x = 10";
    const { units } = split(edited.join("\n"), first.learnt);
    expect(groupUnits(units, last).grouping).toBe(last);
  });
});
