/**
 * Linear / Dense layers on the last axis. When the weight exceeds the memory budget only the
 * first output units are drawn (they are exchangeable at init); when the input itself is a
 * sample of the full width, the sum is rescaled to the full fan-in. The input gradient is
 * written by hand for every case, sampled or not, since TensorFlow.js's own multiplies by a
 * transposed operand, about twelve times slower than a plain matmul on the wasm backend.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "../../model/types";
import { defaultInit, drawParam, effectiveInit, findParam, unitsWithinBudget } from "../params";
import type { DrawContext } from "../params";
import {
  rescaleByWeightMean,
  rescaleSampledSum,
  type BuiltLayer,
  type SignalMeta,
} from "./types";

/** Builds a linear layer. */
export function buildDense(layer: Layer, input: SignalMeta, ctx: DrawContext): BuiltLayer {
  const out = layer.outFeatures;
  if (out === null || out <= 0) throw new Error("output features unknown");
  const declared = layer.inFeatures;
  const full = declared ?? input.full;
  if (declared !== null && declared !== input.full) {
    ctx.notes.push(
      `input has ${input.full} features where the layer declares ${declared}; ` +
        "treated as a sample of them",
    );
  }
  const present = Math.min(input.present, full);
  const rows = unitsWithinBudget(out, present, ctx.budgetBytes);
  const fans = { fanIn: full, fanOut: out };

  const weightInit = effectiveInit(
    findParam(layer, "weight"),
    defaultInit(ctx.framework, "weight"),
    ctx.notes,
  );
  const w = drawParam(ctx, {
    layer,
    stream: "weight",
    init: weightInit,
    fans,
    rows,
    totalRows: out,
    cols: present,
    totalCols: full,
  });
  // Kept as [in, out] for the forward matmul, and as [out, in] for the backward one, so
  // neither multiplies by a transposed operand.
  const weightOutIn = tf.tensor2d(w.values, [rows, present]);
  const weight = tf.transpose(weightOutIn);

  let bias: tf.Tensor | null = null;
  if (layer.hasBias) {
    const biasInit = effectiveInit(
      findParam(layer, "bias"),
      defaultInit(ctx.framework, "bias"),
      ctx.notes,
    );
    const b = drawParam(ctx, {
      layer,
      stream: "bias",
      init: biasInit,
      fans,
      rows,
      totalRows: out,
      cols: 1,
      totalCols: 1,
    });
    bias = tf.tensor1d(b.values);
  }

  const needsSlice = needsSliceOf(input.present, present);
  return {
    forward(x: tf.Tensor): tf.Tensor {
      const lead = x.shape.slice(0, -1);
      let x2 = tf.reshape(x, [-1, x.shape[x.shape.length - 1]!]);
      if (needsSlice) x2 = tf.slice(x2, [0, 0], [-1, present]);
      let z = rescaleSampledSum(tf.matMul(x2, weight), present, full);
      if (bias) z = tf.add(z, bias);
      return tf.reshape(z, [...lead, rows]);
    },
    inputGradient(gPre: tf.Tensor): tf.Tensor {
      const lead = gPre.shape.slice(0, -1);
      const g2 = tf.reshape(gPre, [-1, rows]);
      // The full layer's input gradient sums over all `out` units; over a sample of them the
      // sum is rescaled to the full one. Rescaling over a sampled input is an estimator of
      // the forward sum, not part of the model, so the gradient does not pass through it.
      let gx = tf.matMul(g2, weightOutIn);
      if (rows < out) {
        const terms = tf.sum(g2, 1, true);
        gx = rescaleByWeightMean(gx, terms, w.realizedMean, rows, out);
      }
      // Input features beyond the declared fan-in were sliced off: their gradient is zero.
      if (needsSlice)
        gx = tf.pad(gx, [
          [0, 0],
          [0, input.present - present],
        ]);
      return tf.reshape(gx, [...lead, input.present]);
    },
    out: { shape: [...input.shape.slice(0, -1), rows], present: rows, full: out },
    initializer: w.resolved.label,
    fanIn: full,
    fanOut: out,
    weightVar: w.realizedVar,
    weightVarNominal: w.resolved.nominalVar,
    weightAllZero: w.values.every((v) => v === 0),
    sampled: rows < out || present < full,
    differentiable: true,
    bytes: (2 * weight.size + (bias?.size ?? 0)) * 4,
    dropForward(): number {
      weight.dispose();
      bias?.dispose();
      return weightOutIn.size * 4;
    },
    dispose(): void {
      if (!weight.isDisposed) weight.dispose();
      weightOutIn.dispose();
      if (bias && !bias.isDisposed) bias.dispose();
    },
  };
}

function needsSliceOf(inputPresent: number, present: number): boolean {
  return inputPresent > present;
}
