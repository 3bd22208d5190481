/**
 * The analytic prediction of the signal's scale through a model: each weighted layer
 * multiplies the second moment of its input by `connections * Var(W)` and adds Var(b); each
 * activation maps a Gaussian input of that variance to its output's second moment; norm
 * layers reset it. Unknowns propagate as `null` until the next norm.
 */
import type { Activation, Framework, Layer, Model } from "../model/types";
import { outputSecondMoment, saturatedFraction } from "./activations";
import { connectionsPerOutput, layerWeightShape } from "./fans";
import { weightVariance, type WeightVariance } from "./initializers";
import { isWeighted } from "../model/pairing";

/** How one weighted layer scales the signal. */
export interface LayerScale {
  /** `connections * Var(W)`, the multiplier on the input's second moment. */
  multiplier: number;
  /** Var(W) in the framework's semantics. */
  weight: WeightVariance;
  /** Var(b), added to every pre-activation. */
  biasVariance: number;
}

/** The prediction at one node of the model. */
export interface LayerPrediction {
  layerId: string;
  /** Variance entering the activation (a weighted layer's output, an activation's input). */
  preactVar: number | null;
  /** Second moment after the node, what the next layer sees. */
  outputMoment: number | null;
  /** For tanh and sigmoid: the predicted share of saturated inputs. */
  saturatedFraction?: number | null;
  scale?: LayerScale | null;
}

function identityMultiplier(layer: Layer, gain: number): number | null {
  const square = layer.inFeatures !== null && layer.inFeatures === layer.outFeatures;
  return square ? gain * gain : null;
}

/**
 * `connections * Var(W)` of a linear or conv layer (the multiplier on its input's second
 * moment, bias aside) with the weight variance, or `null` when anything is unknown.
 */
export function weightMultiplier(
  layer: Layer,
  framework: Framework,
): { multiplier: number; weight: WeightVariance } | null {
  if (!isWeighted(layer)) return null;
  const weight = layer.params.find((p) => p.role === "weight");
  if (!weight) return null;
  const family = weight.init.family;
  if (family === "eye" || family === "dirac" || family === "identity") {
    const m = identityMultiplier(layer, weight.init.args.gain ?? 1);
    return m === null ? null : { multiplier: m, weight: { nominal: 0, realised: 0 } };
  }
  const wv = weightVariance(weight.init, { shape: layerWeightShape(layer, framework) });
  const connections = connectionsPerOutput(layer);
  if (!wv || connections === null) return null;
  return { multiplier: connections * wv.realised, weight: wv };
}

/** How a linear or conv layer scales its input, or `null` when anything is unknown. */
export function layerScale(layer: Layer, framework: Framework): LayerScale | null {
  const w = weightMultiplier(layer, framework);
  if (!w) return null;
  const bias = layer.params.find((p) => p.role === "bias");
  let biasVariance = 0;
  if (layer.hasBias && bias) {
    const shape = layerWeightShape(layer, framework);
    const bv = weightVariance(bias.init, { shape: bias.shape, weightShape: shape });
    if (!bv) return null;
    biasVariance = bv.realised;
  }
  return { ...w, biasVariance };
}

/** One step of a chain: a layer's scale and the activation its output goes through. */
export interface ChainStep {
  multiplier: number;
  biasVariance: number;
  activation: Activation | null;
}

/**
 * Second moments after each step of a chain of weighted layers, starting from `input`
 * (1: standardised data or a norm's output). For ReLU with zero biases this is exactly
 * `input * prod(multiplier / 2)`: 12 square Glorot layers give 2^-12.
 */
export function predictChain(steps: ChainStep[], input = 1): (number | null)[] {
  const out: (number | null)[] = [];
  let moment: number | null = input;
  for (const step of steps) {
    if (moment === null) {
      out.push(null);
      continue;
    }
    const variance: number = step.multiplier * moment + step.biasVariance;
    moment = step.activation ? outputSecondMoment(step.activation, variance) : variance;
    out.push(moment);
  }
  return out;
}

function normMoment(layer: Layer): number {
  const gamma = layer.params.find((p) => p.role === "normWeight")?.init;
  if (!gamma) return 1;
  if (gamma.family === "zeros") return 0;
  if (gamma.family === "constant") return (gamma.args.value ?? 1) ** 2;
  if (gamma.family === "normal")
    return (gamma.args.mean ?? 0) ** 2 + (gamma.args.std ?? 1) ** 2;
  return 1;
}

function embeddingMoment(layer: Layer): number | null {
  const table = layer.params.find((p) => p.role === "embedding" || p.role === "weight");
  if (!table) return null;
  return weightVariance(table.init, { shape: table.shape })?.realised ?? null;
}

/**
 * The prediction for every node of a model, in its data-flow order, from a standardised
 * input. Residual joins add the two branches' second moments (independence assumed).
 */
export function predictModel(model: Model): LayerPrediction[] {
  const byId = new Map<string, number | null>();
  const result: LayerPrediction[] = [];
  let moment: number | null = 1;
  for (const layer of model.layers) {
    const prediction: LayerPrediction = {
      layerId: layer.id,
      preactVar: null,
      outputMoment: null,
    };
    if (isWeighted(layer)) {
      const scale = layerScale(layer, model.framework);
      prediction.scale = scale;
      const v: number | null =
        scale && moment !== null ? scale.multiplier * moment + scale.biasVariance : null;
      prediction.preactVar = v;
      moment = v;
      if (layer.fusedActivation && v !== null) {
        moment = outputSecondMoment(layer.fusedActivation, v);
        prediction.saturatedFraction = saturatedFraction(layer.fusedActivation, v);
      }
    } else if (layer.kind === "activation" && layer.activation) {
      prediction.preactVar = moment;
      if (moment !== null) {
        prediction.saturatedFraction = saturatedFraction(layer.activation, moment);
        moment = outputSecondMoment(layer.activation, moment);
      }
    } else if (layer.kind === "norm") {
      moment = normMoment(layer);
    } else if (layer.kind === "add") {
      const other = layer.addFrom !== undefined ? byId.get(layer.addFrom) : undefined;
      moment = moment !== null && typeof other === "number" ? moment + other : null;
    } else if (layer.kind === "embedding") {
      moment = embeddingMoment(layer);
    } else if (!["dropout", "pooling", "flatten"].includes(layer.kind)) {
      moment = null;
    }
    prediction.outputMoment = moment;
    byId.set(layer.id, moment);
    result.push(prediction);
  }
  return result;
}
