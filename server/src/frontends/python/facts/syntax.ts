/**
 * Small tree-sitter helpers the fact collectors share: ranges, access-path normalisation,
 * call anatomy and scope-aware walks that do not descend into nested definitions.
 */
import { treeMemo, type SyntaxNode as Node, type SyntaxTree as Tree } from "../syntax-node";
import type { Range } from "../../../model/types";

/** The LSP range of a node (tree-sitter columns are UTF-8 bytes; ASCII source agrees). */
export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/** Children that exist, without the nulls tree-sitter's typings allow. */
export function kids(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

/** Node types the collectors look at; everything else is skipped by the walks below. */
const indexedTypes = [
  "call",
  "assignment",
  "augmented_assignment",
  "for_statement",
  "if_statement",
  "elif_clause",
  "comparison_operator",
  "identifier",
  "attribute",
  "string",
];
const scopeTypes = new Set(["function_definition", "class_definition", "lambda"]);

interface Span {
  id: number;
  start: number;
  end: number;
}

/** An indexed node with what the index already read of it (no further wasm calls). */
export interface Indexed extends Span {
  node: Node;
  type: string;
  /** The innermost definition or lambda around the node, null at module level. */
  owner: Span | null;
}

/**
 * The file's interesting nodes in source order, with the definition each sits in. Built once
 * per tree with one `descendantsOfType` query: visiting every node through the wasm boundary
 * costs about ten times as much.
 */
function indexOf(tree: Tree): Indexed[] {
  const memo = treeMemo(tree);
  const cached = memo.get("index") as Indexed[] | undefined;
  if (cached) return cached;
  const nodes = tree.rootNode.descendantsOfType([...indexedTypes, ...scopeTypes]);
  const open: Span[] = [];
  const items: Indexed[] = [];
  for (const node of nodes) {
    if (!node) continue;
    const start = node.startIndex;
    while (open.length > 0 && open[open.length - 1]!.end <= start) open.pop();
    const owner = open[open.length - 1] ?? null;
    const item = { node, id: node.id, type: node.type, start, end: node.endIndex, owner };
    items.push(item);
    if (scopeTypes.has(item.type)) open.push(item);
  }
  memo.set("index", items);
  return items;
}

/** The index entries of one type, in source order, built on first use per tree. */
function indexOfType(tree: Tree, type: string): Indexed[] {
  const memo = treeMemo(tree);
  let byType = memo.get("indexByType") as Map<string, Indexed[]> | undefined;
  if (!byType) {
    byType = new Map();
    for (const item of indexOf(tree)) {
      const list = byType.get(item.type);
      if (list) list.push(item);
      else byType.set(item.type, [item]);
    }
    memo.set("indexByType", byType);
  }
  return byType.get(type) ?? [];
}

/**
 * The entries to scan for `node`: those of the one type asked for when there is one (the
 * common case: collectors walk a class many times, each for one kind of node), else all.
 */
function within(
  node: Node,
  types: readonly string[],
): { items: Indexed[]; from: number; end: number } {
  const items = types.length === 1 ? indexOfType(node.tree, types[0]!) : indexOf(node.tree);
  const start = node.startIndex;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  return { items, from: lo, end: node.endIndex };
}

/**
 * The nodes of the given types inside `node` (itself included) in source order, not
 * entering nested function or class definitions or lambdas.
 */
export function walkScope(
  node: Node,
  types: readonly string[],
  visit: (n: Node, item: Indexed) => void,
): void {
  const { items, from, end } = within(node, types);
  const wanted = new Set(types);
  for (let i = from; i < items.length && items[i]!.start < end; i++) {
    const item = items[i]!;
    if (item.end > end || !wanted.has(item.type)) continue;
    const owner = item.owner;
    const nested =
      owner && owner.id !== node.id && owner.start >= node.startIndex && owner.end <= end;
    if (!nested) visit(item.node, item);
  }
}

/**
 * The nodes of the given types inside `node` (itself included), nested definitions too. The
 * visitor also gets the node's index entry: its type and offsets cost no call into the tree.
 */
export function walkAll(
  node: Node,
  types: readonly string[],
  visit: (n: Node, item: Indexed) => void,
): void {
  const { items, from, end } = within(node, types);
  const wanted = new Set(types);
  for (let i = from; i < items.length && items[i]!.start < end; i++) {
    const item = items[i]!;
    if (item.end <= end && wanted.has(item.type)) visit(item.node, item);
  }
}

/**
 * Every function or class definition (or lambda) of the tree, as the given types, in source
 * order: read from the index instead of another whole-tree query.
 */
export function definitionsOf(tree: Tree, types: readonly string[]): Indexed[] {
  const wanted = new Set(types);
  return indexOf(tree).filter((item) => wanted.has(item.type));
}

const viewSuffixes = [".data", ".T", ".mT", ".detach()"];

/**
 * An expression as an access path with views stripped: `self.w.data[:, 0]` and `self.w.T`
 * both read `self.w`, so an in-place init through a view counts for the parameter.
 */
export function accessPath(node: Node | null): string {
  if (!node) return "";
  let text = node.text.replace(/\s+/g, "");
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of viewSuffixes) {
      if (text.endsWith(suffix)) {
        text = text.slice(0, -suffix.length);
        changed = true;
      }
    }
    if (text.endsWith("]")) {
      const open = matchingBracket(text);
      if (open > 0) {
        text = text.slice(0, open);
        changed = true;
      }
    }
  }
  return text;
}

