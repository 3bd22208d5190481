/**
 * IL002 symmetric-init: zero or constant weights on a layer whose output feeds another
 * weighted layer. Its units all compute the same value, so the layer behind sees one input
 * repeated; behind a ReLU with a zero bias the gradient into the layer is zero as well and it
 * never moves. Reported as an error: no published recipe zeroes a hidden layer that feeds
 * another weighted layer directly, while the recipes that zero a layer on purpose (output
 * heads, the last layer of a residual branch, LoRA's B, zero-gamma norms) are left alone.
 */
import type { Activation, Layer, Model } from "../model/types";
import { pairLayers, type Pairing } from "../model/pairing";
import { activationFamily } from "../knowledge/activations";
import { recipeFor } from "../knowledge/recipes";
import type { TargetScheme } from "../fixes/types";
import { initializerFix } from "../fixes/index";
import { initSiteRange, reachedBy } from "./reach";
import { onePerSite } from "./report-once";
import type { Finding, Rule, RuleContext } from "./types";

const constantFamilies = new Set(["zeros", "ones", "constant"]);

function targetFor(act: Activation | null): TargetScheme {
  if (!act) return "glorot";
  const family = activationFamily(act.name);
  if (family === "relu" || family === "smooth") return "he";
  if (family === "selu") return "lecun";
  return "glorot";
}

const ADVICE = "use a random, fan-based initializer";

function valueText(p: Pairing): string {
  const init = p.layer.params.find((x) => x.role === "weight")!.init;
  if (init.family === "zeros") return "zero";
  if (init.family === "ones") return "one";
  return init.args.value === undefined ? "the same constant" : `${init.args.value}`;
}

const recurrentKinds: ReadonlySet<Layer["kind"]> = new Set(["rnn", "lstm", "gru"]);
const skipped: ReadonlySet<Layer["kind"]> = new Set([
  "dropout",
  "pooling",
  "flatten",
  "activation",
  "norm",
]);

/**
 * The recurrent layer a layer feeds directly: pairing stops at it (an RNN is opaque to the
 * variance model), but its input kernel multiplies the repeated input all the same.
 */
function recurrentNext(model: Model, p: Pairing): Layer | null {
  if (!p.opaque || p.residual || !model.orderFromDataFlow) return null;
  for (const node of model.layers.slice(p.index + 1)) {
    if (skipped.has(node.kind)) continue;
    return recurrentKinds.has(node.kind) ? node : null;
  }
  return null;
}

/** The weighted or recurrent layer behind a constant-initialised one, or null. */
function symmetricNext(model: Model, p: Pairing): Layer | null {
  const init = p.layer.params.find((x) => x.role === "weight")?.init;
  if (!init || !constantFamilies.has(init.family)) return null;
  if (init.family === "constant" && init.args.value === undefined) return null;
  if (p.next !== null && !p.residual && !p.opaque) return p.next;
  return recurrentNext(model, p);
}

/** An `apply`/loop init may be rewritten only when every layer it reaches is flagged too. */
function dispatchSpecific(ctx: RuleContext, p: Pairing, flagged: Set<string>): boolean {
  const range = p.layer.params.find((x) => x.role === "weight")?.init.range;
  if (!range) return false;
  return reachedBy(ctx.file, range)
    .filter((r) => r.param.role === "weight")
    .every((r) => flagged.has(`${r.model.id}/${r.layer.id}`));
}

function finding(
  ctx: RuleContext,
  model: Model,
  p: Pairing,
  next: Layer,
  flagged: Set<string>,
): Finding {
  const init = p.layer.params.find((x) => x.role === "weight")!.init;
  const act = p.activation ?? { name: "linear", spelled: "" };
  const fix = initializerFix({
    text: ctx.text,
    file: ctx.file,
    layer: p.layer,
    init,
    activation: act as Activation,
    scheme: targetFor(p.activation),
    dispatchSpecific: dispatchSpecific(ctx, p, flagged),
  });
  return {
    code: "IL002",
    severity: "error",
    message:
      `${p.layer.name}'s weights all start at ${valueText(p)}: its units compute the same ` +
      `value and ${next.name} behind it sees one input repeated, so the units cannot ` +
      `become different; ${ADVICE}`,
    range: initSiteRange(p.layer, init),
    fixes: fix ? [{ ...fix, preferred: true }] : [],
    related: [
      { range: next.call?.range ?? next.range, message: "the weighted layer it feeds" },
    ],
    subject: { modelId: model.id, layerId: p.layer.id },
  };
}

function check(ctx: RuleContext): Finding[] {
  const candidates: { model: Model; p: Pairing; next: Layer }[] = [];
  for (const model of ctx.file.models) {
    for (const p of pairLayers(model)) {
      const next = symmetricNext(model, p);
      if (!next) continue;
      if (recipeFor({ file: ctx.file, model, layer: p.layer, pairing: p })) continue;
      candidates.push({ model, p, next });
    }
  }
  const flagged = new Set(candidates.map((c) => `${c.model.id}/${c.p.layer.id}`));
  const findings = candidates.map(({ model, p, next }) => ({
    finding: finding(ctx, model, p, next, flagged),
    layerName: p.layer.name,
    shared:
      p.layer.repeatOf !== undefined ||
      p.layer.params.find((x) => x.role === "weight")?.init.range !== undefined,
  }));
  // One init call in a loop reaches many layers: one finding names them all.
  return onePerSite(findings, (label, first) => {
    const { modelId, layerId } = first.subject ?? {};
    const p = candidates.find((c) => c.model.id === modelId && c.p.layer.id === layerId)!.p;
    return (
      `The weights of ${label} all start at ${valueText(p)}: the units of each compute the ` +
      "same value and the layer behind it sees one input repeated, so they cannot become " +
      `different; ${ADVICE}`
    );
  });
}

/** IL002: zero or constant weights on a hidden layer that feeds another weighted layer. */
export const symmetricInit: Rule = {
  meta: {
    code: "IL002",
    name: "symmetric-init",
    summary: "Zero or constant weights on a hidden layer that feeds another weighted layer.",
    defaultSeverity: "error",
    frameworks: ["pytorch", "keras", "tfjs", "flax"],
    fixable: true,
  },
  check,
};
