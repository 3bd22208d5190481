/**
 * What makes a file a training script (a `__main__` guard, a backward pass or optimizer
 * step, a `fit`) and which seeds it sets. numpy's and Python's `random` seeds are left out on
 * purpose: they do not seed torch or TensorFlow.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import { qualify, type ImportTable } from "../imports";
import { callParts, calleeObject, kids, lastName, rangeOf, walkAll } from "./syntax";
import type { ScriptFacts } from "./types";

const notFrameworkSeeds = new Set(["numpy.random.seed", "random.seed", "random.Random"]);

function isMainGuard(node: Node): boolean {
  if (node.type !== "if_statement") return false;
  const condition = node.childForFieldName("condition")?.text.replace(/\s+/g, "") ?? "";
  return /__name__==["']__main__["']|["']__main__["']==__name__/.test(condition);
}

function isTrainingStep(parts: NonNullable<ReturnType<typeof callParts>>): boolean {
  const name = lastName(parts.callee);
  const object = calleeObject(parts.callee)?.text ?? "";
  if (name === "backward" && parts.positional.length <= 1) return object !== "";
  if (name === "step") return /optim|opt(_|\b)|optimizer/i.test(object);
  return (name === "fit" || name === "train_on_batch") && object !== "";
}

function isSeed(call: Node, imports: ImportTable): boolean {
  const parts = callParts(call);
  if (!parts) return false;
  const name = lastName(parts.callee);
  const q = qualify(parts.callee, imports) ?? parts.callee.text;
  if (notFrameworkSeeds.has(q)) return false;
  return /seed/i.test(name) && !/^get_?seed|initial_seed$/i.test(name);
}

/** Collects the script markers and seed calls of a file. */
export function collectScriptFacts(root: Node, imports: ImportTable): ScriptFacts {
  const mainGuard = kids(root).find(isMainGuard) ?? null;
  let trainingStep: Node | null = null;
  const seeds: string[] = [];
  walkAll(root, ["call"], (n, { type }) => {
    if (type !== "call") return;
    const parts = callParts(n);
    if (!parts) return;
    if (!trainingStep && isTrainingStep(parts)) trainingStep = n;
    if (isSeed(n, imports)) seeds.push(parts.callee.text);
  });
  return {
    mainGuard: mainGuard ? rangeOf(mainGuard) : null,
    trainingStep: trainingStep ? rangeOf(trainingStep) : null,
    seeds,
  };
}
