/**
 * One pass over a Python file for the PyTorch front end: its classes (with bases, methods
 * and class-level constants), its module-level functions, and every `nn.init` and
 * `calculate_gain` call. Everything later looks things up here instead of rescanning.
 */
import type { SyntaxNode as Node, SyntaxTree as Tree } from "../syntax-node";
import { type ImportTable, qualify } from "../imports";
import { deprecatedInits } from "./init-names";
import { named, field } from "./syntax";

/** Init names that do not end in an underscore: the deprecated ones and calculate_gain. */
const knownInitNames = new Set([...Object.keys(deprecatedInits), "calculate_gain"]);

/** A class defined in the file. */
export interface ClassInfo {
  name: string;
  node: Node;
  nameNode: Node;
  /** Base class expressions as written. */
  bases: Node[];
  methods: Map<string, Node>;
  /** Class-level `NAME = value` statements, evaluated lazily by the interpreter. */
  constants: Node[];
}

/** What the front end knows about the file's layout. */
export interface FileIndex {
  classes: Map<string, ClassInfo>;
  functions: Map<string, Node>;
  /** Top-level statements, in order (module constants, Sequentials, `model.apply`). */
  statements: Node[];
  initCalls: { node: Node; name: string }[];
  gainCalls: Node[];
}

function functionOf(node: Node): Node | null {
  if (node.type === "function_definition") return node;
  if (node.type === "decorated_definition") return field(node, "definition");
  return null;
}

function readClass(node: Node): ClassInfo | null {
  const nameNode = field(node, "name");
  const body = field(node, "body");
  if (!nameNode || !body) return null;
  const supers = field(node, "superclasses");
  const bases = supers ? named(supers).filter((b) => b.type !== "keyword_argument") : [];
  const info: ClassInfo = {
    name: nameNode.text,
    node,
    nameNode,
    bases,
    methods: new Map(),
    constants: [],
  };
  for (const statement of named(body)) {
    const fn = functionOf(statement);
    const fnName = fn?.childForFieldName("name")?.text;
    if (fn && fnName) info.methods.set(fnName, fn);
    else if (statement.type === "expression_statement") info.constants.push(statement);
  }
  return info;
}

function collectTopLevel(block: Node, index: FileIndex, depth: number): void {
  for (const statement of named(block)) {
    if (statement.type === "ERROR") continue;
    index.statements.push(statement);
    const fn = functionOf(statement);
    const fnName = fn?.childForFieldName("name")?.text;
    if (fn && fnName) {
      index.functions.set(fnName, fn);
      continue;
    }
    const cls =
      statement.type === "decorated_definition" ? field(statement, "definition") : statement;
    if (cls?.type === "class_definition") {
      const info = readClass(cls);
      if (info && !index.classes.has(info.name)) index.classes.set(info.name, info);
      continue;
    }
    // Models defined under `if`, `try` or `with` at module level still count.
    if (
      depth < 4 &&
      ["if_statement", "try_statement", "with_statement"].includes(statement.type)
    ) {
      for (const child of named(statement)) {
        if (child.type === "block") collectTopLevel(child, index, depth + 1);
        for (const inner of named(child))
          if (inner.type === "block") collectTopLevel(inner, index, depth + 1);
      }
    }
  }
}

function collectCalls(tree: Tree, imports: ImportTable, index: FileIndex): void {
  const initPrefix = "torch.nn.init.";
  // One query for every call beats walking every node from JavaScript; most callees are
  // then rejected by their last name before the import table is consulted.
  for (const node of tree.rootNode.descendantsOfType("call")) {
    const callee = node ? field(node, "function") : null;
    if (!node || !callee) continue;
    const isAttribute = callee.type === "attribute";
    const last = isAttribute ? field(callee, "attribute")?.text : callee.text;
    if (!last || last.startsWith("_")) continue;
    const onInit = isAttribute && (field(callee, "object")?.text.endsWith("init") ?? false);
    if (!onInit && !last.endsWith("_") && !knownInitNames.has(last)) continue;
    const qualified = qualify(callee, imports);
    if (qualified === `${initPrefix}calculate_gain`) index.gainCalls.push(node);
    else if (
      qualified?.startsWith(initPrefix) &&
      !qualified.slice(initPrefix.length).includes(".")
    ) {
      index.initCalls.push({ node, name: last });
    }
  }
}

/** Indexes a parsed file in one walk of its tree plus one pass over its top level. */
export function indexFile(tree: Tree, imports: ImportTable): FileIndex {
  const index: FileIndex = {
    classes: new Map(),
    functions: new Map(),
    statements: [],
    initCalls: [],
    gainCalls: [],
  };
  collectTopLevel(tree.rootNode, index, 0);
  collectCalls(tree, imports, index);
  return index;
}
