/**
 * Dispatches a layer of the description to its builder. Residual adds are built here too,
 * since they need the saved output of an earlier row.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "../model/types";
import { buildConv } from "./layers/conv";
import { buildDense } from "./layers/dense";
import { buildNorm } from "./layers/norm";
import { buildRecurrent } from "./layers/recurrent";
import { buildEmbedding, buildFlatten, buildPooling } from "./layers/simple";
import { weightless, type BuiltLayer, type SignalMeta } from "./layers/types";
import type { DrawContext } from "./params";
import type { Step } from "./rows";

/** Saved outputs of rows a residual add reads. */
export type SavedOutputs = Map<number, { x: tf.Tensor; meta: SignalMeta }>;

/** Builds any layer kind except `add`; throws a readable Error for what it cannot build. */
export function buildLayer(layer: Layer, input: SignalMeta, ctx: DrawContext): BuiltLayer {
  switch (layer.kind) {
    case "linear":
      return buildDense(layer, input, ctx);
    case "conv":
    case "convTranspose":
      return buildConv(layer, input, ctx);
    case "rnn":
    case "lstm":
    case "gru":
      return buildRecurrent(layer, input, ctx);
    case "norm":
      return buildNorm(layer, input, ctx);
    case "embedding":
      return buildEmbedding(layer, input, ctx);
    case "pooling":
      return buildPooling(layer, input);
    case "flatten":
      return buildFlatten(input);
    case "dropout":
    case "activation":
      return weightless((x) => x, input);
    default:
      throw new Error(`the probe cannot build ${layer.op} (${layer.kind})`);
  }
}

/** A residual join: adds the saved output of an earlier row, when the shapes agree. */
export function buildAdd(
  input: SignalMeta,
  saved: { x: tf.Tensor; meta: SignalMeta },
): BuiltLayer {
  const same =
    saved.meta.present === input.present &&
    saved.meta.shape.length === input.shape.length &&
    saved.meta.shape.every((d, i) => d === input.shape[i]);
  if (!same) {
    throw new Error(
      `residual shapes differ: (${saved.meta.shape.join(", ")}) and (${input.shape.join(", ")})`,
    );
  }
  return weightless((x) => tf.add(x, saved.x), input);
}

/** True when an unbuildable layer can be skipped without changing the signal's shape. */
export function passesThrough(layer: Layer, input: SignalMeta): boolean {
  if (layer.inFeatures === null && layer.outFeatures === null) return true;
  return (
    layer.outFeatures === layer.inFeatures && (layer.inFeatures ?? input.full) === input.full
  );
}

/** Builds the layer of a step (an add reads the saved output it joins). */
export function buildStep(
  step: Step,
  meta: SignalMeta,
  saved: SavedOutputs,
  ctx: DrawContext,
): BuiltLayer {
  if (step.row.layer.kind !== "add") return buildLayer(step.row.layer, meta, ctx);
  const source = step.addFrom === null ? undefined : saved.get(step.addFrom);
  if (!source)
    throw new Error(`residual source ${step.row.layer.addFrom ?? "(none)"} has no output`);
  return buildAdd(meta, source);
}
