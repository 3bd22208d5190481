/**
 * IL001 activation-init-mismatch: a weight initializer whose scale does not fit the
 * activation the layer feeds (ReLU family on Glorot, LeCun or a framework default; tanh or
 * sigmoid on He; SELU off LeCun's variance). Severity follows depth (CONTRACTS.md "IL001
 * severity"): a hint in a shallow stack, a warning once `depth` un-normalised layers
 * compound past `ratio`, nothing when a norm follows.
 */
import type { FileDescription, Framework, Model } from "../model/types";
import { findStacks, pairLayers, type Pairing } from "../model/pairing";
import { activationFamily, activationLabel, saturatedFraction } from "../knowledge/activations";
import { initLabel, TWO_SIGMA_KEPT } from "../knowledge/initializers";
import { layerScale, predictChain, type ChainStep } from "../knowledge/predict";
import { recipeFor } from "../knowledge/recipes";
import { initializerFix } from "../fixes/index";
import { formatFold, formatNumber, formatPercent } from "./format";
import { judgedMultiplier, judgeLayer, type Mismatch } from "./mismatch";
import { initSiteRange, reachedBy } from "./reach";
import { onePerSite, type NamedFinding } from "./report-once";
import type { Finding, Rule, RuleContext, Severity } from "./types";

/** What the stack around a mismatched layer predicts. */
interface StackVerdict {
  length: number;
  /** Fold change of the second moment over the stack (>1 either way), or null if unknown. */
  fold: number | null;
  falls: boolean;
  /** Largest predicted share of saturated tanh/sigmoid inputs in the stack. */
  saturation: number | null;
  /** The stack's single activation, when every layer feeds the same one. */
  activation: string | null;
}

/** A head is where a stack ends: no activation after it, or only softmax / identity. */
function isHead(p: Pairing): boolean {
  return !p.activation || activationFamily(p.activation.name) === "linear";
}

/**
 * The multiplier used for the stack's prediction: the layer's own, or a square layer's when
 * its dims are unknown (the schemes IL001 judges do not depend on width for square layers);
 * `null` only when the initializer itself is unknown.
 */
function stackStep(p: Pairing, fw: Framework): ChainStep | null {
  const scale = layerScale(p.layer, fw);
  if (scale) return { ...scale, activation: p.activation };
  const judged = judgedMultiplier(p.layer, fw);
  return judged === null
    ? null
    : { multiplier: judged, biasVariance: 0, activation: p.activation };
}

function verdict(model: Model, whole: Pairing[]): StackVerdict {
  let end = whole.length;
  while (end > 1 && isHead(whole[end - 1]!)) end--;
  const stack = whole.slice(0, end);
  const names = new Set(stack.map((p) => p.activation?.name ?? "linear"));
  const base: StackVerdict = {
    length: stack.length,
    fold: null,
    falls: true,
    saturation: null,
    activation: names.size === 1 ? [...names][0]! : null,
  };
  const steps = stack.map((p) => stackStep(p, model.framework));
  if (steps.some((s) => s === null)) return base;
  const known = steps as ChainStep[];
  const moments = predictChain(known);
  const last = moments[moments.length - 1];
  if (last === null || last === undefined) return base;
  let inputMoment = 1;
  let saturation = 0;
  known.forEach((step, i) => {
    const v = step.multiplier * inputMoment + step.biasVariance;
    if (step.activation)
      saturation = Math.max(saturation, saturatedFraction(step.activation, v) ?? 0);
    inputMoment = moments[i] ?? 0;
  });
  const falls = last < 1;
  const fold = last === 0 ? Infinity : falls ? 1 / last : last;
  return { ...base, fold, falls, saturation };
}

function severityOf(m: Mismatch, v: StackVerdict, ctx: RuleContext): Severity {
  const deep = v.length >= ctx.options.depth;
  if (!deep) return "hint";
  if (m.kind === "saturating-on-he") {
    // Variance stays bounded under tanh and sigmoid; what hurts is saturation (KNOWLEDGE §3).
    return v.saturation !== null && v.saturation > 0.01 ? "warning" : "hint";
  }
  return v.fold !== null && v.fold > ctx.options.ratio ? "warning" : "hint";
}

function truncationNote(m: Mismatch): string {
  if (!m.uncorrected) return "";
  const kept = TWO_SIGMA_KEPT.toFixed(3);
  const why = "TF.js's truncated normal is not rescaled";
  return ` (${why}, so it realises ${kept} of its nominal variance)`;
}

const advice: Record<Mismatch["kind"], string> = {
  "relu-too-small": "He (Kaiming) initialisation keeps it steady",
  "saturating-on-he": "Glorot initialisation (gain 5/3 for tanh) keeps it in the linear range",
  "selu-off-lecun": "self-normalisation needs LeCun normal, fan_in * Var(W) = 1",
};

/**
 * The trend over the layers of the stack that share this layer's mismatch (same initializer
 * and activation): a message names only what those lines say, never a neighbour's init.
 */
function trendOf(m: Mismatch, peers: Mismatch[], square: string): string {
  const act = activationLabel(m.activation.name);
  const init = initLabel(m.init);
  const n = peers.length;
  const product = peers.reduce((acc, x) => acc * x.perLayer, 1);
  const over = `over ${n} ${act} ${n === 1 ? "layer" : "layers"} initialised with ${init}`;
  const own = `this layer's factor ${formatNumber(m.perLayer)}${square}`;
  if (!Number.isFinite(product) || product <= 0 || n === 0) {
    return `each such layer scales activation variance by ${formatNumber(m.perLayer)}${square}`;
  }
  if (product === 1) return `predicted activation variance stays level ${over} (${own})`;
  const falls = product < 1;
  const fold = falls ? 1 / product : product;
  const change = Number.isFinite(fold)
    ? `${falls ? "falls" : "grows"} ${formatFold(fold)}-fold`
    : falls
      ? "collapses to zero"
      : "grows without bound";
  return `predicted activation variance ${change} ${over} (${own})`;
}

