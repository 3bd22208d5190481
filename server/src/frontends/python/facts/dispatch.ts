/**
 * Facts about how init functions pick their targets: class-name substring tests
 * (`classname.find("Conv") != -1`, `"Conv" in classname`), `hasattr(m, "bias")` guards with
 * no `None` check, and the recurrent-specific shapes IL007 needs (per-gate orthogonal init,
 * forget-gate bias slices).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { ImportTable } from "../imports";
import { initOpOfAssignment, initOpOfCall } from "./init-ops";
import {
  callParts,
  calleeObject,
  kids,
  lastName,
  rangeOf,
  stringValue,
  walkAll,
} from "./syntax";
import type { ClassNameTest, HasattrBias } from "./types";

/** True for `m.__class__.__name__`, `type(m).__name__` or a variable holding one. */
function isClassName(node: Node, holders: Set<string>): boolean {
  const text = node.text.replace(/\s+/g, "");
  return text.endsWith(".__name__") || holders.has(text);
}

function enclosingFunction(node: Node): string | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "function_definition") return n.childForFieldName("name")?.text ?? null;
  }
  return null;
}

/** Every class-name substring test in the file. */
export function classNameTests(root: Node): ClassNameTest[] {
  const holders = new Set<string>();
  walkAll(root, ["assignment"], (n) => {
    const right = n.childForFieldName("right");
    const left = n.childForFieldName("left");
    if (left?.type === "identifier" && right?.text.replace(/\s+/g, "").endsWith(".__name__")) {
      holders.add(left.text);
    }
  });

  const tests: ClassNameTest[] = [];
  walkAll(root, ["call", "comparison_operator"], (n) => {
    const found = substringTest(n, holders);
    if (found) tests.push({ ...found, range: rangeOf(n), functionName: enclosingFunction(n) });
  });
  return tests;
}

function substringTest(
  n: Node,
  holders: Set<string>,
): { substring: string; mode: "contains" | "prefix" } | null {
  if (n.type === "call") {
    const parts = callParts(n);
    const object = parts ? calleeObject(parts.callee) : null;
    if (!parts || !object || !isClassName(object, holders)) return null;
    const name = lastName(parts.callee);
    const s = stringValue(parts.positional[0] ?? null);
    if (s === null) return null;
    if (name === "startswith") return { substring: s, mode: "prefix" };
    const inComparison = n.parent?.type === "comparison_operator";
    return name === "find" && inComparison ? { substring: s, mode: "contains" } : null;
  }
  if (n.type !== "comparison_operator") return null;
  const operands = kids(n);
  const operators = n.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
  if (operands.length !== 2 || operators.join(" ") !== "in") return null;
  const s = stringValue(operands[0]!);
  return s !== null && isClassName(operands[1]!, holders)
    ? { substring: s, mode: "contains" }
    : null;
}

/** `if hasattr(m, "bias"): init(m.bias)` with no `m.bias is not None` anywhere on the way. */
export function hasattrBiasGuards(root: Node, imports: ImportTable): HasattrBias[] {
  const found: HasattrBias[] = [];
  walkAll(root, ["if_statement", "elif_clause"], (n) => {
    const condition = n.childForFieldName("condition");
    const body = n.childForFieldName("consequence");
    if (!condition || !body) return;
    walkAll(condition, ["call"], (c) => {
      const parts = callParts(c);
      if (parts?.callee.text !== "hasattr") return;
      if (stringValue(parts.positional[1] ?? null) !== "bias") return;
      const object = parts.positional[0]!.text;
      const checked = new RegExp(`${escape(object)}\\.bias\\b`).test(condition.text);
      if (checked) return;
      const init = unguardedBiasInit(body, object, imports);
      if (init) found.push({ range: rangeOf(c), object, initRange: rangeOf(init) });
    });
  });
  return found;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The first init on `object.bias` in `body` not under its own `None` check. */
function unguardedBiasInit(body: Node, object: string, imports: ImportTable): Node | null {
  let hit: Node | null = null;
  walkAll(body, ["call", "assignment", "augmented_assignment"], (n, { type }) => {
    if (hit) return;
    const op = type === "call" ? initOpOfCall(n, imports) : initOpOfAssignment(n);
    if (!op || op.target !== `${object}.bias`) return;
    if (!noneChecked(n, body, object)) hit = n;
  });
  return hit;
}

function noneChecked(node: Node, stop: Node, object: string): boolean {
  const pattern = new RegExp(`${escape(object)}\\.bias\\s+is\\s+(not\\s+)?None`);
  for (let n = node.parent; n && n.id !== stop.id; n = n.parent) {
    const condition = n.type === "if_statement" ? n.childForFieldName("condition") : null;
    if (condition && pattern.test(condition.text)) return true;
  }
  return false;
}

/** `orthogonal_` applied to one gate block: a slice, a chunk or a split of the weight. */
export function chunkedOrthogonal(root: Node, imports: ImportTable): Node[] {
  const found: Node[] = [];
  walkAll(root, ["call"], (n, { type }) => {
    const op = type === "call" ? initOpOfCall(n, imports) : null;
    if (!op || op.kind !== "call" || !/orthogonal/.test(op.spelled)) return;
    const arg = callParts(n)!.positional[0];
    const loop = enclosingLoopSource(n);
    if (/\[|chunk|split/.test(arg?.text ?? "") || /chunk|split/.test(loop)) found.push(n);
  });
  return found;
}

function enclosingLoopSource(node: Node): string {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "function_definition") return "";
    if (n.type === "for_statement") return n.childForFieldName("right")?.text ?? "";
  }
  return "";
}

/** A value set on a slice or chunk of a bias tensor: how forget-gate biases are written. */
export function forgetBiasSets(root: Node, imports: ImportTable): Node[] {
  const found: Node[] = [];
  walkAll(root, ["call", "assignment", "augmented_assignment"], (n, { type }) => {
    const op = type === "call" ? initOpOfCall(n, imports) : initOpOfAssignment(n);
    if (!op || op.kind === "apply" || op.kind === "reset" || op.kind === "loop") return;
    const written =
      type === "call" ? writtenTensor(n, op.kind) : n.childForFieldName("left")?.text;
    if (!written || !/\[|chunk/.test(written)) return;
    if (/bias/.test(contextText(n))) found.push(n);
  });
  return found;
}

function writtenTensor(call: Node, kind: string): string {
  const parts = callParts(call)!;
  if (kind === "call") return parts.positional[0]?.text ?? "";
  return calleeObject(parts.callee)?.text ?? "";
}

/** The enclosing loop or function text, where a forget-bias write names its tensor. */
function contextText(node: Node): string {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "for_statement" || n.type === "function_definition") return n.text;
  }
  return node.text;
}
