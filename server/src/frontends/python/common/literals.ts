/**
 * Evaluates the small literal expressions that model code uses for sizes and initializer
 * arguments: numbers, arithmetic on them, strings, booleans, tuples, and names bound to such
 * literals in a scope (module constants, constructor parameter defaults, dataclass fields).
 * Anything else evaluates to `null`: unknown stays unknown.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Dim } from "../../../model/types";

/** Names visible at a point, bound to the expression that gives their value. */
export type Scope = Map<string, Node>;

const maxDepth = 20;

function binary(op: string, a: number, b: number): number | null {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return b === 0 ? null : a / b;
    case "//":
      return b === 0 ? null : Math.floor(a / b);
    case "**":
      return a ** b;
    default:
      return null;
  }
}

function lookup(node: Node, scope: Scope | undefined): Node | null {
  if (!scope) return null;
  return scope.get(node.text.replace(/\s+/g, "")) ?? null;
}

function numberAt(node: Node | null, scope: Scope | undefined, depth: number): number | null {
  if (!node || depth > maxDepth) return null;
  switch (node.type) {
    case "integer": {
      const value = Number(node.text.replace(/_/g, ""));
      return Number.isFinite(value) ? value : null;
    }
    case "float": {
      const value = Number(node.text.replace(/_/g, ""));
      return Number.isFinite(value) ? value : null;
    }
    case "parenthesized_expression":
      return numberAt(node.namedChildren[0] ?? null, scope, depth + 1);
    case "unary_operator": {
      const operand = numberAt(node.childForFieldName("argument"), scope, depth + 1);
      const op = node.childForFieldName("operator")?.text;
      if (operand === null) return null;
      return op === "-" ? -operand : op === "+" ? operand : null;
    }
    case "binary_operator": {
      const a = numberAt(node.childForFieldName("left"), scope, depth + 1);
      const b = numberAt(node.childForFieldName("right"), scope, depth + 1);
      const op = node.childForFieldName("operator")?.text ?? "";
      return a === null || b === null ? null : binary(op, a, b);
    }
    case "identifier":
    case "attribute":
      return numberAt(lookup(node, scope), scope, depth + 1);
    default:
      return null;
  }
}

/** The numeric value of an expression, or null. */
export function evalNumber(node: Node | null, scope?: Scope): number | null {
  return numberAt(node, scope, 0);
}

/** A non-negative integer dimension, or null when it is not a literal integer. */
export function evalDim(node: Node | null, scope?: Scope): Dim {
  const value = evalNumber(node, scope);
  return value !== null && Number.isInteger(value) && value >= 0 ? value : null;
}

function stringAt(node: Node | null, scope: Scope | undefined, depth: number): string | null {
  if (!node || depth > maxDepth) return null;
  if (node.type === "identifier" || node.type === "attribute") {
    return stringAt(lookup(node, scope), scope, depth + 1);
  }
  if (node.type === "parenthesized_expression") {
    return stringAt(node.namedChildren[0] ?? null, scope, depth + 1);
  }
  if (node.type !== "string") return null;
  let value = "";
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === "interpolation") return null;
    if (child.type === "string_content") value += child.text;
    if (child.type === "escape_sequence") return null;
  }
  return value;
}

/** The value of a plain string literal (no f-string interpolation, no escapes), or null. */
export function evalString(node: Node | null, scope?: Scope): string | null {
  return stringAt(node, scope, 0);
}

/** `True` / `False`, or null. */
export function evalBool(node: Node | null, scope?: Scope): boolean | null {
  if (!node) return null;
  if (node.type === "true") return true;
  if (node.type === "false") return false;
  if (node.type === "identifier") {
    const bound = lookup(node, scope);
    return bound && bound !== node ? evalBool(bound, undefined) : null;
  }
  return null;
}

/** True for a literal `None`. */
export function isNone(node: Node | null): boolean {
  return node?.type === "none";
}

/**
 * The dims of a tuple or list of integers, or `repeat` copies of a single integer (Keras and
 * Flax accept `kernel_size=3` for `(3, 3)`). Null when not literal.
 */
export function evalDims(node: Node | null, scope?: Scope, repeat?: number): Dim[] | null {
  if (!node) return null;
  let target: Node | null = node;
  if (target.type === "identifier" || target.type === "attribute") {
    target = lookup(target, scope) ?? target;
  }
  if (target.type === "tuple" || target.type === "list") {
    return target.namedChildren
      .filter((c) => c && c.type !== "comment")
      .map((c) => evalDim(c, scope));
  }
  const single = evalDim(target, scope);
  if (single === null && target.type !== "integer") return null;
  return Array.from({ length: repeat ?? 1 }, () => single);
}

/** The quote character a string literal uses, to write new strings in the file's style. */
export function quoteOf(node: Node): '"' | "'" | null {
  const match = /^[rRbBuUfF]*(['"])/.exec(node.text);
  return match ? (match[1] as '"' | "'") : null;
}
