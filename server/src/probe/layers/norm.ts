/**
 * Normalisation layers: batch norm with the batch's own statistics (training mode, as at the
 * first step), layer norm over the features, RMS norm, instance and group norm over the
 * spatial positions. Scale and shift come from the description's init or start at 1 and 0.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Initializer, Layer } from "../../model/types";
import { drawParam, effectiveInit, findParam, type DrawContext } from "../params";
import { weightless, type BuiltLayer, type SignalMeta } from "./types";

function epsilon(ctx: DrawContext): number {
  return ctx.framework === "keras" || ctx.framework === "tfjs" ? 1e-3 : 1e-5;
}

function normalize(x: tf.Tensor, axes: number[], eps: number, rms: boolean): tf.Tensor {
  if (rms) {
    const ms = tf.mean(tf.square(x), axes, true);
    return tf.div(x, tf.sqrt(tf.add(ms, eps)));
  }
  const { mean, variance } = tf.moments(x, axes, true);
  return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps)));
}

function groupNorm(x: tf.Tensor, groups: number, eps: number): tf.Tensor {
  const shape = x.shape;
  const channels = shape[shape.length - 1]!;
  const grouped = tf.reshape(x, [...shape.slice(0, -1), groups, channels / groups]);
  const axes = grouped.shape.map((_, i) => i).filter((i) => i !== 0 && i !== grouped.rank - 2);
  return tf.reshape(normalize(grouped, axes, eps, false), shape);
}

/** Builds a normalisation layer. */
export function buildNorm(layer: Layer, input: SignalMeta, ctx: DrawContext): BuiltLayer {
  const channels = input.present;
  const rank = input.shape.length + 1;
  const eps = epsilon(ctx);
  const kind = layer.norm ?? "batch";
  const groups = layer.groups ?? 1;
  if (kind === "group" && (groups === null || channels % groups !== 0)) {
    throw new Error("group count unknown or not dividing the channels");
  }
  if (kind === "weight_standardization") return weightless((x) => x, input);

  const constant = (value: number): Initializer => ({
    family: "constant",
    framework: ctx.framework,
    args: { value },
    origin: "default",
  });
  const fans = { fanIn: channels, fanOut: channels };
  const draw = (role: "normWeight" | "normBias", value: number) => {
    const init = effectiveInit(findParam(layer, role), constant(value), ctx.notes);
    const p = drawParam(ctx, {
      layer,
      stream: role,
      init,
      fans,
      rows: channels,
      totalRows: input.full,
      cols: 1,
      totalCols: 1,
    });
    return tf.tensor1d(p.values);
  };
  const gamma = draw("normWeight", 1);
  const beta = draw("normBias", 0);

  const all = Array.from({ length: rank }, (_, i) => i);
  const spatial = all.slice(1, -1);
  const forward = (x: tf.Tensor): tf.Tensor => {
    let n: tf.Tensor;
    if (kind === "layer") n = normalize(x, [rank - 1], eps, false);
    else if (kind === "rms") n = normalize(x, [rank - 1], eps, true);
    else if (kind === "instance")
      n = normalize(x, spatial.length ? spatial : [rank - 1], eps, false);
    else if (kind === "group") n = groupNorm(x, groups as number, eps);
    else n = normalize(x, all.slice(0, -1), eps, false);
    return tf.add(tf.mul(n, gamma), beta);
  };
  return {
    ...weightless(forward, input),
    bytes: (gamma.size + beta.size) * 4,
    dispose(): void {
      gamma.dispose();
      beta.dispose();
    },
  };
}
