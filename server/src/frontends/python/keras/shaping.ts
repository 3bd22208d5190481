/**
 * Builders for the Keras layers without kernels that still matter to the analysis: norms
 * (which reset the signal scale), activation layers, dropout, flatten, pooling, residual adds
 * and reshapes. Anything else becomes an `other` node that keeps the channel count when the
 * layer is known to preserve it.
 */
import type { Activation, Layer } from "../../../model/types";
import { evalNumber } from "../common/literals";
import { rangeOf } from "../common/ranges";
import {
  flattened,
  lastDim,
  paddingOf,
  spatialOf,
  windowOutput,
  withLast,
} from "../common/shapes";
import { activationValue } from "./activations";
import {
  arg,
  boolArg,
  type Builder,
  type BuildInput,
  declaredInput,
  dimArg,
  dimsArg,
  layerOf,
  param,
  stringArg,
} from "./build";

const norms: Record<string, Layer["norm"]> = {
  BatchNormalization: "batch",
  SyncBatchNormalization: "batch",
  LayerNormalization: "layer",
  GroupNormalization: "group",
  RMSNormalization: "rms",
};

/** The norm classes this module builds. */
export const normClasses = Object.keys(norms);

/** BatchNormalization, LayerNormalization, GroupNormalization: gamma ones, beta zeros. */
export const norm: Builder = (b) => {
  const input = declaredInput(b);
  const c = lastDim(input);
  const params = [];
  if (boolArg(b, "scale", true) !== false) {
    params.push(
      param(b, {
        role: "normWeight",
        name: "gamma",
        shape: [c],
        keyword: "gamma_initializer",
        fallback: "ones",
      }),
    );
  }
  if (boolArg(b, "center", true) !== false) {
    params.push(
      param(b, {
        role: "normBias",
        name: "beta",
        shape: [c],
        keyword: "beta_initializer",
        fallback: "zeros",
      }),
    );
  }
  const layer = layerOf(b, { kind: "norm", inFeatures: c, outFeatures: c, params });
  layer.norm = norms[b.className];
  if (layer.norm === "group")
    layer.groups = dimArg(b, "groups", 0) ?? (arg(b, "groups", 0) ? null : 32);
  return { layer, output: input };
};

function activationLayer(b: BuildInput, activation: Activation | null): ReturnType<Builder> {
  const input = declaredInput(b);
  const c = lastDim(input);
  const layer = layerOf(b, { kind: "activation", inFeatures: c, outFeatures: c });
  layer.activation = activation ?? {
    name: "linear",
    spelled: "None",
    range: rangeOf(b.parts.call),
  };
  return { layer, output: input };
}

const fixed: Record<string, Activation["name"]> = {
  Softmax: "softmax",
  ELU: "elu",
  PReLU: "prelu",
  LeakyReLU: "leaky_relu",
  ReLU: "relu",
  ThresholdedReLU: "relu",
};

/** The activation layer classes this module builds. */
export const activationClasses = ["Activation", ...Object.keys(fixed)];

/** `Activation("relu")`, `ReLU()`, `LeakyReLU(0.2)`, `PReLU()`, `ELU()`, `Softmax()`. */
export const activation: Builder = (b) => {
  const spelled = b.parts.callee.text;
  const range = rangeOf(b.parts.call);
  if (b.className === "Activation")
    return activationLayer(b, activationValue(arg(b, "activation", 0), b.env));
  const name = fixed[b.className]!;
  const act: Activation = { name, spelled, range };
  if (name === "leaky_relu") {
    // Keras 3 spells the slope `negative_slope`, tf.keras `alpha`; both default to 0.3.
    const slope = arg(b, "negative_slope", 0) ?? arg(b, "alpha");
    act.slope = slope ? (evalNumber(slope, b.env.scope) ?? undefined) : 0.3;
  }
  if (name === "relu") {
    const slope = arg(b, "negative_slope", 1);
    const cap = evalNumber(arg(b, "max_value", 0), b.env.scope);
    if (slope && evalNumber(slope, b.env.scope) !== 0) act.name = "leaky_relu";
    if (cap === 6) act.name = "relu6";
  }
  if (name === "prelu") act.slope = 0;
  if (name === "elu") act.alpha = evalNumber(arg(b, "alpha", 0), b.env.scope) ?? 1;
  return activationLayer(b, act);
};

