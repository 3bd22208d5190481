/**
 * IL007 recurrent-init: recurrent layers on initializations that hurt long sequences.
 * PyTorch gives every RNN parameter U(+-1/sqrt(H)), so `weight_hh` is not orthogonal and the
 * LSTM forget gate starts near 0; `orthogonal_` on the fused (4H x H) `weight_hh` is not
 * orthogonal per gate. Keras with `unit_forget_bias=False` and TF.js without
 * `unitForgetBias: true` also start the forget gate at 0. Advice, not an error: one
 * information per layer, and none on toy-sized layers.
 */
import { torchFacts, type TorchFacts } from "../frontends/python/facts";
import { initPrefix } from "../frontends/python/facts/spelling";
import type { Layer, Model, Range } from "../model/types";
import { ReportedStarts } from "./report-once";
import type { Finding, Fix, Rule, RuleContext } from "./types";

/** Hidden sizes at or below this are toy examples where the advice is noise. */
const TOY_HIDDEN = 64;

const recurrentKinds = new Set(["rnn", "lstm", "gru"]);

function gateCount(layer: Layer): number {
  return layer.kind === "lstm" ? 4 : layer.kind === "gru" ? 3 : 1;
}

/** Problems of one PyTorch recurrent layer, as message fragments. */
function torchProblems(layer: Layer, facts: TorchFacts | null): string[] {
  const problems: string[] = [];
  const recurrent = layer.params.filter((p) => p.role === "recurrentWeight");
  const fused = gateCount(layer) > 1;
  const perGate = (facts?.chunkedOrthogonal.length ?? 0) > 0;
  const onDefault = recurrent.every((p) => p.init.family === "torch_rnn_default");
  if (recurrent.length > 0 && onDefault && !perGate) {
    problems.push("weight_hh keeps the default U(±1/√H) instead of an orthogonal init");
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
  if ((facts?.forgetBiasSet.length ?? 0) > 0) return true;
  const biases = layer.params.filter((p) => p.role === "bias" || p.role === "recurrentBias");
  return biases.some(
    (p) => ["ones", "constant"].includes(p.init.family) && (p.init.args.value ?? 1) > 0,
  );
}

/** Splits `f(a, b=1)` into `f`, its first argument and the rest, at top level. */
function splitCall(call: string): { callee: string; first: string; rest: string } | null {
  const open = call.indexOf("(");
  if (open < 0 || !call.endsWith(")")) return null;
  const inner = call.slice(open + 1, -1);
  let depth = 0;
  let cut = inner.length;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if ("([{".includes(c)) depth++;
    if (")]}".includes(c)) depth--;
    if (c === "," && depth === 0) {
      cut = i;
      break;
    }
  }
  return {
    callee: call.slice(0, open),
    first: inner.slice(0, cut).trim(),
    rest: inner.slice(cut),
  };
}

/** Rewrites a fused `orthogonal_(w)` into one call per gate block, on the same line. */
function perGateFix(ctx: RuleContext, layer: Layer): Fix[] {
  const init = layer.params.find((p) => p.role === "recurrentWeight")?.init;
  if (!init?.range || init.family !== "orthogonal" || init.framework !== "pytorch") return [];
  const call = sliceRange(ctx.text, init.range);
  const parts = call ? splitCall(call) : null;
  if (!parts || parts.first === "") return [];
  const gates = gateCount(layer);
  const newText =
    `for gate in ${parts.first}.data.chunk(${gates}, 0): ` +
    `${parts.callee}(gate${parts.rest})`;
  return [
    {
      title: `Apply orthogonal_ to each of the ${gates} gate blocks`,
      safe: false,
      preferred: true,
      edits: [{ range: init.range, newText }],
    },
  ];
}

function sliceRange(text: string, range: Range): string | null {
  const lines = text.split("\n");
  if (range.start.line !== range.end.line) return null;
  return lines[range.start.line]?.slice(range.start.character, range.end.character) ?? null;
}

/** The per-gate loop a PyTorch fix inserts after the layer's assignment. */
function torchFix(ctx: RuleContext, layer: Layer, facts: TorchFacts | null): Fix[] {
  const fused = layer.params.some(
    (p) => p.role === "recurrentWeight" && p.init.family === "orthogonal",
  );
  if (fused) return perGateFix(ctx, layer);
  const prefix = facts ? initPrefix(facts.aliases) : null;
  const at = layer.insertInitAt;
  if (!prefix || !at || !layer.accessPath) return [];
  const i = at.indent;
  const gates = gateCount(layer);
  const lines = [
    `for name, p in ${layer.accessPath}.named_parameters():`,
    `    if "weight_hh" in name:`,
    `        for gate in p.data.chunk(${gates}, 0):`,
    `            ${prefix}orthogonal_(gate)`,
  ];
  if (layer.kind === "lstm" && layer.hasBias) {
    // Gates are ordered (i, f, g, o) and bias_ih + bias_hh are summed: 1 + 0 gives 1.
    lines.push(
      `    elif "bias_ih" in name:`,
      `        p.data[p.shape[0] // 4 : p.shape[0] // 2].fill_(1.0)`,
      `    elif "bias_hh" in name:`,
      `        p.data[p.shape[0] // 4 : p.shape[0] // 2].fill_(0.0)`,
    );
  }
  const title =
    layer.kind === "lstm"
      ? "Orthogonal weight_hh per gate; forget bias 1 (bias_ih[H:2H] = 1, bias_hh[H:2H] = 0)"
      : "Orthogonal weight_hh per gate";
  const newText = lines.map((l) => `${i}${l}\n`).join("");
  const edit = { range: { start: at.position, end: at.position }, newText };
  return [{ title, safe: false, preferred: true, edits: [edit] }];
}

function kerasLikeProblem(layer: Layer, framework: Model["framework"]): string | null {
  if (layer.kind !== "lstm") return null;
  if (framework === "keras" && layer.unitForgetBias === false) {
    return "unit_forget_bias=False starts the forget gate at 0 instead of 1";
  }
  const biasSet = layer.params.some((p) => p.role === "bias" && p.init.origin !== "default");
  if (framework === "tfjs" && layer.unitForgetBias !== true && !biasSet) {
    return "TF.js starts the forget gate at 0 unless unitForgetBias: true is set";
  }
  return null;
}

function kerasFix(layer: Layer): Fix[] {
  const kw = layer.call?.keywords["unit_forget_bias"];
  if (!kw) return [];
  const edit = { range: kw.valueRange, newText: "True" };
  return [{ title: "Set unit_forget_bias=True", safe: false, preferred: true, edits: [edit] }];
}

function layerFinding(ctx: RuleContext, model: Model, layer: Layer): Finding | null {
  if (!recurrentKinds.has(layer.kind)) return null;
  if (typeof layer.hiddenSize === "number" && layer.hiddenSize <= TOY_HIDDEN) return null;
  const facts = torchFacts(ctx.file);
  const torch = model.framework === "pytorch";
  const problems = torch
    ? torchProblems(layer, facts)
    : [kerasLikeProblem(layer, model.framework)];
  const found = problems.filter((p): p is string => p !== null);
  if (found.length === 0) return null;
  return {
    code: "IL007",
    severity: "information",
    message: `${layer.name}: ${found.join("; ")}. This matters for long sequences.`,
    range: layer.call?.range ?? layer.range,
    fixes: torch ? torchFix(ctx, layer, facts) : kerasFix(layer),
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
