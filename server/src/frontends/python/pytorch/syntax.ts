/**
 * Small helpers over tree-sitter nodes shared by the PyTorch front end: ranges in LSP form,
 * a call's arguments split into positional and keyword nodes, and the statement and
 * indentation around a node (for where a fix adds a line).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { CallSite, Position, Range } from "../../../model/types";

/** The node's extent as an LSP range (tree-sitter columns are UTF-16 units in the web build). */
export function toRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

// Function bodies are read once per instantiation and forward() once per use, so child
// lookups repeat; each crosses into wasm, so they are cached per node for one extraction.
let namedCache = new Map<number, readonly Node[]>();
let fieldCache = new Map<string, Map<number, Node | null>>();

/**
 * Drops the child caches; called when an extraction starts and ends. New maps rather than
 * `clear()`: a cleared map's old table stays linked to the new one, which kept every
 * extraction's nodes alive through minor collections and made each of them slow.
 */
export function resetSyntaxCache(): void {
  namedCache = new Map();
  fieldCache = new Map();
}

/** The named children of a node, comments left out (shared: never mutate the array). */
export function named(node: Node): readonly Node[] {
  let children = namedCache.get(node.id);
  if (!children) {
    children = node.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment");
    namedCache.set(node.id, children);
  }
  return children;
}

/** `node.childForFieldName(name)`, cached. */
export function field(node: Node, name: string): Node | null {
  let byNode = fieldCache.get(name);
  if (!byNode) {
    byNode = new Map();
    fieldCache.set(name, byNode);
  }
  let child = byNode.get(node.id);
  if (child === undefined) {
    child = node.childForFieldName(name);
    byNode.set(node.id, child);
  }
  return child;
}

/** A call's argument nodes: positional (splats included) and keyword value nodes by name. */
export interface CallArgs {
  positional: Node[];
  keywords: Map<string, Node>;
  /** Whole `name=value` nodes by name, for call-site ranges. */
  keywordNodes: Map<string, Node>;
}

/** Splits the arguments of a `call` node. */
export function callArgs(call: Node): CallArgs {
  const out: CallArgs = { positional: [], keywords: new Map(), keywordNodes: new Map() };
  const list = field(call, "arguments");
  if (!list || list.type !== "argument_list") return out;
  for (const arg of named(list)) {
    if (arg.type === "keyword_argument") {
      const name = field(arg, "name");
      const value = field(arg, "value");
      if (name && value) {
        out.keywords.set(name.text, value);
        out.keywordNodes.set(name.text, arg);
      }
    } else {
      out.positional.push(arg);
    }
  }
  return out;
}

/** The call-site description of a constructor call. */
export function callSite(call: Node): CallSite {
  const list = field(call, "arguments");
  const range = toRange(call);
  const argsRange: Range = list
    ? {
        start: { line: list.startPosition.row, character: list.startPosition.column + 1 },
        end: {
          line: list.endPosition.row,
          character: Math.max(0, list.endPosition.column - 1),
        },
      }
    : range;
  const keywords: CallSite["keywords"] = {};
  for (const [name, node] of callArgs(call).keywordNodes) {
    const value = field(node, "value") ?? node;
    keywords[name] = { range: toRange(node), valueRange: toRange(value) };
  }
  return { range, argsRange, keywords };
}

/** The innermost statement (a direct child of a block or the module) containing the node. */
export function statementOf(node: Node): Node {
  let current = node;
  for (let depth = 0; depth < 200; depth++) {
    const parent = current.parent;
    if (!parent || parent.type === "block" || parent.type === "module") return current;
    current = parent;
  }
  return current;
}

/** The leading whitespace of the line a node starts on. */
export function indentOf(text: string, node: Node): string {
  const lineStart = node.startIndex - node.startPosition.column;
  let end = lineStart;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  return text.slice(lineStart, end);
}

/** Where a line added after the statement goes: the start of the next line. */
export function afterStatement(statement: Node): Position {
  return { line: statement.endPosition.row + 1, character: 0 };
}

/** The callee of a call as written, without whitespace (`nn.init.normal_`). */
export function calleeText(call: Node): string {
  return (field(call, "function")?.text ?? "").replace(/\s+/g, "");
}
