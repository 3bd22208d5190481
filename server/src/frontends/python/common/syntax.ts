/**
 * Small readers over the tree-sitter Python syntax that every model extractor walks: classes
 * and their methods, statements of a block, simple assignments, and the scope of literal
 * bindings (module constants, parameter defaults, `self.x = x`) that size arguments refer to.
 */
import type { SyntaxNode as Node, SyntaxTree as Tree } from "../syntax-node";
import type { Scope } from "./literals";

/** A class with its base-class expressions and methods. */
export interface ClassInfo {
  node: Node;
  name: Node;
  bases: Node[];
  methods: Map<string, MethodInfo>;
}

/** A method with its decorators as written (`nn.compact`). */
export interface MethodInfo {
  node: Node;
  name: string;
  decorators: string[];
  params: Node;
  body: Node;
}

function present(nodes: readonly (Node | null)[]): Node[] {
  return nodes.filter((n): n is Node => n !== null && n.type !== "comment");
}

/** The named children of a node, without comments. */
export function childrenOf(node: Node | null): Node[] {
  return node ? present(node.namedChildren) : [];
}

function methodOf(node: Node): MethodInfo | null {
  const fn = node.type === "decorated_definition" ? node.childForFieldName("definition") : node;
  if (!fn || fn.type !== "function_definition") return null;
  const name = fn.childForFieldName("name");
  const params = fn.childForFieldName("parameters");
  const body = fn.childForFieldName("body");
  if (!name || !params || !body) return null;
  const decorators =
    node.type === "decorated_definition"
      ? childrenOf(node)
          .filter((c) => c.type === "decorator")
          .map((d) => d.text.replace(/^@\s*/, "").replace(/\s+/g, ""))
      : [];
  return { node: fn, name: name.text, decorators, params, body };
}

/** Every class definition in the file, at any depth. */
export function classesOf(tree: Tree): ClassInfo[] {
  const result: ClassInfo[] = [];
  for (const node of present(tree.rootNode.descendantsOfType("class_definition"))) {
    const name = node.childForFieldName("name");
    const body = node.childForFieldName("body");
    if (!name || !body) continue;
    const bases = childrenOf(node.childForFieldName("superclasses")).filter(
      (b) => b.type !== "keyword_argument",
    );
    const methods = new Map<string, MethodInfo>();
    for (const stmt of childrenOf(body)) {
      const method = methodOf(stmt);
      if (method) methods.set(method.name, method);
    }
    result.push({ node, name, bases, methods });
  }
  return result;
}

/** A plain `target = value` assignment (no augmented or chained forms). */
export interface Assignment {
  statement: Node;
  target: Node;
  value: Node;
}

/** The assignment a statement holds, or null. */
export function assignmentOf(statement: Node): Assignment | null {
  if (statement.type !== "expression_statement") return null;
  const expr = statement.namedChildren[0];
  if (!expr || expr.type !== "assignment") return null;
  const target = expr.childForFieldName("left");
  const value = expr.childForFieldName("right");
  if (!target || !value) return null;
  return { statement, target, value };
}

/** The expression of an expression statement that is not an assignment, or null. */
export function bareExpressionOf(statement: Node): Node | null {
  if (statement.type !== "expression_statement") return null;
  const expr = statement.namedChildren[0];
  return expr && expr.type !== "assignment" ? expr : null;
}

/** Every assignment in a block and its nested blocks (if, with, for, try), in source order. */
export function assignmentsIn(block: Node): Assignment[] {
  const result: Assignment[] = [];
  for (const node of present(block.descendantsOfType("expression_statement"))) {
    if (insideNestedFunction(node, block)) continue;
    const assignment = assignmentOf(node);
    if (assignment) result.push(assignment);
  }
  return result;
}

function insideNestedFunction(node: Node, block: Node): boolean {
  for (let p = node.parent; p && p.id !== block.id; p = p.parent) {
    if (p.type === "function_definition" || p.type === "class_definition") return true;
  }
  return false;
}

/** The statements of a block, flattening `if`/`with`/`try` bodies so straight-line flow reads. */
export function flatStatements(block: Node): Node[] {
  const result: Node[] = [];
  for (const stmt of childrenOf(block)) {
    if (["if_statement", "with_statement", "try_statement"].includes(stmt.type)) {
      const body =
        stmt.childForFieldName("body") ?? childrenOf(stmt).find((c) => c.type === "block");
      if (body) result.push(...flatStatements(body));
      continue;
    }
    result.push(stmt);
  }
  return result;
}

/** Parameter names of a function (without `self`) with their default value when given. */
export function parametersOf(
  params: Node,
): { name: string; node: Node; default: Node | null }[] {
  const result: { name: string; node: Node; default: Node | null }[] = [];
  for (const p of childrenOf(params)) {
    if (p.type === "identifier") result.push({ name: p.text, node: p, default: null });
    if (p.type === "default_parameter" || p.type === "typed_default_parameter") {
      const name = p.childForFieldName("name");
      const value = p.childForFieldName("value");
      if (name) result.push({ name: name.text, node: name, default: value });
    }
    if (p.type === "typed_parameter") {
      const name = childrenOf(p).find((c) => c.type === "identifier");
      if (name) result.push({ name: name.text, node: name, default: null });
    }
  }
  return result.filter((p) => p.name !== "self" && p.name !== "cls");
}

/** Module-level `NAME = value` bindings, the constants that size arguments often refer to. */
export function moduleScope(tree: Tree): Scope {
  const scope: Scope = new Map();
  for (const stmt of childrenOf(tree.rootNode)) {
    const assignment = assignmentOf(stmt);
    if (assignment && assignment.target.type === "identifier") {
      scope.set(assignment.target.text, assignment.value);
    }
  }
  return scope;
}

/**
 * The scope inside a function: the outer scope, parameter defaults, then every simple
 * assignment in the body (`self.units = units` binds `self.units`). The first binding of a
 * name in the body wins, because sizes are set once and then reused.
 */
export function functionScope(outer: Scope, params: Node | null, body: Node | null): Scope {
  const scope: Scope = new Map(outer);
  if (params) {
    for (const p of parametersOf(params)) {
      if (p.default) scope.set(p.name, p.default);
      else scope.delete(p.name);
    }
  }
  if (!body) return scope;
  const seen = new Set<string>();
  for (const a of assignmentsIn(body)) {
    const key = a.target.text.replace(/\s+/g, "");
    if (a.target.type !== "identifier" && a.target.type !== "attribute") continue;
    if (seen.has(key)) continue;
    seen.add(key);
    scope.set(key, a.value);
  }
  return scope;
}
