/**
 * In-process references for the latency figures: the raw tree-sitter parse of the same text
 * (full, and incremental after the same one-character edit). No LSP, no analysis: the floor
 * a parse-based linter cannot go under.
 */
import type { Tree } from "web-tree-sitter";
import { parsePython } from "../../server/src/frontends/python/parser";
import { OpenDocument } from "../../server/src/documents/store";
import type { ChangePair, CharEdit } from "./lsp-figures";
import { since } from "./stats";

/** Milliseconds of a full parse of `text`, `runs` times. */
export function fullParseLatencies(text: string, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const tree = parsePython(`${text}\n# revision ${i}\n`);
    samples.push(since(start));
    tree.delete();
  }
  return samples;
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf("\n", offset) + 1;
  return offset + character;
}

/**
 * Milliseconds of an incremental reparse after `edit` (typed, then deleted, alternating),
 * `runs` times, with the tree edited the way the server's document store does it.
 */
export function incrementalParseLatencies(
  text: string,
  edit: CharEdit,
  runs: number,
): number[] {
  const at = offsetOf(text, edit.line, edit.character);
  const point = { row: edit.line, column: edit.character };
  const after = { row: edit.line, column: edit.character + 1 };
  let tree: Tree = parsePython(text);
  let current = text;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const typing = i % 2 === 0;
    current = typing
      ? current.slice(0, at) + edit.char + current.slice(at)
      : current.slice(0, at) + current.slice(at + 1);
    tree.edit({
      startIndex: at,
      oldEndIndex: typing ? at : at + 1,
      newEndIndex: typing ? at + 1 : at,
      startPosition: point,
      oldEndPosition: typing ? point : after,
      newEndPosition: typing ? after : point,
    });
    const start = performance.now();
    const next = parsePython(current, tree);
    samples.push(since(start));
    tree.delete();
    tree = next;
  }
  tree.delete();
  return samples;
}

/**
 * Milliseconds of the reparse the server's document store makes after each change of `pair`
 * (alternating), `runs` times: the store's own `tree.edit()` and incremental parse.
 */
export function storeParseLatencies(text: string, pair: ChangePair, runs: number): number[] {
  const doc = new OpenDocument("file:///bench/reparse.py", "python", 1, text);
  doc.tree();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    doc.applyChanges([pair[i % 2]!], i + 2);
    const start = performance.now();
    doc.tree();
    samples.push(since(start));
  }
  doc.dispose();
  return samples;
}
