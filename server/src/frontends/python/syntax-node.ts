/**
 * The syntax-tree surface the Python front end reads, and a copy of a tree-sitter tree in
 * plain objects. Every property of a web-tree-sitter node is a call into WebAssembly that
 * builds a fresh object; the collectors and the interpreter ask many of them per node, which
 * made describing one class cost milliseconds. `mirrorTree` reads each node once with a
 * TreeCursor walk (type, offsets and field of each child), and from then on every question
 * is answered in JavaScript. Real web-tree-sitter trees satisfy the same interfaces, so the
 * front end runs on either; `test/perf-cache.test.ts` holds a component described from a
 * mirror equal to the whole file described from the real tree.
 */
import type { Node, Point, Tree, TreeCursor } from "web-tree-sitter";
import { positionAt } from "../../documents/positions";

/** The node members the front end uses, as web-tree-sitter declares them. */
export interface SyntaxNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly parent: SyntaxNode | null;
  readonly tree: SyntaxTree;
  /** Shared with the tree in a copy: never change these arrays. */
  readonly children: readonly (SyntaxNode | null)[];
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly isNamed: boolean;
  readonly hasError: boolean;
  child(index: number): SyntaxNode | null;
  namedChild(index: number): SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): (SyntaxNode | null)[];
  descendantsOfType(
    types: string | string[],
    startPosition?: Point,
    endPosition?: Point,
  ): (SyntaxNode | null)[];
}

/** A tree as the front end uses it. */
export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
}

const memos = new WeakMap<SyntaxTree, Map<string, unknown>>();

/**
 * A per-tree cache for what the collectors derive from a tree. A copy carries its own, so
 * the cache is garbage as soon as the copy is; a module-level weak map keyed by copies kept
 * each edit's copy alive through minor collections until the next full one. Real trees,
 * which live as long as their document, use the weak map.
 */
export function treeMemo(tree: SyntaxTree): Map<string, unknown> {
  if (tree instanceof MirrorTree) return tree.memo;
  let memo = memos.get(tree);
  if (!memo) memos.set(tree, (memo = new Map()));
  return memo;
}

/** Ids of mirrored nodes: never reused, so caches keyed by id cannot confuse two trees. */
let nextId = 1;

/** Whether a node type (by symbol) is named: the same for every node of that symbol. */
const namedBySymbol = new Map<number, boolean>();

/** The one empty list leaves share (frozen: adopting a child replaces it first). */
const none = Object.freeze([]) as never[];

function pointLte(a: Point, b: Point): boolean {
  return a.row < b.row || (a.row === b.row && a.column <= b.column);
}

class MirrorNode implements SyntaxNode {
  readonly id = nextId++;
  parent: MirrorNode | null = null;
  /** Leaves, about half of all nodes, share the empty lists until a child is adopted. */
  children: MirrorNode[] = none;
  /** The field name of each child, by index (null where the child has none). */
  fields: (string | null)[] = none;
  private named: MirrorNode[] | null = null;
  private start: Point | null = null;
  private end: Point | null = null;
  hasErrorInside = false;

  constructor(
    readonly tree: MirrorTree,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    this.start ??= this.tree.pointAt(this.startIndex);
    return this.start;
  }

  get endPosition(): Point {
    this.end ??= this.tree.pointAt(this.endIndex);
    return this.end;
  }

  get namedChildren(): MirrorNode[] {
    this.named ??=
      this.children === none ? this.children : this.children.filter((c) => c.isNamed);
    return this.named;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get hasError(): boolean {
    return this.hasErrorInside;
  }

  child(index: number): MirrorNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): MirrorNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(fieldName: string): MirrorNode | null {
    const at = this.fields.indexOf(fieldName);
    return at < 0 ? null : this.children[at]!;
  }

  childrenForFieldName(fieldName: string): MirrorNode[] {
    return this.children.filter((_, i) => this.fields[i] === fieldName);
  }

