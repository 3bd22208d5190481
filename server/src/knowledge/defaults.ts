/**
 * What each framework gives a parameter when the code says nothing (KNOWLEDGE.md §2), as
 * `Initializer`s with `origin: "default"`, so front ends and rules share one table.
 */
import type {
  Framework,
  InitArgs,
  InitFamily,
  Initializer,
  Layer,
  ParamRole,
} from "../model/types";

function make(framework: Framework, family: InitFamily, args: InitArgs = {}): Initializer {
  return { family, framework, args, origin: "default" };
}

const recurrentKinds = new Set(["rnn", "lstm", "gru"]);

/** PyTorch: Linear/Conv `reset_parameters`, RNN U(+-1/sqrt(H)), Embedding N(0, 1). */
function pytorchDefault(layer: Layer, role: ParamRole): Initializer {
  if (recurrentKinds.has(layer.kind)) return make("pytorch", "torch_rnn_default");
  if (role === "normWeight") return make("pytorch", "ones");
  if (role === "normBias") return make("pytorch", "zeros");
  if (role === "embedding" || layer.kind === "embedding") {
    return make("pytorch", "normal", { mean: 0, std: 1 });
  }
  if (layer.kind === "attention") {
    // MultiheadAttention resets its in-projection with xavier_uniform_ and zeroes its biases.
    return role === "bias" ? make("pytorch", "zeros") : make("pytorch", "xavier_uniform");
  }
  return make("pytorch", role === "bias" ? "torch_default_bias" : "torch_default");
}

/** Keras and TF.js share the layout of defaults; only the kernel's distribution differs. */
function kerasLikeDefault(
  framework: "keras" | "tfjs",
  layer: Layer,
  role: ParamRole,
): Initializer {
  if (role === "bias" || role === "recurrentBias" || role === "normBias") {
    return make(framework, "zeros");
  }
  if (role === "normWeight") return make(framework, "ones");
  if (role === "recurrentWeight") return make(framework, "orthogonal", { gain: 1 });
  if (role === "embedding" || layer.kind === "embedding") {
    return make(framework, "uniform", { low: -0.05, high: 0.05 });
  }
  return make(framework, framework === "keras" ? "xavier_uniform" : "xavier_normal");
}

/** Flax linen: lecun_normal kernels, zero biases, orthogonal recurrent kernels. */
function flaxDefault(layer: Layer, role: ParamRole): Initializer {
  if (role === "bias" || role === "recurrentBias" || role === "normBias") {
    return make("flax", "zeros");
  }
  if (role === "normWeight") return make("flax", "ones");
  if (role === "recurrentWeight") return make("flax", "orthogonal", { gain: 1 });
  if (role === "embedding" || layer.kind === "embedding") {
    // nn.Embed: variance_scaling(1, "fan_in", "normal", out_axis=0), i.e. Var 1/features.
    const features = layer.outFeatures;
    return typeof features === "number" && features > 0
      ? make("flax", "normal", { mean: 0, std: 1 / Math.sqrt(features) })
      : make("flax", "normal", { unresolved: ["std"] });
  }
  return make("flax", "lecun_normal");
}

/** The initializer a parameter of this layer gets by default in the framework. */
export function frameworkDefault(
  framework: Framework,
  layer: Layer,
  role: ParamRole,
): Initializer {
  if (framework === "pytorch") return pytorchDefault(layer, role);
  if (framework === "flax") return flaxDefault(layer, role);
  return kerasLikeDefault(framework, layer, role);
}

/** True when the LSTM forget-gate bias starts at 1 unless the code opts out. */
export function defaultUnitForgetBias(framework: Framework): boolean {
  return framework === "keras";
}
