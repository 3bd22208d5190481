/**
 * The literal scope at a point of a Keras file: module constants, then the enclosing
 * function's parameter defaults and assignments (and, inside a method, its class's `__init__`).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Scope } from "../common/literals";
import { functionScope } from "../common/syntax";

/** The nearest enclosing function definition, or null at module level. */
export function enclosingFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "function_definition") return p;
  }
  return null;
}

/** The scope a node sees. */
export function scopeAt(node: Node, module: Scope): Scope {
  const fn = enclosingFunction(node);
  if (!fn) return module;
  const outer = scopeAt(fn, module);
  return functionScope(outer, fn.childForFieldName("parameters"), fn.childForFieldName("body"));
}

/** The block a node's statements run in: the enclosing function's body or the module. */
export function enclosingBlock(node: Node): Node {
  const fn = enclosingFunction(node);
  if (fn) return fn.childForFieldName("body") ?? fn;
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}
