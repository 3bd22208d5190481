/**
 * IL010 eager-large-model-init: a model above `largeModelParams` parameters (counted from
 * the description's resolved shapes) built eagerly and then loaded or moved, which
 * initialises and allocates every weight once for nothing; and `to_empty()` with no
 * re-initialization after it, which leaves weights holding whatever memory held.
 */
import { torchFacts, type ScopeEvent, type TorchFacts } from "../frontends/python/facts";
import { isUnder } from "../frontends/python/facts/syntax";
import type { Model } from "../model/types";
import { eventsIn } from "./fact-index";
import type { Finding, Rule } from "./types";
import { memoOn } from "../text/memo";

/** A lower bound on a model's parameter count: the sum over fully resolved shapes. */
export function parameterCount(
  models: Model[],
  model: Model,
  seen = new Set<string>(),
): number {
  if (seen.has(model.id)) return 0;
  seen.add(model.id);
  let total = 0;
  for (const layer of model.layers) {
    const nested = layer.submodule ? mapsOf(models).byId.get(layer.submodule) : undefined;
    if (nested && layer.params.length === 0) {
      total += parameterCount(models, nested, seen);
      continue;
    }
    for (const p of layer.params) {
      const dims = p.shape;
      if (!dims || dims.some((d) => d === null)) continue;
      total += (dims as number[]).reduce((a, b) => a * b, 1);
    }
  }
  return total;
}

/** Events of `e`'s scope on later lines (a scope's events are all of that scope). */
function later(facts: TorchFacts, e: ScopeEvent): ScopeEvent[] {
  return eventsIn(facts, e.scope).filter((x) => x.range.start.line > e.range.start.line);
}

/** The first PyTorch model of each name, and each model by id (first wins, as `find`). */
function mapsOf(models: Model[]): { byName: Map<string, Model>; byId: Map<string, Model> } {
  return memoOn(models, "il010.models", () => {
    const maps = { byName: new Map<string, Model>(), byId: new Map<string, Model>() };
    for (const m of models) {
      if (m.framework === "pytorch" && !maps.byName.has(m.name)) maps.byName.set(m.name, m);
      if (!maps.byId.has(m.id)) maps.byId.set(m.id, m);
    }
    return maps;
  });
}

function eagerFinding(
  facts: TorchFacts,
  models: Model[],
  built: ScopeEvent,
  threshold: number,
): Finding | null {
  if (built.kind !== "construct" || built.deferred) return null;
  const model =
    built.callee === undefined ? undefined : mapsOf(models).byName.get(built.callee);
  if (!model) return null;
  const count = parameterCount(models, model);
  if (count < threshold) return null;
  const next = later(facts, built).find(
    (x) => x.target === built.target && (x.kind === "load" || x.kind === "move"),
  );
  const movedInline = eventsIn(facts, built.scope).some(
    (x) => x.kind === "move" && x.target === built.target && sameStart(x, built),
  );
  if (!next && !movedInline) return null;
  const what = next?.kind === "load" ? "loads a checkpoint into it" : "moves it to a device";
  return {
    code: "IL010",
    severity: "warning",
    message:
      `${model.name} has about ${count.toExponential(1)} parameters; building it eagerly ` +
      `initialises and allocates them all before the code ${what}. Build it under ` +
      '`with torch.device("meta"):` and `load_state_dict(..., assign=True)`, or with ' +
      "Accelerate's `init_empty_weights()`.",
    range: built.range,
    fixes: [],
    subject: { modelId: model.id },
  };
}

function sameStart(a: ScopeEvent, b: ScopeEvent): boolean {
  return a.scope === b.scope && a.range.start.line === b.range.start.line;
}

function toEmptyFinding(facts: TorchFacts, e: ScopeEvent): Finding | null {
  if (e.kind !== "toEmpty") return null;
  const refilled = later(facts, e).some((x) => {
    const related = isUnder(x.target, e.target) || isUnder(e.target, x.target);
    return related && (x.kind === "init" || x.kind === "load");
  });
  if (refilled) return null;
  return {
    code: "IL010",
    severity: "warning",
    message:
      `${e.target}.to_empty() allocates uninitialised memory and nothing re-initialises ` +
      "or loads the weights afterwards: call reset_parameters() on each module (or an init " +
      "function) or load a state dict after it.",
    range: e.range,
    fixes: [],
  };
}

/** IL010: large models built eagerly before loading or moving; to_empty() never refilled. */
export const eagerLargeModelInit: Rule = {
  meta: {
    code: "IL010",
    name: "eager-large-model-init",
    summary: "A large model built eagerly before load/move; to_empty() without re-init.",
    defaultSeverity: "warning",
    frameworks: ["pytorch"],
    fixable: false,
  },
  check(ctx) {
    const facts = torchFacts(ctx.file);
    if (!facts) return [];
    const threshold = ctx.options.largeModelParams;
    return facts.events.flatMap((e) => {
      const found = [
        eagerFinding(facts, ctx.file.models, e, threshold),
        toEmptyFinding(facts, e),
      ];
      return found.filter((f): f is Finding => f !== null);
    });
  },
};
