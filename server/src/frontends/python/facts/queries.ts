/**
 * Questions rules ask of the torch facts: a class with its in-file ancestors, the methods
 * that run from its constructor, the module types a model's subtree can contain, and whether
 * an isinstance filter can match one of them.
 */
import type { ClassFact, FunctionFact, TorchFacts } from "./types";

/** The class and its ancestors defined in the same file, nearest first. */
export function classChain(facts: TorchFacts, name: string): ClassFact[] {
  const chain: ClassFact[] = [];
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.shift();
    const cls = facts.classes.find((c) => c.name === next);
    if (!cls || chain.includes(cls)) continue;
    chain.push(cls);
    queue.push(...cls.bases.map((b) => b.split(".").pop() ?? b));
  }
  return chain;
}

/** True when a base is neither `nn.Module` nor a class of this file: it may call methods. */
export function hasForeignBase(facts: TorchFacts, chain: ClassFact[]): boolean {
  const local = new Set(facts.classes.map((c) => c.name));
  return chain.some((c) =>
    c.bases.some((b) => b !== "torch.nn.Module" && b !== "object" && !local.has(b)),
  );
}

/** The method of a class (or its in-file ancestors) with that name. */
export function methodOf(
  facts: TorchFacts,
  className: string,
  name: string,
): FunctionFact | null {
  for (const cls of classChain(facts, className)) {
    const fn = facts.functions.find((f) => f.className === cls.name && f.name === name);
    if (fn) return fn;
  }
  return null;
}

/**
 * Method names that run when an instance is built or used: `__init__` and what it reaches
 * through `self.` references, names called on other objects, and `reset_parameters` when a
 * foreign base class (such as `nn.Linear`) may call it from its own constructor.
 */
export function reachableMethods(facts: TorchFacts, className: string, extra: string[] = []) {
  const chain = classChain(facts, className);
  const methods = new Set(chain.flatMap((c) => c.methods));
  const start = ["__init__", ...extra, ...facts.externalRefs.filter((r) => methods.has(r))];
  if (hasForeignBase(facts, chain)) start.push("reset_parameters", "_reset_parameters");
  const reached = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (reached.has(name)) continue;
    reached.add(name);
    const fn = methodOf(facts, className, name);
    if (fn) queue.push(...fn.selfRefs.filter((r) => methods.has(r)));
  }
  return reached;
}

/** The module types a subtree may hold: qualified torch names and in-file class names. */
export interface SubtreeTypes {
  types: Set<string>;
  /** Something in the subtree could not be classified: any type may be there. */
  unknown: boolean;
}

/** Everything an instance of an in-file class or a torch type may contain. */
export function subtreeTypes(facts: TorchFacts, root: string): SubtreeTypes {
  const types = new Set<string>();
  let unknown = false;
  const local = new Set(facts.classes.map((c) => c.name));
  const queue = [root];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (types.has(name)) continue;
    types.add(name);
    const cls = facts.classes.find((c) => c.name === name);
    if (!cls) {
      if (!name.startsWith("torch.nn.")) unknown = true;
      continue;
    }
    unknown ||= cls.unknownConstructs;
    for (const base of cls.bases) {
      if (base === "torch.nn.Module") continue;
      if (local.has(base) || base.startsWith("torch.nn.")) queue.push(base);
      else unknown = true;
    }
    queue.push(...cls.constructs);
  }
  return { types, unknown };
}

const abstractBases: Record<string, RegExp> = {
  _ConvNd: /^Conv/,
  _ConvTransposeNd: /^ConvTranspose/,
  _BatchNorm: /^(Sync)?BatchNorm/,
  _NormBase: /^((Sync)?BatchNorm|InstanceNorm)/,
  _InstanceNorm: /^InstanceNorm/,
  RNNBase: /^(RNN|LSTM|GRU)$/,
  Module: /./,
};

/** True when `isinstance(x, tested)` can hold for a module of type `actual`. */
export function isinstanceMatches(tested: string, actual: string): boolean {
  if (tested === actual) return true;
  const t = tested.split(".").pop() ?? tested;
  const a = actual.split(".").pop() ?? actual;
  const bothTorch = tested.startsWith("torch.nn.") && actual.startsWith("torch.nn.");
  if (bothTorch && t === a) return true;
  return tested.startsWith("torch.nn.") && (abstractBases[t]?.test(a) ?? false);
}