  /** As tree-sitter's: this node and its descendants in pre-order, within the points. */
  descendantsOfType(
    types: string | string[],
    startPosition: Point = { row: 0, column: 0 },
    endPosition: Point = { row: 0, column: 0 },
  ): MirrorNode[] {
    const wanted = new Set(Array.isArray(types) ? types : [types]);
    const bounded = endPosition.row !== 0 || endPosition.column !== 0;
    // From the file's start, "ends at or before the start" means "ends at offset 0": no
    // position needs computing for that test, which is the one every caller makes.
    const fromStart = startPosition.row === 0 && startPosition.column === 0;
    const out: MirrorNode[] = [];
    const stack: MirrorNode[] = [this];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (fromStart ? node.endIndex === 0 : pointLte(node.endPosition, startPosition)) continue;
      if (bounded && pointLte(endPosition, node.startPosition)) break;
      if (wanted.has(node.type)) out.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    return out;
  }
}

class MirrorTree implements SyntaxTree {
  rootNode!: MirrorNode;
  /** Caches of what collectors derive from the tree, dropped with it (see `treeMemo`). */
  readonly memo = new Map<string, unknown>();

  constructor(
    readonly source: string,
    private readonly lineStarts: readonly number[],
  ) {}

  /** The row and column of an offset (columns in UTF-16 units, as web-tree-sitter's). */
  pointAt(offset: number): Point {
    const { line, character } = positionAt(this.lineStarts, offset);
    return { row: line, column: character };
  }
}

function readNode(cursor: TreeCursor, tree: MirrorTree, types: string[]): MirrorNode {
  const symbol = cursor.nodeTypeId;
  let named = namedBySymbol.get(symbol);
  if (named === undefined) {
    named = cursor.nodeIsNamed;
    namedBySymbol.set(symbol, named);
  }
  const type = types[symbol] ?? "ERROR";
  return new MirrorNode(tree, type, named, cursor.startIndex, cursor.endIndex);
}

function adopt(parent: MirrorNode, child: MirrorNode, field: string | null): MirrorNode {
  child.parent = parent;
  if (parent.children === none) {
    parent.children = [];
    parent.fields = [];
  }
  parent.children.push(child);
  parent.fields.push(field);
  return child;
}

/** Called when the walk leaves a node: an error inside it is an error inside its parent. */
function finish(node: MirrorNode): void {
  if (node.type === "ERROR") node.hasErrorInside = true;
  if (node.hasErrorInside && node.parent) node.parent.hasErrorInside = true;
}

/** Copies the subtree under the cursor (the cursor's own root) into `mirror`. */
function copyUnder(cursor: TreeCursor, mirror: MirrorTree, types: string[]): MirrorNode {
  const top = readNode(cursor, mirror, types);
  let current = top;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      current = adopt(current, readNode(cursor, mirror, types), cursor.currentFieldName);
      continue;
    }
    for (;;) {
      finish(current);
      if (current === top) return top;
      if (cursor.gotoNextSibling()) {
        const sibling = readNode(cursor, mirror, types);
        current = adopt(current.parent!, sibling, cursor.currentFieldName);
        break;
      }
      cursor.gotoParent();
      current = current.parent!;
    }
  }
}

/**
 * A plain-object copy of `tree` over `source` (the text it was parsed from, whose line
 * offsets are `lineStarts`). The copy stays valid after the tree is deleted.
 */
export function mirrorTree(
  tree: Tree,
  source: string,
  lineStarts: readonly number[],
): SyntaxTree {
  const mirror = new MirrorTree(source, lineStarts);
  const cursor = tree.walk();
  try {
    mirror.rootNode = copyUnder(cursor, mirror, tree.language.types);
  } finally {
    cursor.delete();
  }
  // MISSING nodes are not visible to the walk: the root takes the tree's own answer.
  mirror.rootNode.hasErrorInside = tree.rootNode.hasError;
  return mirror;
}

/**
 * A module holding copies of some top-level statements of a parsed file (`nodes`, in source
 * order): what parsing only those statements' lines gives, without parsing them again.
 */
export function mirrorStatements(
  nodes: readonly Node[],
  source: string,
  lineStarts: readonly number[],
): SyntaxTree {
  const mirror = new MirrorTree(source, lineStarts);
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  const root = new MirrorNode(
    mirror,
    "module",
    true,
    first?.startIndex ?? 0,
    last?.endIndex ?? 0,
  );
  mirror.rootNode = root;
  for (const node of nodes) {
    const cursor = node.walk();
    try {
      adopt(root, copyUnder(cursor, mirror, node.tree.language.types), null);
    } finally {
      cursor.delete();
    }
    if (node.hasError) root.hasErrorInside = true;
  }
  return mirror;
}
