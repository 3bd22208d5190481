/**
 * The plain-object copy of a tree-sitter tree must answer every question the front end asks
 * exactly as web-tree-sitter does: node by node over every Python fixture, over texts with
 * CRLF line ends, characters outside the BMP and syntax errors, and for the module built from
 * chosen top-level statements.
 */
import * as fs from "node:fs";
import type { Node } from "web-tree-sitter";
import { beforeAll, describe, expect, it } from "vitest";
import { lineStarts } from "../../server/src/documents/positions";
import { initPython, parsePython } from "../../server/src/frontends/python/parser";
import {
  mirrorStatements,
  mirrorTree,
  type SyntaxNode,
} from "../../server/src/frontends/python/syntax-node";
import { pythonFixtures } from "../helpers/fixture-files";

/** Everything the front end reads of a node, as plain data (children by field too). */
function shape(node: SyntaxNode): unknown {
  const fields = ["name", "body", "left", "right", "function", "arguments", "object", "value"];
  return {
    type: node.type,
    text: node.text,
    start: [node.startIndex, node.startPosition],
    end: [node.endIndex, node.endPosition],
    named: node.isNamed,
    parent: node.parent?.type ?? null,
    children: node.childCount,
    namedChildren: node.namedChildCount,
    firstNamed: node.namedChild(0)?.type ?? null,
    fields: fields.map((f) => node.childForFieldName(f)?.startIndex ?? null),
    alternatives: node.childrenForFieldName("alternative").map((c) => c?.startIndex),
  };
}

/** Both trees walked in pre-order, side by side. */
function compareTrees(real: SyntaxNode, copy: SyntaxNode, where: string): number {
  expect(shape(copy), where).toEqual(shape(real));
  const kids = real.children;
  const copies = copy.children;
  expect(copies.length, where).toBe(kids.length);
  let count = 1;
  kids.forEach((kid, i) => {
    count += compareTrees(kid!, copies[i]!, where);
  });
  return count;
}

beforeAll(async () => {
  await initPython();
});

describe("tree copies", () => {
  it("answer as web-tree-sitter does, node by node, on every Python fixture", () => {
    let nodes = 0;
    for (const file of pythonFixtures()) {
      const text = fs.readFileSync(file, "utf8");
      const tree = parsePython(text);
      const copy = mirrorTree(tree, text, lineStarts(text));
      nodes += compareTrees(tree.rootNode, copy.rootNode, file);
      expect(copy.rootNode.hasError).toBe(tree.rootNode.hasError);
      // "ERROR" is asked alone: web-tree-sitter finds nothing when it is mixed with others.
      for (const types of [["call", "identifier", "comment"], ["ERROR"]]) {
        const real = tree.rootNode.descendantsOfType(types).map((n) => n!.startIndex);
        const copied = copy.rootNode.descendantsOfType(types).map((n) => n!.startIndex);
        expect(copied, file).toEqual(real);
      }
      tree.delete();
    }
    expect(nodes).toBeGreaterThan(10_000);
  });

  it("keep positions on CRLF lines, astral characters and broken code", () => {
    const texts = [
      "import torch.nn as nn\r\n\r\nclass A(nn.Module):\r\n    def f(self):\r\n        return 1\r\n",
      '# 😀 émoji\nx = "😀😀"; y = nn.Linear(4, 4)  # 🧪\nz = f(x,\n      y)\n',
      "class A(nn.Module):\n    def __init__(self:\n        self.fc = nn.Linear(4\n",
    ];
    for (const text of texts) {
      const tree = parsePython(text);
      const copy = mirrorTree(tree, text, lineStarts(text));
      compareTrees(tree.rootNode, copy.rootNode, JSON.stringify(text));
      expect(copy.rootNode.hasError).toBe(tree.rootNode.hasError);
      tree.delete();
    }
  });

  it("build a module from chosen statements that equals parsing only their lines", () => {
    const text = [
      "import torch.nn as nn",
      "",
      "WIDTH = 8",
      "",
      "class A(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.fc = nn.Linear(WIDTH, WIDTH)",
      "",
      "class B(nn.Module):",
      "    pass",
      "",
    ].join("\n");
    const tree = parsePython(text);
    const statements = tree.rootNode.namedChildren.filter(
      (n): n is Node => n !== null && !n.text.startsWith("class B"),
    );
    const copy = mirrorStatements(statements, text, lineStarts(text));
    expect(copy.rootNode.namedChildren.map((n) => n!.type)).toEqual([
      "import_statement",
      "expression_statement",
      "class_definition",
    ]);
    statements.forEach((s, i) => compareTrees(s, copy.rootNode.namedChildren[i]!, s.text));
    expect(copy.rootNode.hasError).toBe(false);
    tree.delete();
  });
});
