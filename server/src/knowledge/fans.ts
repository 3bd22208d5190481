/**
 * Fans from shapes, in each framework's own layout and arithmetic (KNOWLEDGE.md §2 "Fans"):
 * PyTorch weights are (out, in/groups, *k) with transposed convs swapped; Keras, TF.js and
 * JAX kernels are (*k, in, out). Also the true number of inputs per output unit, which is
 * what the signal sees even where a framework's fan formula over-counts.
 */
import type { Dim, Framework, Layer } from "../model/types";

/** Fan-in and fan-out of a weight tensor. */
export interface Fans {
  fanIn: number;
  fanOut: number;
}

function product(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function known(dims: Dim[]): dims is number[] {
  return dims.every((d) => typeof d === "number" && Number.isFinite(d) && d > 0);
}

/**
 * The fans a framework's initializers compute for a tensor of this shape (its own layout),
 * or `null` when a dimension is unknown or PyTorch would refuse a tensor under 2-D.
 */
export function initializerFans(shape: Dim[] | null, framework: Framework): Fans | null {
  if (!shape || !known(shape) || shape.length === 0) return null;
  if (framework === "pytorch") {
    if (shape.length < 2) return null;
    const receptive = product(shape.slice(2));
    return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
  }
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  const receptive = product(shape.slice(0, -2));
  return {
    fanIn: shape[shape.length - 2]! * receptive,
    fanOut: shape[shape.length - 1]! * receptive,
  };
}

function kernelDims(layer: Layer): Dim[] {
  if (layer.kind !== "conv" && layer.kind !== "convTranspose") return [];
  if (layer.kernelSize && layer.kernelSize.length > 0) return layer.kernelSize;
  return [null];
}

function perGroup(dim: Dim, groups: Dim | undefined): Dim {
  if (dim === null) return null;
  const g = groups ?? 1;
  if (g === null || g <= 0 || dim % g !== 0) return null;
  return dim / g;
}

/**
 * The weight shape of a linear or conv layer in its framework's layout, built from the
 * layer's arguments when the front end gave no shape; `null` for other kinds.
 */
export function weightShape(layer: Layer, framework: Framework): Dim[] | null {
  const k = kernelDims(layer);
  const inF = layer.inFeatures;
  const outF = layer.outFeatures;
  if (layer.kind === "linear") return framework === "pytorch" ? [outF, inF] : [inF, outF];
  if (layer.kind === "conv") {
    const inPer = perGroup(inF, layer.groups);
    return framework === "pytorch" ? [outF, inPer, ...k] : [...k, inPer, outF];
  }
  if (layer.kind === "convTranspose") {
    const outPer = perGroup(outF, layer.groups);
    if (framework === "pytorch") return [inF, outPer, ...k];
    // Keras stores transposed kernels as (*k, filters, in); Flax and TF.js follow Keras.
    return [...k, outF, inF];
  }
  return null;
}

/** The weight parameter's shape, preferring what the front end resolved. */
export function layerWeightShape(layer: Layer, framework: Framework): Dim[] | null {
  const param = layer.params.find((p) => p.role === "weight");
  if (param?.shape && known(param.shape)) return param.shape;
  return weightShape(layer, framework);
}

/**
 * Inputs that feed one output unit (in/groups times the kernel), the factor the signal's
 * second moment is multiplied by per unit of Var(W). `null` when unknown.
 */
export function connectionsPerOutput(layer: Layer): number | null {
  if (layer.kind === "linear") {
    return typeof layer.inFeatures === "number" ? layer.inFeatures : null;
  }
  if (layer.kind !== "conv" && layer.kind !== "convTranspose") return null;
  const k = kernelDims(layer);
  if (!known(k)) return null;
  // A transposed conv's output unit sees the in-channels, but only 1/stride^d of its kernel
  // taps; without the stride in the description, the full kernel is the upper bound used.
  const inPer = perGroup(layer.inFeatures, layer.groups);
  if (inPer === null) return null;
  return inPer * product(k);
}
