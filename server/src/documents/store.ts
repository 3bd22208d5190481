/**
 * The open documents: their text, version and, for Python, a tree-sitter tree kept in step
 * with the text. LSP incremental changes are applied to the text and, as `tree.edit()`s, to
 * the tree; the tree is reparsed incrementally from the edited one when next asked for.
 */
import type { Point, Tree } from "web-tree-sitter";
import { AnalysisCache } from "../analysis/analyze";
import { parsePython } from "../frontends/python/parser";
import type { Range } from "../model/types";
import { lineStarts, offsetAt, positionAt } from "./positions";

/** One change as LSP sends it: a range edit, or the whole new text when `range` is absent. */
export interface ContentChange {
  range?: Range;
  text: string;
}

function endPoint(start: Point, inserted: string): Point {
  const lastBreak = inserted.lastIndexOf("\n");
  if (lastBreak < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = 0; i < inserted.length; i++) if (inserted.charCodeAt(i) === 10) rows++;
  return { row: start.row + rows, column: inserted.length - lastBreak - 1 };
}

/**
 * The line starts after replacing rows `fromRow`..`toRow` (through `startIndex` + the old
 * span) with `inserted`: rows before keep their offsets, rows after move by `delta`, and the
 * inserted text's own line breaks add rows. A keystroke costs a pass over numbers, not over
 * the text.
 */
function shiftedStarts(
  starts: number[],
  fromRow: number,
  toRow: number,
  change: { startIndex: number; inserted: string; delta: number },
): number[] {
  const added: number[] = [];
  const { startIndex, inserted, delta } = change;
  for (let i = 0; i < inserted.length; i++) {
    if (inserted.charCodeAt(i) === 10) added.push(startIndex + i + 1);
  }
  // A copy, not an edit of `starts`: the last analysis may still read it. The common edit
  // keeps the line count and costs one copy.
  const sameCount = added.length === toRow - fromRow;
  const out = sameCount
    ? starts.slice()
    : starts.slice(0, fromRow + 1).concat(added, starts.slice(toRow + 1));
  if (sameCount) for (let i = 0; i < added.length; i++) out[fromRow + 1 + i] = added[i]!;
  for (let i = fromRow + 1 + added.length; i < out.length; i++) out[i]! += delta;
  return out;
}

const MAX_SLIDE = 4096;

/**
 * The same change described further left: an inserted or deleted run ending in a line break,
 * next to line breaks, slid to the end of the last non-blank line before it. The text after
 * the change is the same either way (only line breaks are passed over), but tree-sitter's
 * Python grammar reparses from a change at the start of a line after a block (between two
 * classes, below a `def` line) to the end of the file, 14 ms for 2,000 lines here, and from
 * the end of the line before it about 2 ms (removing such a line reparses the rest anyway).
 */
function slideLineBreaks(
  text: string,
  change: { start: number; oldEnd: number; inserted: string },
): { start: number; oldEnd: number; inserted: string } {
  let { start, oldEnd, inserted } = change;
  const isBreak = (c: string | undefined) => c === "\n" || c === "\r";
  for (let step = 0; step < MAX_SLIDE && start > 0; step++) {
    const before = text[start - 1];
    if (!isBreak(before)) break;
    if (oldEnd === start && inserted.length > 0 && inserted[inserted.length - 1] === before) {
      inserted = before + inserted.slice(0, -1);
    } else if (inserted.length > 0 || oldEnd === start || text[oldEnd - 1] !== before) {
      break;
    }
    start--;
    oldEnd--;
  }
  return { start, oldEnd, inserted };
}

/** An open text document. */
export class OpenDocument {
  private starts: number[];
  /** What the last analysis of this document can lend the next one. */
  readonly analysisCache = new AnalysisCache();
  private currentTree: Tree | undefined;
  private treeStale = true;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    private content: string,
  ) {
    this.starts = lineStarts(content);
  }

  /** The current text. */
  get text(): string {
    return this.content;
  }

  /** Offsets of line starts in the current text. */
  get lineStarts(): number[] {
    return this.starts;
  }

  /** Applies LSP content changes in order and moves to `version`. */
  applyChanges(changes: ContentChange[], version: number): void {
    for (const change of changes) {
      if (!change.range) {
        this.applyWholeText(change.text);
      } else {
        this.applyRangeChange(change.range, change.text);
      }
    }
    this.version = version;
    this.treeStale = true;
  }

  /** The tree of the current text (Python only), reparsed incrementally when stale. */
  tree(): Tree | undefined {
    if (this.languageId !== "python") return undefined;
    if (this.treeStale || !this.currentTree) {
      let next = parsePython(this.content, this.currentTree ?? null);
      // Tree-sitter's error recovery can differ between an incremental and a fresh parse of
      // the same text; a broken file is parsed afresh so its diagnostics never depend on the
      // edit history.
      if (this.currentTree && next.rootNode.hasError) {
        next.delete();
        next = parsePython(this.content);
      }
      this.currentTree?.delete();
      this.currentTree = next;
      this.treeStale = false;
    }
    return this.currentTree;
  }

  /** Frees the tree's memory in the wasm heap. */
  dispose(): void {
    this.dropTree();
  }

  private dropTree(): void {
    this.currentTree?.delete();
    this.currentTree = undefined;
  }

  /**
   * A whole-text change, as some clients send for every keystroke: the edit is recovered
   * from the common prefix and suffix, so the tree is still reparsed incrementally.
   */
  private applyWholeText(next: string): void {
    const old = this.content;
    if (!this.currentTree) {
      this.content = next;
      this.starts = lineStarts(next);
      return;
    }
    const limit = Math.min(old.length, next.length);
    let prefix = 0;
    while (prefix < limit && old.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (
      suffix < limit - prefix &&
      old.charCodeAt(old.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
    ) {
      suffix++;
    }
    const range = {
      start: positionAt(this.starts, prefix),
      end: positionAt(this.starts, old.length - suffix),
    };
    this.applyRangeChange(range, next.slice(prefix, next.length - suffix));
  }

  private applyRangeChange(range: Range, text: string): void {
    const from = offsetAt(this.content, this.starts, range.start);
    const to = Math.max(from, offsetAt(this.content, this.starts, range.end));
    const slid = slideLineBreaks(this.content, { start: from, oldEnd: to, inserted: text });
    const { start: startIndex, oldEnd: oldEndIndex, inserted } = slid;
    // Positions are recomputed from the clamped offsets so the tree edit matches the text.
    const startPosition = this.pointAt(startIndex);
    const oldEndPosition = this.pointAt(oldEndIndex);
    this.content =
      this.content.slice(0, startIndex) + inserted + this.content.slice(oldEndIndex);
    this.starts = shiftedStarts(this.starts, startPosition.row, oldEndPosition.row, {
      startIndex,
      inserted,
      delta: inserted.length - (oldEndIndex - startIndex),
    });
    this.currentTree?.edit({
      startIndex,
      oldEndIndex,
      newEndIndex: startIndex + inserted.length,
      startPosition,
      oldEndPosition,
      newEndPosition: endPoint(startPosition, inserted),
    });
  }

  private pointAt(offset: number): Point {
    const { line, character } = positionAt(this.starts, offset);
    return { row: line, column: character };
  }
}

/** Open documents by URI. */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  /** Registers a newly opened document, replacing any stale entry for the URI. */
  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.documents.get(uri)?.dispose();
    const document = new OpenDocument(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  /** The open document at `uri`. */
  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  /** Every open document. */
  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  /** Forgets a closed document. */
  close(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
  }
}