/** Dropout of every kind, noise layers included: no weights, scale kept. */
export const dropout: Builder = (b) => {
  const input = declaredInput(b);
  const c = lastDim(input);
  return {
    layer: layerOf(b, { kind: "dropout", inFeatures: c, outFeatures: c }),
    output: input,
  };
};

/** `Flatten()`: the product of the known sizes. */
export const flatten: Builder = (b) => {
  const input = declaredInput(b);
  const size = flattened(input);
  return {
    layer: layerOf(b, { kind: "flatten", inFeatures: lastDim(input), outFeatures: size }),
    output: [size],
  };
};

/** `MaxPooling2D(pool_size=2)`, `AveragePooling1D`, and the global poolings. */
export const pooling: Builder = (b) => {
  const input = declaredInput(b);
  const c = lastDim(input);
  const match = /([123])D$/.exec(b.className);
  const dims = match ? Number(match[1]) : 2;
  const layer = layerOf(b, { kind: "pooling", inFeatures: c, outFeatures: c });
  layer.spatialDims = dims as 1 | 2 | 3;
  if (b.className.startsWith("Global")) {
    const keep = boolArg(b, "keepdims", false);
    return { layer, output: keep ? null : [c] };
  }
  const window = dimsArg(b, { name: "pool_size", index: 0, dims, fallback: 2 });
  const stridesNode = arg(b, "strides", 1);
  const strides = stridesNode
    ? dimsArg(b, { name: "strides", index: 1, dims, fallback: null })
    : window;
  const paddingNode = arg(b, "padding", 2);
  const padding = paddingOf(paddingNode ? (stringArg(b, "padding", 2) ?? "?") : null, "valid");
  const spatial = spatialOf(input, dims);
  const out = windowOutput({ spatial, dims, window, strides, padding });
  return { layer, output: spatial ? [...out, c] : withLast(input, c) };
};

/** `Reshape((7, 7, 64))`. */
export const reshape: Builder = (b) => {
  const target = dimsArg(b, { name: "target_shape", index: 0, dims: 1, fallback: null });
  const known = target.every((d) => d !== null) ? target : null;
  const layer = layerOf(b, {
    kind: "other",
    inFeatures: lastDim(b.input),
    outFeatures: known ? lastDim(known) : null,
  });
  return { layer, output: known };
};

/** `Add()` and the other merges; the functional graph fills in `addFrom`. */
export const merge: Builder = (b) => {
  const kind = b.className === "Add" ? "add" : "other";
  const c = lastDim(b.input);
  const keeps = ["Add", "Average", "Maximum", "Minimum", "Multiply", "Subtract"].includes(
    b.className,
  );
  return {
    layer: layerOf(b, { kind, inFeatures: c, outFeatures: keeps ? c : null }),
    output: keeps ? b.input : null,
  };
};

const channelKeeping =
  /^(ZeroPadding|UpSampling|Cropping|Resizing|Rescaling|Normalization|Random|CenterCrop|Masking|ActivityRegularization|Identity)/;

/** A layer the analysis does not model; keeps the channel count when that is certain. */
export const other: Builder = (b) => {
  const input = declaredInput(b);
  const c = lastDim(input);
  const keeps = channelKeeping.test(b.className);
  return {
    layer: layerOf(b, { kind: "other", inFeatures: c, outFeatures: keeps ? c : null }),
    output:
      keeps && input
        ? withLast(
            input.map(() => null),
            c,
          )
        : null,
  };
};
