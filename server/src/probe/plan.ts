/**
 * Plans a probe pass over one model without touching tensors: groups the description's
 * layers into result rows (a layer with the activation that follows it) and resolves the
 * input shape, from the options, the description or the first layer, channels last.
 */
import type { Activation, Layer, Model } from "../model/types";

/** One result row: a layer and the activation applied to its output. */
export interface PlanRow {
  layer: Layer;
  activation?: Activation;
  /** The separate activation node absorbed into this row, if any. */
  activationLayer?: Layer;
}

/** Kinds whose row absorbs a directly following activation node. */
const absorbing = new Set([
  "linear",
  "conv",
  "convTranspose",
  "embedding",
  "rnn",
  "lstm",
  "gru",
  "attention",
  "norm",
  "add",
  "other",
]);

/** Groups layers into rows; dropout (off at init) does not break a layer-activation pair. */
export function planRows(model: Model): PlanRow[] {
  const rows: PlanRow[] = [];
  let target: PlanRow | undefined;
  for (const layer of model.layers) {
    if (layer.kind === "activation" && layer.activation && target && !target.activation) {
      target.activation = layer.activation;
      target.activationLayer = layer;
      continue;
    }
    const row: PlanRow = { layer };
    if (layer.kind === "activation" && layer.activation) row.activation = layer.activation;
    if (layer.fusedActivation) row.activation = layer.fusedActivation;
    rows.push(row);
    if (layer.kind === "dropout") continue;
    target = absorbing.has(layer.kind) ? row : undefined;
  }
  return rows;
}

/**
 * Vocabulary rows an embedding draws; token ids are uniform over them. Rows are exchangeable
 * at init, so a thousand stand for any vocabulary.
 */
export function embeddingRows(layer: Layer): number {
  return Math.max(1, Math.min(layer.numEmbeddings ?? 1024, 1024));
}

/** The input of a pass: shape without batch, channels last, or why there is none. */
export type InputPlan =
  | { ok: true; shape: number[]; tokens: boolean; vocab: number }
  | { ok: false; message: string };

const convLike = new Set(["conv", "convTranspose", "pooling"]);

function firstComputing(model: Model): Layer | undefined {
  return model.layers.find((l) => !["dropout", "activation", "flatten"].includes(l.kind));
}

/**
 * Resolves the input shape. PyTorch writes conv inputs channels first, (C, H, W); the
 * engine runs channels last, so those are rotated. Sequences are (steps, features).
 */
export function planInput(model: Model, given: number[] | undefined, steps: number): InputPlan {
  const first = firstComputing(model);
  if (!first) return { ok: false, message: "the model has no layer the probe can run" };
  const shape = given ?? model.inputShape;
  const vocab = first.kind === "embedding" ? embeddingRows(first) : 0;
  const tokens = first.kind === "embedding";

  if (shape && shape.length > 0) {
    if (shape.some((d) => !Number.isInteger(d) || d <= 0)) {
      return {
        ok: false,
        message: `input shape (${shape.join(", ")}) is not all positive integers`,
      };
    }
    const channelsFirst = model.framework === "pytorch" && convLike.has(first.kind);
    const rotated = channelsFirst && shape.length >= 2 ? [...shape.slice(1), shape[0]!] : shape;
    return { ok: true, shape: rotated, tokens, vocab };
  }

  if (first.kind === "linear" && first.inFeatures) {
    return { ok: true, shape: [first.inFeatures], tokens, vocab };
  }
  if (["rnn", "lstm", "gru"].includes(first.kind) && first.inFeatures) {
    return { ok: true, shape: [steps, first.inFeatures], tokens, vocab };
  }
  if (first.kind === "embedding") return { ok: true, shape: [steps], tokens, vocab };
  if (first.kind === "norm" && first.inFeatures) {
    return { ok: true, shape: [first.inFeatures], tokens, vocab };
  }
  const example = exampleShape(first, model.framework, steps);
  const comment = model.framework === "tfjs" ? "//" : "#";
  return {
    ok: false,
    message:
      `input shape of ${model.name} unknown: add a comment "${comment} initlint: ` +
      `input-shape=${example}" above the model or set initlint.probe.inputShape`,
  };
}

/** A shape that fits the first layer, for the message: its features where known. */
function exampleShape(first: Layer, framework: Model["framework"], steps: number): string {
  const c = first.inFeatures ?? (first.kind === "conv" ? 3 : 64);
  if (convLike.has(first.kind)) {
    const dims = first.spatialDims ?? 2;
    const space = Array<number>(dims).fill(32);
    return `(${(framework === "pytorch" ? [c, ...space] : [...space, c]).join(", ")})`;
  }
  if (["rnn", "lstm", "gru"].includes(first.kind)) return `(${steps}, ${c})`;
  return `(${c},)`;
}
