/**
 * IL005 init-never-applied: an init function that nothing calls or passes to `apply()`, and
 * an `apply(fn)` whose isinstance filter matches no module the model can contain. Either way
 * the model silently keeps the framework's default initialization.
 */
import {
  torchFacts,
  type FunctionFact,
  type ScopeEvent,
  type TorchFacts,
} from "../frontends/python/facts";
import { isinstanceMatches } from "../frontends/python/facts/queries";
import {
  classChainOf,
  eventsIn,
  factIndex,
  hasForeignBaseOf,
  methodOfClass,
  moduleFunction,
  reachableMethodsOf,
  subtreeTypesOf,
} from "./fact-index";
import type { Finding, Rule } from "./types";

/** A public function or method in a file that is not a script may be called from elsewhere. */
function mayBeImported(facts: TorchFacts, fn: FunctionFact): boolean {
  return !isScript(facts) && !fn.name.startsWith("_");
}

function isScript(facts: TorchFacts): boolean {
  return facts.script.mainGuard !== null || facts.script.trainingStep !== null;
}

/** True when the class initialises something from its constructor by other means. */
function initialisesOtherwise(facts: TorchFacts, className: string): boolean {
  const reachable = reachableMethodsOf(facts, className);
  const chain = new Set(classChainOf(facts, className).map((c) => c.name));
  return factIndex(facts).initEvents.some(
    (e) =>
      e.kind === "init" &&
      e.className !== null &&
      chain.has(e.className) &&
      reachable.has(e.scope.split(".").pop() ?? ""),
  );
}

function unused(facts: TorchFacts, fn: FunctionFact): boolean {
  if (!fn.initReason || fn.nested || factIndex(facts).names.has(fn.name)) return false;
  if (mayBeImported(facts, fn)) return false;
  if (!fn.className) return true;
  // A base class from a library (nn.Linear, a pretrained-model base) may call the method.
  if (hasForeignBaseOf(facts, classChainOf(facts, fn.className))) return false;
  // In a library, a spare init method beside a working init is kept for outside callers.
  return isScript(facts) || !initialisesOtherwise(facts, fn.className);
}

function neverApplied(fn: FunctionFact): Finding {
  const how = fn.className ? `self.${fn.name}` : fn.name;
  return {
    code: "IL005",
    severity: "warning",
    message:
      `${how} looks like an init function but is never called or passed to apply(): ` +
      "the model keeps its default initialization.",
    range: fn.nameRange,
    fixes: [],
    subject: fn.className ? { modelId: fn.className } : {},
  };
}

/** The function an `apply(...)` passes, when it is defined in this file. */
function appliedFunction(facts: TorchFacts, e: ScopeEvent): FunctionFact | null {
  const fn = e.fn ?? "";
  if (fn.startsWith("self.") && e.className)
    return methodOfClass(facts, e.className, fn.slice(5));
  return moduleFunction(facts, fn);
}

const containers = /^torch\.nn\.(Sequential|ModuleList|ModuleDict)$/;

/** The module type an apply target holds: the class for `self`, a constructed variable. */
function targetType(facts: TorchFacts, e: ScopeEvent): string | null {
  if (e.target === "self") return e.className;
  if (e.target.startsWith("self.") && e.className) {
    const attr = e.target.slice(5);
    const type = classChainOf(facts, e.className).find((c) => c.attrTypes[attr])?.attrTypes[
      attr
    ];
    // A container's contents are its call's arguments, not tracked per attribute.
    return type && !containers.test(type) ? type : null;
  }
  const built = eventsIn(facts, e.scope).filter(
    (b) => b.kind === "construct" && b.target === e.target,
  );
  const last = built.filter((b) => b.range.start.line <= e.range.start.line).pop();
  return last?.callee ?? null;
}

function filterMisses(facts: TorchFacts, e: ScopeEvent): Finding | null {
  const fn = appliedFunction(facts, e);
  if (!fn || !fn.filterOnly) return null;
  const root = targetType(facts, e);
  if (!root) return null;
  const local = factIndex(facts).localClasses;
  const testable = fn.isinstanceTypes.every((t) => t.startsWith("torch.nn.") || local.has(t));
  if (!testable) return null;
  const subtree = subtreeTypesOf(facts, root);
  if (subtree.unknown) return null;
  const hit = fn.isinstanceTypes.some((t) =>
    [...subtree.types].some((a) => isinstanceMatches(t, a)),
  );
  if (hit) return null;
  const short = (t: string) => t.split(".").pop() ?? t;
  const holds = [...subtree.types].filter((t) => t.startsWith("torch.nn.")).map(short);
  return {
    code: "IL005",
    severity: "warning",
    message:
      `apply(${e.fn}) changes nothing: it only handles ${fn.isinstanceTypes.map(short).join(", ")}, ` +
      `and ${short(root)} holds ${holds.length > 0 ? holds.join(", ") : "no torch.nn layers"}.`,
    range: e.range,
    fixes: [],
    related: [{ range: fn.nameRange, message: `${fn.name} filters with isinstance here` }],
    subject: { modelId: short(root) },
  };
}

/** IL005: init functions never applied, or applied with a filter that matches nothing. */
export const initNeverApplied: Rule = {
  meta: {
    code: "IL005",
    name: "init-never-applied",
    summary: "An init function is never called, or apply(fn) filters out every module.",
    defaultSeverity: "warning",
    frameworks: ["pytorch"],
    fixable: false,
  },
  check(ctx) {
    const facts = torchFacts(ctx.file);
    if (!facts) return [];
    const findings = facts.functions.filter((f) => unused(facts, f)).map(neverApplied);
    for (const e of facts.events) {
      if (e.kind !== "init" || e.initKind !== "apply") continue;
      const miss = filterMisses(facts, e);
      if (miss) findings.push(miss);
    }
    return findings;
  },
};
