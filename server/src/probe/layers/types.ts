/**
 * What every layer builder returns: a forward function from the layer's input to its
 * pre-activation, the weight statistics it drew, and how the output's channels relate to the
 * full layer when output units were sampled. Tensors are channels-last throughout.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "../../model/types";
import type { DrawContext } from "../params";

/** The signal between layers: its shape and how many of the full channels it carries. */
export interface SignalMeta {
  /** Shape without the batch, channels last. */
  shape: number[];
  /** Channels present on the last axis. */
  present: number;
  /** Channels the full model has there; larger than `present` after sampling. */
  full: number;
  /** True when the signal holds integer token ids (the input of an embedding). */
  tokens?: boolean;
}

/** A built layer, ready to run; free its tensors with dispose(). */
export interface BuiltLayer {
  forward(x: tf.Tensor): tf.Tensor;
  /**
   * The gradient at the input from the gradient at the pre-activation, when the layer has a
   * cheaper one than TensorFlow.js's autodiff (whose matmul gradient multiplies by a
   * transposed operand, several times slower on the wasm backend).
   */
  inputGradient?(gPre: tf.Tensor): tf.Tensor;
  /**
   * Frees what only forward() needs, once the forward pass is done, so that the weight cache
   * holds twice as many layers for the backward pass; returns the bytes still held. After it,
   * only inputGradient() may be called.
   */
  dropForward?(): number;
  out: SignalMeta;
  initializer: string | null;
  fanIn: number | null;
  fanOut: number | null;
  weightVar: number | null;
  weightVarNominal: number | null;
  /** True when all weight elements are zero. */
  weightAllZero: boolean;
  sampled: boolean;
  /** False for layers whose input is not differentiable (token ids). */
  differentiable: boolean;
  /** Bytes of the tensors the layer holds, for the weight cache between passes. */
  bytes: number;
  dispose(): void;
}

/** A layer builder. Throws a readable Error for a layer it cannot build. */
export type LayerBuilder = (layer: Layer, input: SignalMeta, ctx: DrawContext) => BuiltLayer;

/** A builder's result for layers without weights. */
export function weightless(forward: (x: tf.Tensor) => tf.Tensor, out: SignalMeta): BuiltLayer {
  return {
    forward,
    out,
    initializer: null,
    fanIn: null,
    fanOut: null,
    weightVar: null,
    weightVarNominal: null,
    weightAllZero: false,
    sampled: false,
    differentiable: true,
    bytes: 0,
    dispose: () => undefined,
  };
}

/**
 * Rescales a sum over `present` of `full` exchangeable inputs so its fluctuation has the
 * variance the full sum would have (sqrt(full / present)) and its mean the full sum's mean
 * (full / present): both matter, since constant or shifted weights give the sum a mean.
 */
export function rescaleSampledSum(z: tf.Tensor, present: number, full: number): tf.Tensor {
  if (present >= full) return z;
  const mean = tf.mean(z);
  const fluctuation = tf.mul(tf.sub(z, mean), Math.sqrt(full / present));
  return tf.add(fluctuation, tf.mul(mean, full / present));
}

/**
 * Rescales a product summed over `present` of `full` units (`prod`, rows of the batch) to the
 * full sum, splitting the weights into their mean `weightMean` and a centred part: the centred
 * part's sum grows like sqrt(full / present), the mean's like full / present. `terms` is the
 * per-row sum of the other operand over the summed units ([rows, 1]). Unlike the empirical
 * mean of rescaleSampledSum, this does not amplify a chance mean of the sample by full /
 * present, which compounds through a chain of sampled gradients.
 */
export function rescaleByWeightMean(
  prod: tf.Tensor,
  terms: tf.Tensor,
  weightMean: number,
  present: number,
  full: number,
): tf.Tensor {
  if (present >= full) return prod;
  const meanPart = tf.mul(terms, weightMean);
  const centred = tf.mul(tf.sub(prod, meanPart), Math.sqrt(full / present));
  return tf.add(centred, tf.mul(meanPart, full / present));
}
