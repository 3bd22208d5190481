/**
 * Layers that reshape or route the signal: pooling (max, average, global, adaptive),
 * flatten, dropout (off, as at evaluation of the init) and embedding lookups of random
 * token ids.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Initializer, Layer } from "../../model/types";
import { drawParam, effectiveInit, findParam, type DrawContext } from "../params";
import { embeddingRows } from "../plan";
import { weightless, type BuiltLayer, type SignalMeta } from "./types";

/** Builds a pooling layer from the op's spelling (Max/Avg, Global/Adaptive). */
export function buildPooling(layer: Layer, input: SignalMeta): BuiltLayer {
  const op = layer.op.toLowerCase();
  const isMax = op.includes("max");
  const spatial = input.shape.slice(0, -1);
  const axes = spatial.map((_, i) => i + 1);
  if (spatial.length === 0) throw new Error("pooling needs a spatial input");

  if (op.includes("global") || op.includes("adaptive")) {
    const keep = op.includes("adaptive");
    const shape = keep ? [...spatial.map(() => 1), input.present] : [input.present];
    const forward = (x: tf.Tensor) => (isMax ? tf.max(x, axes, keep) : tf.mean(x, axes, keep));
    return weightless(forward, { ...input, shape });
  }

  const k = layer.kernelSize?.[0] ?? 2;
  if (k === null || spatial.length > 2) throw new Error("pooling size or rank unsupported");
  const outSpatial = spatial.map((s) => Math.floor((s - k) / k) + 1);
  if (outSpatial.some((s) => s < 1)) throw new Error("pooling window larger than the input");
  const pool = (x4: tf.Tensor4D, size: [number, number]) =>
    isMax ? tf.maxPool(x4, size, size, "valid") : tf.avgPool(x4, size, size, "valid");
  const forward = (x: tf.Tensor): tf.Tensor => {
    if (spatial.length === 2) return pool(x as tf.Tensor4D, [k, k]);
    return tf.squeeze(pool(tf.expandDims(x, 1) as tf.Tensor4D, [1, k]), [1]);
  };
  return weightless(forward, { ...input, shape: [...outSpatial, input.present] });
}

/** Builds a flatten: the present channels of every position become features. */
export function buildFlatten(input: SignalMeta): BuiltLayer {
  const positions = input.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const out = {
    shape: [positions * input.present],
    present: positions * input.present,
    full: positions * input.full,
  };
  return weightless((x) => tf.reshape(x, [x.shape[0]!, -1]), out);
}

function embeddingDefault(ctx: DrawContext, dim: number): Initializer {
  const base = { framework: ctx.framework, origin: "default" as const };
  if (ctx.framework === "pytorch") return { ...base, family: "normal", args: { std: 1 } };
  if (ctx.framework === "flax")
    return { ...base, family: "normal", args: { std: 1 / Math.sqrt(dim) } };
  return { ...base, family: "uniform", args: { low: -0.05, high: 0.05 } };
}

/** Builds an embedding over random token ids. */
export function buildEmbedding(layer: Layer, input: SignalMeta, ctx: DrawContext): BuiltLayer {
  if (!input.tokens) throw new Error("an embedding must be the first layer");
  const dim = layer.outFeatures;
  if (dim === null || dim <= 0) throw new Error("embedding dimension unknown");
  const vocab = layer.numEmbeddings ?? embeddingRows(layer);
  const rows = embeddingRows(layer);
  const torchLayout = ctx.framework === "pytorch";
  const fans = torchLayout ? { fanIn: dim, fanOut: vocab } : { fanIn: vocab, fanOut: dim };
  const param = findParam(layer, "embedding") ?? findParam(layer, "weight");
  const init = effectiveInit(param, embeddingDefault(ctx, dim), ctx.notes);
  const w = drawParam(ctx, {
    layer,
    stream: "embedding",
    init,
    fans,
    rows,
    totalRows: vocab,
    cols: dim,
    totalCols: dim,
  });
  const table = tf.tensor2d(w.values, [rows, dim]);
  return {
    forward: (x) => tf.gather(table, tf.cast(x, "int32")),
    out: { shape: [...input.shape, dim], present: dim, full: dim },
    initializer: w.resolved.label,
    fanIn: fans.fanIn,
    fanOut: fans.fanOut,
    weightVar: w.realizedVar,
    weightVarNominal: w.resolved.nominalVar,
    weightAllZero: w.values.every((v) => v === 0),
    sampled: rows < vocab,
    differentiable: false,
    bytes: table.size * 4,
    dispose: () => table.dispose(),
  };
}
