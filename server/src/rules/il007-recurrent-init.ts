/**
 * IL007 recurrent-init: recurrent layers on initializations that hurt long sequences.
 * PyTorch gives every RNN parameter U(+-1/sqrt(H)), so `weight_hh` is not orthogonal and the
 * LSTM forget gate starts near 0; `orthogonal_` on the fused (4H x H) `weight_hh` is not
 * orthogonal per gate; an explicit Glorot recurrent kernel (`xavier_*_` on `weight_hh`,
 * `recurrent_initializer`, `recurrentInitializer`) is not orthogonal either. Keras with
 * `unit_forget_bias=False` and TF.js without `unitForgetBias: true` also start the forget
 * gate at 0. Per-gate and forget-bias writes count only when no later init overwrites them.
 * Advice, not an error: one information per layer, and none on toy-sized layers.
 */
import { torchFacts, type TorchFacts } from "../frontends/python/facts";
import { before, gateCount, torchRecurrentFix } from "../fixes/recurrent";
import type { Layer, Model, Param, Range } from "../model/types";
import { ReportedStarts } from "./report-once";
import { quoteStyle } from "../fixes/text";
import type { Finding, Fix, Rule, RuleContext, TextEdit } from "./types";

/** Hidden sizes at or below this are toy examples where the advice is noise. */
const TOY_HIDDEN = 64;

const recurrentKinds = new Set(["rnn", "lstm", "gru"]);

/** Explicit recurrent inits that are not orthogonal: Glorot's scale is for input kernels. */
const nonOrthogonal = new Set(["xavier_uniform", "xavier_normal"]);

/**
 * True when one of the fact ranges comes at or after the parameter's last explicit init, so
 * the later write wins at run time; any fact counts against a default.
 */
function writtenAfter(facts: Range[], param: Param | undefined): boolean {
  const last = param && param.init.origin !== "default" ? param.init.range : undefined;
  return facts.some((r) => !last || !before(r.start, last.start));
}

/** Problems of one PyTorch recurrent layer, as message fragments. */
function torchProblems(layer: Layer, facts: TorchFacts | null): string[] {
  const problems: string[] = [];
  const recurrent = layer.params.filter((p) => p.role === "recurrentWeight");
  const fused = gateCount(layer) > 1;
  const chunked = facts?.chunkedOrthogonal ?? [];
  const perGate = recurrent.length > 0 && recurrent.every((p) => writtenAfter(chunked, p));
  const onDefault = recurrent.every((p) => p.init.family === "torch_rnn_default");
  if (recurrent.length > 0 && onDefault && !perGate) {
    problems.push("weight_hh keeps the default U(±1/√H) instead of an orthogonal init");
  }
  const glorot = recurrent.find((p) => nonOrthogonal.has(p.init.family));
  if (glorot && !perGate) {
    problems.push(
      `weight_hh is set with ${glorot.init.family}_ instead of an orthogonal init, ` +
        "so the hidden state's norm drifts from step to step",
    );
  }
  const orthogonal = recurrent.some((p) => p.init.family === "orthogonal");
  if (fused && orthogonal && !perGate) {
    const rows = gateCount(layer);
    problems.push(
      `orthogonal_ on the fused ${rows}H×H weight_hh is not orthogonal per gate ` +
        `(initialise each of its ${rows} chunks)`,
    );
  }
  if (layer.kind === "lstm" && layer.hasBias && !forgetBiasHandled(layer, facts)) {
    problems.push("the forget-gate bias starts near 0 instead of 1");
  }
  return problems;
}

function forgetBiasHandled(layer: Layer, facts: TorchFacts | null): boolean {
  const biases = layer.params.filter((p) => p.role === "bias" || p.role === "recurrentBias");
  const sets = facts?.forgetBiasSet ?? [];
  if (sets.length > 0 && biases.some((p) => writtenAfter(sets, p))) return true;
  return biases.some(
    (p) => ["ones", "constant"].includes(p.init.family) && (p.init.args.value ?? 1) > 0,
  );
}

