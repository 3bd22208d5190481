/**
 * Per-layer statistics of the probe (shared/CONTRACTS.md "Probe statistics"): moments over
 * all elements, the share of dead units (channels), the share of saturated tanh/sigmoid
 * inputs, NaN/Inf and all-zero flags, and the gradient's variance and mean magnitude.
 */
import { reluLike } from "./activations";
import * as tf from "@tensorflow/tfjs-core";
import type { ProbeThresholds } from "./types";

/** Forward statistics of one row. */
export interface ForwardStats {
  preactMean: number;
  preactVar: number;
  outputMean: number;
  outputVar: number;
  /** Null when no ReLU-family activation follows: a unit only dies behind a rectifier. */
  deadFraction: number | null;
  saturatedFraction: number | null;
  saturatedUnitFraction: number | null;
  inputMeanSquare: number | null;
  hasNaN: boolean;
  allZero: boolean;
}

/** tf.tidy for a function returning plain values that may hold tensors to keep. */
export function tidyValue<T>(fn: () => T): T {
  return tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as T;
}

function scalar(t: tf.Tensor): number {
  return t.dataSync()[0]!;
}

function moments(t: tf.Tensor): { mean: number; variance: number } {
  return tf.tidy(() => {
    const m = tf.moments(t);
    return { mean: scalar(m.mean), variance: scalar(m.variance) };
  });
}

/** Share of channels (last axis) positive on under `share` of their elements. */
function inactiveShare(t: tf.Tensor, share: number): number {
  return tf.tidy(() => {
    const channels = t.shape[t.shape.length - 1] ?? 1;
    const flat = tf.reshape(t, [-1, channels]);
    const active = tf.mean(tf.cast(tf.greater(flat, 0), "float32"), 0);
    return scalar(tf.mean(tf.cast(tf.less(active, share), "float32")));
  });
}

function saturationMask(pre: tf.Tensor, name: string, th: ProbeThresholds): tf.Tensor | null {
  if (name === "tanh") return tf.greater(tf.abs(pre), th.tanhLimit);
  if (name === "sigmoid") {
    return tf.logicalOr(tf.less(pre, th.sigmoidLow), tf.greater(pre, th.sigmoidHigh));
  }
  return null;
}

/** Computes the forward statistics; `input` is null for token inputs. */
export function forwardStats(input: {
  x: tf.Tensor | null;
  pre: tf.Tensor;
  out: tf.Tensor;
  activation: string | null;
  thresholds: ProbeThresholds;
}): ForwardStats {
  const th = input.thresholds;
  const pre = moments(input.pre);
  const out = moments(input.out);
  const saturation = tidyValue(() => {
    const mask = saturationMask(input.pre, input.activation ?? "", th);
    if (!mask) return null;
    const channels = mask.shape[mask.shape.length - 1] ?? 1;
    const perUnit = tf.mean(tf.cast(tf.reshape(mask, [-1, channels]), "float32"), 0);
    const fraction = scalar(tf.mean(tf.cast(mask, "float32")));
    const units = scalar(
      tf.mean(tf.cast(tf.greater(perUnit, 1 - th.inactiveShare), "float32")),
    );
    return { fraction, units };
  });
  const flags = tf.tidy(() => {
    const finite = (t: tf.Tensor) => tf.all(tf.isFinite(t));
    const ok = scalar(tf.logicalAnd(finite(input.pre), finite(input.out))) === 1;
    const zero = scalar(tf.all(tf.equal(input.out, 0))) === 1;
    return { hasNaN: !ok, allZero: zero };
  });
  const inputMeanSquare = input.x ? tf.tidy(() => scalar(tf.mean(tf.square(input.x!)))) : null;
  return {
    preactMean: pre.mean,
    preactVar: pre.variance,
    outputMean: out.mean,
    outputVar: out.variance,
    deadFraction: reluLike.has(input.activation ?? "")
      ? inactiveShare(input.out, th.inactiveShare)
      : null,
    saturatedFraction: saturation?.fraction ?? null,
    saturatedUnitFraction: saturation?.units ?? null,
    inputMeanSquare,
    hasNaN: flags.hasNaN,
    allZero: flags.allZero,
  };
}

/** Variance and mean |g| of a gradient. */
export function gradientStats(g: tf.Tensor): { gradVar: number; gradMeanAbs: number } {
  return tf.tidy(() => ({
    gradVar: moments(g).variance,
    gradMeanAbs: scalar(tf.mean(tf.abs(g))),
  }));
}
