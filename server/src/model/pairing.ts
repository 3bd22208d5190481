/**
 * Pairs each weighted layer with the activation its output feeds, through the model's
 * data-flow order: a fused activation, an activation node right after it, or one met later
 * before the next weighted layer (pre-activation blocks). Also finds "stacks": runs of
 * consecutive weighted layers with no normalisation between them, the depth IL001 weighs.
 */
import type { Activation, Layer, Model } from "./types";
import { memoOn } from "../text/memo";

/** Kinds whose parameters shape the signal's scale and that IL001 and IL002 judge. */
export const weightedKinds: ReadonlySet<Layer["kind"]> = new Set([
  "linear",
  "conv",
  "convTranspose",
]);

/** Kinds the signal passes through without a change of scale worth modelling. */
const passThroughKinds: ReadonlySet<Layer["kind"]> = new Set(["dropout", "pooling", "flatten"]);

/** What one weighted layer's output meets downstream. */
export interface Pairing {
  layer: Layer;
  /** Index in `model.layers`. */
  index: number;
  /** The activation the output goes through before the next weighted layer, if any. */
  activation: Activation | null;
  /** The separate activation node, when the activation is not fused. */
  activationLayer?: Layer;
  /** `fused`: `activation=` on the layer; `after`: next node; `preactivation`: met later. */
  activationSource: "fused" | "after" | "preactivation" | "none";
  /** A normalisation layer comes before the next weighted layer. */
  normFollows: boolean;
  /** The next weighted layer fed, when it is reached without a residual join. */
  next: Layer | null;
  /** Nothing weighted comes after: an output head. */
  isOutput: boolean;
  /** A residual join comes before the next weighted layer. */
  residual: boolean;
  /** Something the analysis cannot see through (attention, RNN, unknown op) comes next. */
  opaque: boolean;
}

/** True for linear and conv layers. */
export function isWeighted(layer: Layer): boolean {
  return weightedKinds.has(layer.kind);
}

/** The pairing before anything downstream is looked at: only a fused activation is known. */
function fusedOnly(layer: Layer, index: number, opaque: boolean): Pairing {
  return {
    layer,
    index,
    activation: layer.fusedActivation ?? null,
    activationSource: layer.fusedActivation ? "fused" : "none",
    normFollows: false,
    next: null,
    isOutput: false,
    residual: false,
    opaque,
  };
}

function scan(model: Model, index: number): Pairing {
  const pairing = fusedOnly(model.layers[index]!, index, false);
  for (let i = index + 1; i < model.layers.length; i++) {
    const node = model.layers[i]!;
    if (passThroughKinds.has(node.kind)) continue;
    if (node.kind === "activation") {
      if (!pairing.activation && node.activation) {
        pairing.activation = node.activation;
        pairing.activationLayer = node;
        pairing.activationSource = i === index + 1 ? "after" : "preactivation";
      }
      continue;
    }
    if (node.kind === "norm") {
      pairing.normFollows = true;
      continue;
    }
    if (isWeighted(node)) {
      pairing.next = node;
      return pairing;
    }
    if (node.kind === "add") pairing.residual = true;
    else pairing.opaque = true;
    return pairing;
  }
  pairing.isOutput = true;
  return pairing;
}

/**
 * Pairs every weighted layer of the model. When the layer order is only declaration order,
 * adjacency means nothing: only fused activations are reported and nothing counts as
 * following.
 */
export function pairLayers(model: Model): Pairing[] {
  // A description's models are never changed once built, and the component cache hands the
  // same object back for an unchanged class: its pairings are worked out once. Callers get
  // their own list over shared pairings, which they only read.
  return [...memoOn(model, "pairings", () => pairAll(model))];
}

function pairAll(model: Model): Pairing[] {
  const pairings: Pairing[] = [];
  model.layers.forEach((layer, index) => {
    if (!isWeighted(layer)) return;
    // Without data-flow order what comes next is unseen, so it counts as opaque.
    pairings.push(model.orderFromDataFlow ? scan(model, index) : fusedOnly(layer, index, true));
  });
  return pairings;
}

/**
 * Runs of weighted layers where each feeds the next with no norm, residual join or opaque op
 * between them, in data-flow order. Every weighted layer belongs to exactly one stack.
 */
export function findStacks(pairings: Pairing[]): Pairing[][] {
  const stacks: Pairing[][] = [];
  let current: Pairing[] = [];
  for (const p of pairings) {
    current.push(p);
    const continues = p.next !== null && !p.normFollows && !p.residual && !p.opaque;
    if (!continues) {
      stacks.push(current);
      current = [];
    }
  }
  if (current.length > 0) stacks.push(current);
  return stacks;
}
