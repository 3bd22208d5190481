/**
 * The per-row bookkeeping the forward and backward passes share, and the empty result a
 * row starts from (every measurement null until the pass fills it in).
 */
import type * as tf from "@tensorflow/tfjs-core";
import type { Framework } from "../model/types";
import { activationLabel } from "./activations";
import type { BuiltLayer, SignalMeta } from "./layers/types";
import type { PlanRow } from "./plan";
import type { LayerResult } from "./types";

/** A row of the pass: plan, result, and what the backward pass needs of it. */
export interface Step {
  row: PlanRow;
  result: LayerResult;
  /** The layer's input, kept for the backward pass. */
  input: tf.Tensor | null;
  inMeta: SignalMeta | null;
  /** The pre-activation, kept when the layer has its own input gradient. */
  pre: tf.Tensor | null;
  /** The built layer, kept while the weight cache has room; rebuilt otherwise. */
  built: BuiltLayer | null;
  /** Index of the row whose output a residual add adds back. */
  addFrom: number | null;
  /**
   * True for a side branch fed by its own input (a position embedding): its output is only
   * read back by an add, and the main signal passes it by.
   */
  side?: boolean;
}

/** A result row with nothing measured yet. */
export function emptyRow(row: PlanRow, framework: Framework): LayerResult {
  const layer = row.layer;
  return {
    id: layer.id,
    name: layer.name,
    kind: layer.kind,
    line: layer.range.start.line,
    range: layer.range,
    initializer: null,
    activation: activationLabel(row.activation, framework),
    fanIn: null,
    fanOut: null,
    weightVar: null,
    weightVarNominal: null,
    preactMean: null,
    preactVar: null,
    outputMean: null,
    outputVar: null,
    deadFraction: null,
    saturatedFraction: null,
    gradVar: null,
    gradMeanAbs: null,
    saturatedUnitFraction: null,
    inputMeanSquare: null,
    hasNaN: false,
    allZero: false,
    weightAllZero: false,
    sampled: false,
    notes: [],
  };
}

/** The measurements a built layer contributes to its row. */
export function describeBuilt(built: BuiltLayer): Partial<LayerResult> {
  return {
    initializer: built.initializer,
    fanIn: built.fanIn,
    fanOut: built.fanOut,
    weightVar: built.weightVar,
    weightVarNominal: built.weightVarNominal,
    weightAllZero: built.weightAllZero,
    sampled: built.sampled,
  };
}