/** Problems of one Keras or TF.js recurrent layer, as message fragments. */
function kerasLikeProblems(layer: Layer, framework: Model["framework"]): string[] {
  const problems: string[] = [];
  const recurrent = layer.params.find((p) => p.role === "recurrentWeight");
  if (
    recurrent &&
    recurrent.init.origin !== "default" &&
    nonOrthogonal.has(recurrent.init.family)
  ) {
    const keyword = framework === "tfjs" ? "recurrentInitializer" : "recurrent_initializer";
    problems.push(
      `${keyword} is Glorot instead of orthogonal (the default), ` +
        "so the hidden state's norm drifts from step to step",
    );
  }
  if (layer.kind !== "lstm") return problems;
  if (framework === "keras" && layer.unitForgetBias === false) {
    problems.push("unit_forget_bias=False starts the forget gate at 0 instead of 1");
  }
  const biasSet = layer.params.some((p) => p.role === "bias" && p.init.origin !== "default");
  const explicitOff = layer.unitForgetBias === false && layer.call?.keywords["unitForgetBias"];
  if (framework === "tfjs" && explicitOff) {
    problems.push("unitForgetBias: false starts the forget gate at 0 instead of 1");
  } else if (framework === "tfjs" && layer.unitForgetBias !== true && !biasSet) {
    problems.push("TF.js starts the forget gate at 0 unless unitForgetBias: true is set");
  }
  return problems;
}

/**
 * Keras and TF.js: turn an explicit `unit_forget_bias=False` / `unitForgetBias: false` on and
 * set an explicit Glorot recurrent initializer back to orthogonal, in one fix.
 */
function kerasFix(ctx: RuleContext, layer: Layer, framework: Model["framework"]): Fix[] {
  const tfjs = framework === "tfjs";
  const edits: TextEdit[] = [];
  const titles: string[] = [];
  const forget = layer.call?.keywords[tfjs ? "unitForgetBias" : "unit_forget_bias"];
  if (forget && layer.kind === "lstm" && layer.unitForgetBias === false) {
    edits.push({ range: forget.valueRange, newText: tfjs ? "true" : "True" });
    titles.push(tfjs ? "unitForgetBias: true" : "unit_forget_bias=True");
  }
  const recurrent = layer.params.find((p) => p.role === "recurrentWeight");
  const kw = layer.call?.keywords[tfjs ? "recurrentInitializer" : "recurrent_initializer"];
  if (kw && recurrent && nonOrthogonal.has(recurrent.init.family)) {
    const q = quoteStyle(ctx.text);
    edits.push({ range: kw.valueRange, newText: `${q}orthogonal${q}` });
    titles.push(
      tfjs ? "recurrentInitializer: 'orthogonal'" : "recurrent_initializer='orthogonal'",
    );
  }
  if (edits.length === 0) return [];
  return [{ title: `Set ${titles.join(" and ")}`, safe: false, preferred: true, edits }];
}

function layerFinding(ctx: RuleContext, model: Model, layer: Layer): Finding | null {
  if (!recurrentKinds.has(layer.kind)) return null;
  if (typeof layer.hiddenSize === "number" && layer.hiddenSize <= TOY_HIDDEN) return null;
  const facts = torchFacts(ctx.file);
  const torch = model.framework === "pytorch";
  const found = torch ? torchProblems(layer, facts) : kerasLikeProblems(layer, model.framework);
  if (found.length === 0) return null;
  return {
    code: "IL007",
    severity: "information",
    message: `${layer.name}: ${found.join("; ")}. This matters for long sequences.`,
    range: layer.call?.range ?? layer.range,
    fixes: torch
      ? torchRecurrentFix(ctx.text, layer, facts, model.range.end.line)
      : kerasFix(ctx, layer, model.framework),
    subject: { modelId: model.id, layerId: layer.id },
  };
}

/** IL007: recurrent weights and LSTM forget-gate biases left on weak defaults. */
export const recurrentInit: Rule = {
  meta: {
    code: "IL007",
    name: "recurrent-init",
    summary: "Recurrent weights not orthogonal per gate, or the LSTM forget bias not 1.",
    defaultSeverity: "information",
    frameworks: ["pytorch", "keras", "tfjs"],
    fixable: true,
  },
  check(ctx) {
    // A nested submodule's layers may appear under its parent model too: report each once.
    const reported = new ReportedStarts();
    return ctx.file.models.flatMap((model) =>
      model.layers.flatMap((layer) => {
        const f = layerFinding(ctx, model, layer);
        return f && !reported.repeated(f.range) ? [f] : [];
      }),
    );
  },
};
