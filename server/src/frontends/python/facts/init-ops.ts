/**
 * Recognises the statements that set a tensor's values: `nn.init.*` calls, in-place tensor
 * methods (`w.data.normal_()`), init-style helpers (`trunc_normal_(w)`), assignments through
 * a view (`w.data = ...`, `w[:] = ...`), and module-level inits (`m.apply(fn)`,
 * `m.reset_parameters()`). Shared by every collector so they agree on what "initialised" is.
 */
import { treeMemo, type SyntaxNode as Node } from "../syntax-node";
import { qualify, type ImportTable } from "../imports";
import { accessPath, callParts, calleeObject, lastName, walkScope } from "./syntax";
import type { InitKind } from "./types";

/** Tensor methods that overwrite values in place. */
const inplaceMethods = new Set([
  "normal_",
  "uniform_",
  "fill_",
  "zero_",
  "copy_",
  "bernoulli_",
  "exponential_",
  "geometric_",
  "log_normal_",
  "cauchy_",
  "random_",
  "fill_diagonal_",
]);

/** Method names on a module that (re)initialise it. */
export const moduleInitMethod =
  /^_?(reset_(parameters|params|weights)|init_(weights?|params|parameters)|initiali[sz]e(_weights|_parameters|_params)?|weights?_init)$/;

/** An init found at a call node: what it does and what it targets. */
export interface InitOp {
  kind: InitKind;
  target: string;
  /** The callee as written. */
  spelled: string;
  /** For `apply(fn)`: the function passed, as written. */
  fn?: string;
}

/** True when a callee name looks like an init helper: `trunc_normal_`, `lecun_normal_`. */
function initHelperName(name: string): boolean {
  if (/init/i.test(name) && !/^__/.test(name)) return true;
  return name.endsWith("_") && !name.startsWith("_") && /normal|uniform|orthogonal/.test(name);
}

/** Classifies a call node as an init, or null; cached per tree, as every collector asks. */
export function initOpOfCall(node: Node, imports: ImportTable): InitOp | null {
  const memo = treeMemo(node.tree);
  let cache = memo.get("initOps") as Map<number, InitOp | null> | undefined;
  if (!cache) memo.set("initOps", (cache = new Map()));
  const hit = cache.get(node.id);
  if (hit !== undefined) return hit;
  const op = classifyInit(node, imports);
  cache.set(node.id, op);
  return op;
}

function classifyInit(node: Node, imports: ImportTable): InitOp | null {
  const parts = callParts(node);
  if (!parts) return null;
  const name = lastName(parts.callee);
  const spelled = parts.callee.text;
  const qualified = qualify(parts.callee, imports) ?? "";
  const first = parts.positional[0] ?? parts.keywords.get("tensor") ?? null;

  // A helper is a free function (`trunc_normal_(w)`); `w.normal_()` is a tensor method.
  const freeFunction = parts.callee.type === "identifier" || qualified !== "";
  if (qualified.startsWith("torch.nn.init.") || (freeFunction && initHelperName(name))) {
    if (!first) return null;
    return { kind: "call", target: accessPath(first), spelled };
  }
  const object = calleeObject(parts.callee);
  if (!object) return null;
  if (inplaceMethods.has(name) && object.type !== "call") {
    return { kind: "inplace", target: accessPath(object), spelled };
  }
  const fn = parts.positional[0];
  const inertLambda = fn?.type === "lambda" && !containsInit(fn, imports);
  if (name === "apply" && parts.positional.length === 1 && !inertLambda) {
    return {
      kind: "apply",
      target: accessPath(object),
      spelled,
      fn: parts.positional[0]!.text,
    };
  }
  if (moduleInitMethod.test(name) && object.text !== "super()") {
    return { kind: "reset", target: accessPath(object), spelled };
  }
  return null;
}

/**
 * An assignment that writes a tensor's values through a view (`self.w.data = t`,
 * `self.w[:] = t`, `self.w.data[0] = 1`), as an init on the stripped path; else null.
 */
export function initOpOfAssignment(node: Node): InitOp | null {
  if (node.type !== "assignment" && node.type !== "augmented_assignment") return null;
  const left = node.childForFieldName("left");
  if (!left) return null;
  const text = left.text.replace(/\s+/g, "");
  const throughView = text.endsWith(".data") || left.type === "subscript";
  if (!throughView) return null;
  return { kind: "assign", target: accessPath(left), spelled: left.text };
}

/** True when any init call or view assignment lies inside `node` (nested defs excluded). */
export function containsInit(node: Node, imports: ImportTable): boolean {
  let found = false;
  walkScope(node, ["call", "assignment", "augmented_assignment"], (n, { type }) => {
    if (found) return;
    if (type === "call" && initOpOfCall(n, imports)) found = true;
    else if (initOpOfAssignment(n)) found = true;
  });
  return found;
}
