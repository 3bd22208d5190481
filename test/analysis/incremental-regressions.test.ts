/**
 * Edit sequences after which the incremental analysis once differed from a fresh analysis of
 * the same text, each reduced from a differential trial (server against `initlint check`).
 * Every step compares findings, fixes included, and the file's description with a fresh
 * analysis; test/stress/incremental-differential.test.ts hunts for more of their kind.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Range } from "vscode-languageserver-protocol";
import { defaultConfig } from "../../server/src/config/effective";
import { OpenDocument } from "../../server/src/documents/store";
import { initPython } from "../../server/src/frontends/python/parser";
import { cachedAnalysis, freshAnalysis } from "../helpers/incremental";

const config = defaultConfig();

/** A change as a client sends it. */
type Change = { range: Range; text: string } | { text: string };

/** Applies `changes` one by one, checking the cached analysis against a fresh one each time. */
function expectSameAsFresh(text: string, changes: Change[]): OpenDocument {
  const doc = new OpenDocument("file:///model.py", "python", 1, text);
  cachedAnalysis(doc, config);
  changes.forEach((change, i) => {
    doc.applyChanges([change], i + 2);
    const incremental = cachedAnalysis(doc, config);
    const fresh = freshAnalysis(doc, config);
    expect(incremental.findings, `after change ${i + 1}`).toEqual(fresh.findings);
    expect(incremental.file, `after change ${i + 1}`).toEqual(fresh.file);
  });
  return doc;
}

/** An insertion of `text` at the start of `line`. */
function atLine(line: number, text: string): Change {
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, text };
}

beforeAll(async () => {
  await initPython();
});

describe("the incremental analysis equals a fresh one", () => {
  it("when a line is added between two touching statements of one component", () => {
    // The fix inserts on the line after `net = ...`, which is `print(net)`'s first line.
    const text = [
      "import torch",
      "import torch.nn as nn",
      "",
      "net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))",
      "print(net)",
      "",
    ].join("\n");
    const doc = expectSameAsFresh(text, [atLine(4, "\n"), atLine(0, "\n")]);
    const fixes = freshAnalysis(doc, config)
      .findings.flatMap((f) => f.fixes)
      .flatMap((fix) => fix.edits);
    expect(fixes.length).toBeGreaterThan(0);
  });

  it("when an edit in another component turns the file's quote style", () => {
    const text = [
      "from tensorflow import keras",
      "from tensorflow.keras import layers",
      "",
      "",
      "def build_lstm():",
      "    return keras.Sequential([",
      "        layers.Embedding(1000, 64),",
      '        layers.LSTM(128, recurrent_initializer="glorot_uniform"),',
      '        layers.Dense(1, activation="sigmoid"),',
      "    ])",
      "",
      "",
      "def build_head(mode=None):",
      "    return layers.Dense(1, name=None)",
      "",
    ].join("\n");
    const quotes = "mode='a', b='c', d='e', f='g'";
    const line = 12;
    const start = { line, character: "def build_head(".length };
    const end = { line, character: start.character + "mode=None".length };
    expectSameAsFresh(text, [{ range: { start, end }, text: quotes }, atLine(4, "\n")]);
  });

  it("when a newline is added at the end of a file that had none", () => {
    const text = [
      "import torch",
      "import torch.nn as nn",
      "",
      "",
      "class Gate(nn.Module):",
      "    def __init__(self, n):",
      "        super().__init__()",
      "        self.w = nn.Parameter(torch.empty(n, n))",
    ].join("\n");
    const end = {
      line: 7,
      character: "        self.w = nn.Parameter(torch.empty(n, n))".length,
    };
    const doc = expectSameAsFresh(text, [
      { range: { start: end, end }, text: "\n" },
      atLine(0, "\n"),
    ]);
    // The IL004 fix is still a line of its own after the statement.
    const il004 = freshAnalysis(doc, config).findings.find((f) => f.code === "IL004")!;
    expect(il004.fixes[0]!.edits[0]!.newText).toBe("\n        nn.init.xavier_uniform_(self.w)");
  });

  it("in a CRLF file with syntax errors when lines between components are emptied", () => {
    const lines = [
      "import torch.nn as nn",
      "# a comment",
      "",
      "",
      "",
      "",
      "        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.",
      "        Linear(1546 * dim, dim))",
      "    def forward(self, tokens):",
      "        x = self.proj(self.embed(tokens))",
      "class Encoder(nn.Module):",
      "   def __init__(self, vocab=1000, dim=128):",
      " = nn.Embedding(vocab, dim)",
      "        loss.backward()",
    ];
    const text = lines.join("\r\n");
    const start = { line: 6, character: 0 };
    const end = { line: 8, character: 0 };
    expectSameAsFresh(text, [{ range: { start, end }, text: "\r\n\r\n" }]);
  });

  it("in a broken file where the same text is recovered differently after an edit", () => {
    const data = JSON.parse(
      fs.readFileSync(path.join(__dirname, "data", "broken-duplicate-class.json"), "utf8"),
    ) as { text: string; changes: Change[] };
    expectSameAsFresh(data.text, data.changes);
  });
});
