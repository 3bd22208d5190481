/**
 * IL002 symmetric-init: zero or constant weights on a layer whose output feeds another
 * weighted layer. Its units all compute the same value, so the layer behind sees one input
 * repeated; behind a ReLU with a zero bias the gradient into the layer is zero as well and it
 * never moves. Reported as an error: no published recipe zeroes a hidden layer that feeds
 * another weighted layer directly, while the recipes that zero a layer on purpose (output
 * heads, the last layer of a residual branch, LoRA's B, zero-gamma norms) are left alone.
 */
import type { Activation, Model } from "../model/types";
import { pairLayers, type Pairing } from "../model/pairing";
import { activationFamily } from "../knowledge/activations";
import { recipeFor } from "../knowledge/recipes";
import type { TargetScheme } from "../fixes/types";
import { initializerFix } from "../fixes/index";
import { initSiteRange, reachedBy } from "./reach";
import { ReportedStarts } from "./report-once";
import type { Finding, Rule, RuleContext } from "./types";

const constantFamilies = new Set(["zeros", "ones", "constant"]);

function targetFor(act: Activation | null): TargetScheme {
  if (!act) return "glorot";
  const family = activationFamily(act.name);
  if (family === "relu" || family === "smooth") return "he";
  if (family === "selu") return "lecun";
  return "glorot";
}

function valueText(p: Pairing): string {
  const init = p.layer.params.find((x) => x.role === "weight")!.init;
  if (init.family === "zeros") return "zero";
  if (init.family === "ones") return "one";
  return init.args.value === undefined ? "the same constant" : `${init.args.value}`;
}

function isSymmetric(p: Pairing): boolean {
  const init = p.layer.params.find((x) => x.role === "weight")?.init;
  if (!init || !constantFamilies.has(init.family)) return false;
  if (init.family === "constant" && init.args.value === undefined) return false;
  return p.next !== null && !p.residual && !p.opaque;
}

/** An `apply`/loop init may be rewritten only when every layer it reaches is flagged too. */
function dispatchSpecific(ctx: RuleContext, p: Pairing, flagged: Set<string>): boolean {
  const range = p.layer.params.find((x) => x.role === "weight")?.init.range;
  if (!range) return false;
  return reachedBy(ctx.file, range)
    .filter((r) => r.param.role === "weight")
    .every((r) => flagged.has(`${r.model.id}/${r.layer.id}`));
}

function finding(ctx: RuleContext, model: Model, p: Pairing, flagged: Set<string>): Finding {
  const init = p.layer.params.find((x) => x.role === "weight")!.init;
  const next = p.next!;
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
      "become different; use a random, fan-based initializer",
    range: initSiteRange(p.layer, init),
    fixes: fix ? [{ ...fix, preferred: true }] : [],
    related: [
      { range: next.call?.range ?? next.range, message: "the weighted layer it feeds" },
    ],
    subject: { modelId: model.id, layerId: p.layer.id },
  };
}

function check(ctx: RuleContext): Finding[] {
  const candidates: { model: Model; p: Pairing }[] = [];
  for (const model of ctx.file.models) {
    for (const p of pairLayers(model)) {
      if (!isSymmetric(p)) continue;
      if (recipeFor({ file: ctx.file, model, layer: p.layer, pairing: p })) continue;
      candidates.push({ model, p });
    }
  }
  const flagged = new Set(candidates.map((c) => `${c.model.id}/${c.p.layer.id}`));
  const reported = new ReportedStarts();
  const findings: Finding[] = [];
  for (const { model, p } of candidates) {
    const f = finding(ctx, model, p, flagged);
    const repeated = reported.repeated(f.range);
    if (p.layer.repeatOf && repeated) continue;
    findings.push(f);
  }
  return findings;
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