function matchingBracket(text: string): number {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === "]") depth++;
    if (text[i] === "[" && --depth === 0) return i;
  }
  return -1;
}

/** True when `path` is `base` or lies under it (`self.a.b` under `self.a`, `self.l[0]` too). */
export function isUnder(path: string, base: string): boolean {
  if (path === base) return true;
  return path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}

/** A call's anatomy: callee, positional arguments and keyword arguments by name. */
export interface CallParts {
  callee: Node;
  positional: Node[];
  keywords: Map<string, Node>;
}

/** Splits a `call` node; null for anything else (a generator call has no argument list). */
export function callParts(node: Node): CallParts | null {
  const memo = treeMemo(node.tree);
  let cache = memo.get("callParts") as Map<number, CallParts | null> | undefined;
  if (!cache) memo.set("callParts", (cache = new Map()));
  const hit = cache.get(node.id);
  if (hit !== undefined) return hit;
  const parts = splitCall(node);
  cache.set(node.id, parts);
  return parts;
}

function splitCall(node: Node): CallParts | null {
  if (node.type !== "call") return null;
  const callee = node.childForFieldName("function");
  const args = node.childForFieldName("arguments");
  if (!callee || !args || args.type !== "argument_list") return null;
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const arg of kids(args)) {
    if (arg.type === "keyword_argument") {
      const name = arg.childForFieldName("name");
      const value = arg.childForFieldName("value");
      if (name && value) keywords.set(name.text, value);
    } else if (arg.type !== "comment") {
      positional.push(arg);
    }
  }
  return { callee, positional, keywords };
}

/** The last name of a callee: `fill_` for `self.w.data.fill_`, `Linear` for `nn.Linear`. */
export function lastName(callee: Node): string {
  if (callee.type === "identifier") return callee.text;
  if (callee.type === "attribute") return callee.childForFieldName("attribute")?.text ?? "";
  return "";
}

/** The object of an attribute callee (`self.w.data` for `self.w.data.fill_`), else null. */
export function calleeObject(callee: Node): Node | null {
  return callee.type === "attribute" ? callee.childForFieldName("object") : null;
}

/** The nearest ancestor of one of the types, stopping at function and class definitions. */
export function enclosing(node: Node, types: string[]): Node | null {
  for (let n = node.parent; n; n = n.parent) {
    if (types.includes(n.type)) return n;
    if (n.type === "function_definition" || n.type === "class_definition") return null;
  }
  return null;
}

/** The statement a node belongs to: the direct child of a block or the module. */
export function statementOf(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== "block" && n.parent.type !== "module") n = n.parent;
  return n;
}

/** The leading whitespace of the line a node starts on. */
export function indentOf(text: string, node: Node): string {
  const lineStart = text.lastIndexOf("\n", node.startIndex - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart));
  return match ? match[0] : "";
}

/** The unquoted content of a string literal node, or null when it is not a plain string. */
export function stringValue(node: Node | null): string | null {
  if (!node || node.type !== "string") return null;
  const content = kids(node).filter((c) => c.type === "string_content");
  if (kids(node).some((c) => c.type === "interpolation")) return null;
  return content.map((c) => c.text).join("");
}
