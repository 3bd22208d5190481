/**
 * The analytic prediction beside each probe row, for the client's plot: the knowledge core's
 * `predictModel` gives the second moment after every node from a standardised input; a row's
 * predicted output variance is that moment less the squared mean of its activation's output,
 * since the probe measures variance and an activation such as ReLU shifts the mean.
 */
import { negativeSlope, pointwiseActivation } from "../knowledge/activations";
import { gaussianExpectation } from "../knowledge/normal";
import { predictModel, type LayerPrediction } from "../knowledge/predict";
import type { Activation, Model } from "../model/types";
import { planRows } from "../probe/plan";
import type { ModelResult } from "../probe/types";
import type { ProbeLayerParams, ProbeModelParams } from "../protocol";

const piecewiseLinear = new Set(["relu", "leaky_relu", "prelu"]);

/** E[f(z)] for z ~ N(0, variance); closed forms where they exist, null when unknown. */
function activationMean(act: Activation, variance: number): number | null {
  if (act.name === "linear") return 0;
  if (piecewiseLinear.has(act.name)) {
    // E[max(z, 0)] = σ / √(2π); the negative side contributes -slope times the same.
    return ((1 - negativeSlope(act)) * Math.sqrt(variance)) / Math.sqrt(2 * Math.PI);
  }
  const f = pointwiseActivation(act);
  return f ? gaussianExpectation(f, variance) : null;
}

function rowPrediction(
  prediction: LayerPrediction | undefined,
  activation: Activation | undefined,
): number | null {
  const moment = prediction?.outputMoment ?? null;
  if (moment === null || !Number.isFinite(moment)) return null;
  if (!activation) return moment;

  const pre = prediction?.preactVar ?? null;
  if (pre === null) return null;
  const mean = activationMean(activation, pre);
  return mean === null ? null : Math.max(0, moment - mean * mean);
}

/** Each row of a probed model with `predictedVar`, in the result's own row order. */
export function withPredictions(
  model: Model | undefined,
  result: ModelResult,
): ProbeModelParams {
  if (!model)
    return { ...result, layers: result.layers.map((l) => ({ ...l, predictedVar: null })) };

  const predictions = new Map(predictModel(model).map((p) => [p.layerId, p]));
  const rows = new Map(planRows(model).map((row) => [row.layer.id, row]));
  const layers = result.layers.map((layer): ProbeLayerParams => {
    const row = rows.get(layer.id);
    // A separate activation node absorbed into the row holds the moment after the activation.
    const node = row?.activationLayer ?? row?.layer;
    const predicted =
      row && node ? rowPrediction(predictions.get(node.id), row.activation) : null;
    return { ...layer, predictedVar: layer.error ? null : predicted };
  });
  return { ...result, layers };
}
