/**
 * IL008 fixed-scale-init: a fixed std or range (`normal_(w)` with its default std 1,
 * `uniform_(w, -1, 1)`, `RandomNormal(stddev=1.0)`) on a matmul weight, far above the
 * fan-based scale: N(0, 1) on a 1024-wide Linear is 45 times He's std. Only too-large scales
 * are reported: small fixed stds are the published recipes (GPT-2's 0.02, DCGAN's 0.02, tiny
 * output heads), and a norm right after the layer makes any scale harmless.
 */
import { initializerFans, layerWeightShape } from "../knowledge/fans";
import { weightVariance } from "../knowledge/initializers";
import type { Layer, Model } from "../model/types";
import { onePerSite } from "./report-once";
import type { Finding, Rule } from "./types";

/** How far above He's std (sqrt(2 / fan_in)) a fixed std may go before it is reported. */
const MAX_RATIO = 4;

const matmulKinds = new Set(["linear", "conv", "convTranspose"]);
const fixedFamilies = new Set(["normal", "trunc_normal", "uniform"]);
const passThrough = new Set(["activation", "dropout", "flatten", "pooling"]);

/** True when a norm layer is the next thing the layer's output meets. */
function normFollows(model: Model, index: number): boolean {
  if (!model.orderFromDataFlow) return model.layers.some((l) => l.kind === "norm");
  for (const next of model.layers.slice(index + 1)) {
    if (next.kind === "norm") return true;
    if (!passThrough.has(next.kind)) return false;
  }
  return false;
}

function layerFinding(model: Model, layer: Layer, index: number): Finding | null {
  if (!matmulKinds.has(layer.kind)) return null;
  const weight = layer.params.find((p) => p.role === "weight");
  const init = weight?.init;
  if (!weight || !init || init.origin === "default" || !fixedFamilies.has(init.family))
    return null;
  const shape = layerWeightShape(layer, model.framework);
  const fans = initializerFans(shape, model.framework);
  const variance = weightVariance(init, { shape });
  if (!fans || !variance || variance.nominal <= 0) return null;
  const std = Math.sqrt(variance.nominal);
  const he = Math.sqrt(2 / fans.fanIn);
  const ratio = std / he;
  if (ratio <= MAX_RATIO || normFollows(model, index)) return null;
  return {
    code: "IL008",
    severity: "warning",
    message:
      `${layer.name}: a fixed std of ${std.toPrecision(2)} on a weight with fan_in ` +
      `${fans.fanIn} is ${ratio.toFixed(0)}x He's √(2/fan_in) = ${he.toPrecision(2)}: ` +
      "activations grow by that factor at every such layer. Use a fan-based init.",
    range: init.range ?? layer.range,
    fixes: [],
    subject: { modelId: model.id, layerId: layer.id },
  };
}

/** IL008: fixed-scale inits far above the fan-based scale on matmul weights. */
export const fixedScaleInit: Rule = {
  meta: {
    code: "IL008",
    name: "fixed-scale-init",
    summary: "A fixed std or range far above the fan-based one on a matmul weight.",
    defaultSeverity: "warning",
    frameworks: ["pytorch", "keras", "tfjs", "flax"],
    fixable: false,
  },
  check(ctx) {
    // One init call in a loop reaches many layers: one finding names them all.
    const found = ctx.file.models.flatMap((model) =>
      model.layers.flatMap((layer, index) => {
        const f = layerFinding(model, layer, index);
        return f ? [{ finding: f, layerName: layer.name, shared: true }] : [];
      }),
    );
    return onePerSite(found);
  },
};
