/**
 * The document store's incremental sync: random LSP range edits, applied to the text and as
 * tree edits, must give the same text, line starts and syntax tree as the result afresh.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DocumentStore } from "../../server/src/documents/store";
import { lineStarts, positionAt } from "../../server/src/documents/positions";
import { initPython, parsePython } from "../../server/src/frontends/python/parser";

const base = fs.readFileSync(
  path.join(__dirname, "..", "..", "test-fixtures", "suppressions", "unused_suppression.py"),
  "utf8",
);
const snippets = [
  "",
  "x",
  "\n",
  "    ",
  "(",
  ")",
  "é😀",
  "self.fc3 = nn.Linear(4, 4)\n",
  '"""',
  "# c\n",
  "a\r\nb\n\n",
];

beforeAll(async () => {
  await initPython();
});

describe("incremental sync", () => {
  it("matches a fresh parse after any sequence of range edits", () => {
    const edit = fc.record({
      from: fc.nat(),
      length: fc.nat({ max: 40 }),
      text: fc.constantFrom(...snippets),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const store = new DocumentStore();
        const doc = store.open("file:///m.py", "python", 1, base);
        doc.tree();
        let expected = base;
        edits.forEach((e, i) => {
          // A client never addresses the middle of a CRLF line break: step back before it.
          const valid = (at: number) =>
            at > 0 && expected[at - 1] === "\r" && expected[at] === "\n" ? at - 1 : at;
          const start = valid(e.from % (expected.length + 1));
          const end = valid(Math.min(expected.length, start + e.length));
          const starts = lineStarts(expected);
          const range = { start: positionAt(starts, start), end: positionAt(starts, end) };
          expected = expected.slice(0, start) + e.text + expected.slice(end);
          doc.applyChanges([{ range, text: e.text }], i + 2);
          // Line starts are shifted per edit, not recomputed: they must still be the text's.
          expect(doc.lineStarts).toEqual(lineStarts(expected));
          // Parse after some edits only, so several edits also pile up on one tree.
          if (i % 2 === 0) doc.tree();
        });
        expect(doc.text).toBe(expected);
        expect(doc.tree()!.rootNode.toString()).toBe(parsePython(expected).rootNode.toString());
        store.close("file:///m.py");
      }),
      { numRuns: 150 },
    );
  });

  it("reparses to a fresh parse's tree when line breaks are added or removed among others", () => {
    // The store slides such edits to the end of the last non-blank line (one tree-sitter
    // reparses far less from); the text must not change, and the tree must still be right.
    const fixture = "../../test-fixtures/pytorch/resnet_zero_gamma_fan_out.py";
    const model = fs.readFileSync(path.join(__dirname, fixture), "utf8");
    for (const eol of ["\n", "\r\n"]) {
      const text = model.replace(/\r?\n/g, eol);
      const store = new DocumentStore();
      const doc = store.open("file:///m.py", "python", 1, text);
      doc.tree();
      const rows = text.split("\n").length;
      let version = 1;
      for (let line = 1; line < rows; line += 3) {
        const at = { line, character: 0 };
        doc.applyChanges([{ range: { start: at, end: at }, text: `${eol}${eol}` }], ++version);
        expect(doc.tree()!.rootNode.toString()).toBe(parsePython(doc.text).rootNode.toString());
        const end = { line: line + 2, character: 0 };
        doc.applyChanges([{ range: { start: at, end }, text: "" }], ++version);
        expect(doc.text).toBe(text);
        expect(doc.lineStarts).toEqual(lineStarts(text));
        expect(doc.tree()!.rootNode.toString()).toBe(parsePython(text).rootNode.toString());
      }
      store.close("file:///m.py");
    }
  });

  it("clamps a position past a CRLF line's end to before its line break", () => {
    const store = new DocumentStore();
    const text = "import torch.nn as nn\r\nW = 64\r\nnet = nn.Linear(W, W)\r\n";
    const doc = store.open("file:///crlf.py", "python", 1, text);
    doc.tree();
    const past = { line: 1, character: 999 };
    doc.applyChanges([{ range: { start: past, end: past }, text: "0" }], 2);
    expect(doc.text).toBe(text.replace("W = 64\r\n", "W = 640\r\n"));
    // A deletion to past the end takes the line's text, not its line break.
    doc.applyChanges(
      [{ range: { start: { line: 1, character: 4 }, end: past }, text: "8" }],
      3,
    );
    expect(doc.text).toBe(text.replace("W = 64\r\n", "W = 8\r\n"));
    expect(doc.lineStarts).toEqual(lineStarts(doc.text));
    expect(doc.tree()!.rootNode.toString()).toBe(parsePython(doc.text).rootNode.toString());
    store.close("file:///crlf.py");
  });

  it("replaces the text and tree on a full-text change", () => {
    const store = new DocumentStore();
    const doc = store.open("file:///m.py", "python", 1, base);
    doc.tree();
    doc.applyChanges([{ text: "import torch\n" }], 2);
    expect(doc.version).toBe(2);
    expect(doc.tree()!.rootNode.toString()).toBe(
      parsePython("import torch\n").rootNode.toString(),
    );
    expect(store.open("file:///x.ts", "typescript", 1, "let a = 1;").tree()).toBeUndefined();
  });
});