function message(m: Mismatch, peers: Mismatch[]): string {
  const init = initLabel(m.init);
  const act = activationLabel(m.activation.name);
  const square = m.assumedSquare ? " (square layers assumed)" : "";
  const note = truncationNote(m);
  if (m.kind === "saturating-on-he") {
    // This layer's own share, on a standardised input: the same whatever its neighbours are.
    const share = saturatedFraction(m.activation, m.multiplier);
    const sat = share === null ? "" : `, ${formatPercent(share)} of its inputs saturated`;
    return (
      `${act} after ${init}: each layer scales small-input variance by ` +
      `${formatNumber(m.perLayer)}` +
      ` until ${act} saturates${sat}${square}${note}; ${advice[m.kind]}`
    );
  }
  if (m.kind === "selu-off-lecun") {
    return (
      `${act} after ${init}: fan_in * Var(W) is ${formatNumber(m.multiplier)}${square}, ` +
      "so activations drift from SELU's fixed point of mean 0, variance 1" +
      `${note}; ${advice[m.kind]}`
    );
  }
  return `${act} after ${init}: ${trendOf(m, peers, square)}${note}; ${advice[m.kind]}`;
}

/** The mismatches of a stack that share `m`'s kind, initializer and activation. */
function peersOf(m: Mismatch, all: Mismatch[]): Mismatch[] {
  const key = (x: Mismatch) =>
    `${x.kind}|${initLabel(x.init)}|${activationFamily(x.activation.name)}`;
  return all.filter((x) => key(x) === key(m));
}

/** For an apply/loop init: every layer it reaches needs this same fix, or is a head. */
function dispatchSpecific(
  file: FileDescription,
  m: Mismatch,
  judged: Map<string, Mismatch | "head">,
) {
  if (!m.init.range) return false;
  const reached = reachedBy(file, m.init.range).filter((r) => r.param.role === "weight");
  return reached.every((r) => {
    const j = judged.get(`${r.model.id}/${r.layer.id}`);
    if (j === "head") return true;
    return j !== undefined && j.target === m.target && j.activation.name === m.activation.name;
  });
}

function judgeAll(file: FileDescription): Map<string, Mismatch | "head"> {
  const judged = new Map<string, Mismatch | "head">();
  for (const model of file.models) {
    for (const p of pairLayers(model)) {
      const m = judgeLayer(file, p, model.framework);
      if (m) judged.set(`${model.id}/${p.layer.id}`, m);
      else if (p.isOutput && !p.activation) judged.set(`${model.id}/${p.layer.id}`, "head");
    }
  }
  return judged;
}

interface Site {
  model: Model;
  p: Pairing;
  m: Mismatch;
  v: StackVerdict;
  peers: Mismatch[];
  judged: Map<string, Mismatch | "head">;
}

function findingFor(ctx: RuleContext, { model, p, m, v, peers, judged }: Site): Finding | null {
  const recipe = recipeFor({ file: ctx.file, model, layer: p.layer, pairing: p });
  let severity = severityOf(m, v, ctx);
  if (recipe && severity !== "warning") return null;
  if (recipe) severity = "information";
  const fix = initializerFix({
    text: ctx.text,
    file: ctx.file,
    layer: p.layer,
    init: m.init,
    activation: m.activation,
    scheme: m.target,
    dispatchSpecific: dispatchSpecific(ctx.file, m, judged),
  });
  const actRange = p.activationLayer?.range ?? m.activation.range;
  const finding: Finding = {
    code: "IL001",
    severity,
    message: `${p.layer.name}: ${message(m, peers)}${recipe ? `; looks like ${recipe.name}` : ""}`,
    range: initSiteRange(p.layer, m.init),
    fixes: fix ? [{ ...fix, preferred: true }] : [],
    subject: { modelId: model.id, layerId: p.layer.id },
    ...(actRange
      ? { related: [{ range: actRange, message: "the activation this layer feeds" }] }
      : {}),
    ...(recipe ? { recipe: recipe.name } : {}),
  };
  return finding;
}

function check(ctx: RuleContext): Finding[] {
  const findings: NamedFinding[] = [];
  const judged = judgeAll(ctx.file);
  for (const model of ctx.file.models) {
    for (const stack of findStacks(pairLayers(model))) {
      const mismatched = stack
        .map((p) => ({ p, m: judgeLayer(ctx.file, p, model.framework) }))
        .filter((x): x is { p: Pairing; m: Mismatch } => x.m !== null);
      if (mismatched.length === 0) continue;
      const v = verdict(model, stack);
      for (const { p, m } of mismatched) {
        const peers = peersOf(
          m,
          mismatched.map((x) => x.m),
        );
        const f = findingFor(ctx, { model, p, m, v, peers, judged });
        if (!f) continue;
        const shared = m.init.range !== undefined || p.layer.repeatOf !== undefined;
        findings.push({ finding: f, layerName: p.layer.name, shared });
      }
    }
  }
  // Layers unrolled from one loop, or reached by one init call, share their source.
  return onePerSite(findings);
}

/** IL001: the initializer's scale does not fit the activation the layer feeds. */
export const activationInitMismatch: Rule = {
  meta: {
    code: "IL001",
    name: "activation-init-mismatch",
    summary: "The weight initializer's scale does not fit the activation the layer feeds.",
    defaultSeverity: "warning",
    frameworks: ["pytorch", "keras", "tfjs", "flax"],
    fixable: true,
  },
  check,
};
