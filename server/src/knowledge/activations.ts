/**
 * Activation functions as the variance analysis sees them: their families, the second moment
 * E[f(z)^2] they pass on for a Gaussian input, and the share of inputs they saturate on.
 */
import type { Activation, ActivationName } from "../model/types";
import { gaussianExpectation, normalCdf } from "./normal";

/** How initializer advice groups activations (He et al. 2015; Glorot & Bengio 2010). */
export type ActivationFamily = "relu" | "saturating" | "selu" | "linear" | "smooth" | "unknown";

/** The family an activation belongs to for choosing an initializer. */
export function activationFamily(name: ActivationName): ActivationFamily {
  switch (name) {
    case "relu":
    case "relu6":
    case "leaky_relu":
    case "prelu":
      return "relu";
    case "tanh":
    case "sigmoid":
    case "hard_sigmoid":
    case "softsign":
      return "saturating";
    case "selu":
      return "selu";
    case "linear":
    case "softmax":
    case "log_softmax":
      return "linear";
    case "unknown":
      return "unknown";
    default:
      // ELU, GELU, SiLU, Mish, hardswish, softplus: between linear and ReLU, no single rule.
      return "smooth";
  }
}

/** PyTorch's PReLU starts at 0.25; leaky_relu's default slope is framework specific. */
const PRELU_INIT = 0.25;
const TORCH_LEAKY_SLOPE = 0.01;

/** The negative slope of a leaky activation, 0 for ReLU. */
export function negativeSlope(act: Activation): number {
  if (act.name === "leaky_relu") return act.slope ?? TORCH_LEAKY_SLOPE;
  if (act.name === "prelu") return act.slope ?? PRELU_INIT;
  return 0;
}

const seluAlpha = 1.6732632423543772;
const seluScale = 1.0507009873554805;

function pointwise(act: Activation): ((z: number) => number) | null {
  const alpha = act.alpha ?? 1;
  switch (act.name) {
    case "relu6":
      return (z) => Math.min(Math.max(z, 0), 6);
    case "elu":
      return (z) => (z > 0 ? z : alpha * Math.expm1(z));
    case "selu":
      return (z) => seluScale * (z > 0 ? z : seluAlpha * Math.expm1(z));
    case "gelu":
      return (z) => z * normalCdf(z);
    case "silu":
      return (z) => z / (1 + Math.exp(-z));
    case "mish":
      return (z) => z * Math.tanh(Math.log1p(Math.exp(z)));
    case "hardswish":
      return (z) => (z * Math.min(Math.max(z + 3, 0), 6)) / 6;
    case "tanh":
      return Math.tanh;
    case "sigmoid":
      return (z) => 1 / (1 + Math.exp(-z));
    case "hard_sigmoid":
      return (z) => Math.min(Math.max(z / 6 + 0.5, 0), 1);
    case "softplus":
      return (z) => (z > 30 ? z : Math.log1p(Math.exp(z)));
    case "softsign":
      return (z) => z / (1 + Math.abs(z));
    default:
      return null;
  }
}

/**
 * The activation as a scalar function, for expectations the closed forms do not cover;
 * null for ReLU and its leaky variants, linear, softmax and unknown activations.
 */
export const pointwiseActivation = pointwise;

/**
 * E[f(z)^2] for z ~ N(0, variance): the second moment the next layer's weights multiply
 * (He et al. 2015, eq. 7). Closed forms for the piecewise-linear family, so ReLU gives
 * exactly variance / 2; `null` for softmax and unknown activations.
 */
export function outputSecondMoment(act: Activation, variance: number): number | null {
  if (act.name === "linear") return variance;
  if (act.name === "relu" || act.name === "leaky_relu" || act.name === "prelu") {
    const s = negativeSlope(act);
    return (variance * (1 + s * s)) / 2;
  }
  // The numeric integral is costly and rules ask for the same few values on every layer.
  const key = `${act.name}|${act.alpha ?? ""}|${act.slope ?? ""}|${variance}`;
  const known = moments.get(key);
  if (known !== undefined) return known;
  const f = pointwise(act);
  const moment = f ? gaussianExpectation((z) => f(z) ** 2, variance) : null;
  if (moments.size > 10_000) moments.clear();
  moments.set(key, moment);
  return moment;
}

const moments = new Map<string, number | null>();

/**
 * The factor k in `fan * Var(W) * k = 1` near zero input: 1/2 for ReLU, (1 + a^2)/2 for
 * leaky ReLU, 1 for linear and for tanh at small inputs.
 */
export function activationFactor(act: Activation): number | null {
  const small = 1e-4;
  const moment = outputSecondMoment(act, small);
  return moment === null ? null : moment / small;
}

/** Inputs beyond these saturate (SageMaker Debugger's SaturatedActivation defaults). */
export const saturationBounds: Partial<Record<ActivationName, [number, number]>> = {
  tanh: [-9.4999, 9.4999],
  sigmoid: [-23, 16.99999],
};

/**
 * The predicted share of a tanh or sigmoid's Gaussian inputs beyond the saturation bounds,
 * or `null` for activations that do not saturate.
 */
export function saturatedFraction(act: Activation, variance: number): number | null {
  const bounds = saturationBounds[act.name];
  if (!bounds) return null;
  if (variance <= 0) return 0;
  const std = Math.sqrt(variance);
  return normalCdf(bounds[0] / std) + normalCdf(-bounds[1] / std);
}

/** A readable activation name for messages. */
export function activationLabel(name: ActivationName): string {
  const labels: Partial<Record<ActivationName, string>> = {
    relu: "ReLU",
    relu6: "ReLU6",
    leaky_relu: "LeakyReLU",
    prelu: "PReLU",
    elu: "ELU",
    selu: "SELU",
    gelu: "GELU",
    silu: "SiLU",
    sigmoid: "sigmoid",
    tanh: "tanh",
  };
  return labels[name] ?? name;
}
