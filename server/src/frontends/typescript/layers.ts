/**
 * The TF.js layer table: for each `tf.layers.x` factory, the layer kind, its parameters in
 * Keras layout (kernel `(*k, in, out)`), their initializers, and the output shape given the
 * input shape (batch excluded; channelsLast; `null` where the source does not pin it down).
 */
import type { Activation, Dim, Layer, LayerKind } from "../../model/types";
import type { LayerConfig } from "./builder";

/** A tensor shape without the batch dimension, or null when unknown. */
export type Shape = Dim[] | null;

/** What a spec contributes; the caller adds id, name, op, range and call. */
type Built = Omit<Layer, "id" | "name" | "op" | "range" | "call"> & { outShape: Shape };

type Spec = (cfg: LayerConfig, inShape: Shape) => Built;

const last = (shape: Shape): Dim =>
  shape && shape.length > 0 ? shape[shape.length - 1]! : null;
/** The shape with its last dim replaced; just that dim when the input is unknown. */
const withLast = (shape: Shape, d: Dim): Shape => (shape ? [...shape.slice(0, -1), d] : [d]);
const unknownSpatial = (rank: number, channels: Dim): Dim[] => [
  ...Array<Dim>(rank).fill(null),
  channels,
];
const mul = (a: Dim, b: Dim): Dim => (a === null || b === null ? null : a * b);

function base(kind: LayerKind, inShape: Shape): Built {
  const d = last(inShape);
  return { kind, inFeatures: d, outFeatures: d, hasBias: false, params: [], outShape: inShape };
}

const dense: Spec = (cfg, inShape) => {
  const units = cfg.count("units") ?? null;
  const inF = last(inShape);
  const hasBias = cfg.bool("useBias", true);
  const params = [cfg.param("weight", "kernel", [inF, units], "kernel")];
  if (hasBias) params.push(cfg.param("bias", "bias", [units], "bias"));
  const outShape = withLast(inShape, units);
  const built: Built = {
    kind: "linear",
    inFeatures: inF,
    outFeatures: units,
    hasBias,
    params,
    outShape,
  };
  return withActivation(cfg, built);
};

function withActivation(cfg: LayerConfig, built: Built): Built {
  const act = cfg.activation();
  return act && act.name !== "linear" ? { ...built, fusedActivation: act } : built;
}

function spatialOut(n: Dim, k: Dim, stride: Dim, padding: string, transpose: boolean): Dim {
  if (n === null || k === null || stride === null) return null;
  if (transpose) return padding === "same" ? n * stride : (n - 1) * stride + k;
  if (padding === "same" || padding === "causal") return Math.ceil(n / stride);
  return n >= k ? Math.floor((n - k) / stride) + 1 : null;
}

interface Window {
  kernel: Dim[];
  strides: Dim[];
  mode: "same" | "valid" | undefined;
  spatial: Dim[] | null;
  channels: Dim;
}

interface WindowKeys {
  /** The config key of the window size: `kernelSize` or `poolSize`. */
  kernel: string;
  /** The size when the key is absent: pooling defaults to 2, a conv kernel has no default. */
  defaultSize: Dim;
  /** Pooling strides default to the pool size, conv strides to 1. */
  stridesFromSize: boolean;
  transpose: boolean;
}

/** Kernel and output extent of a convolution or pooling window over a channelsLast input. */
function window(cfg: LayerConfig, rank: number, inShape: Shape, keys: WindowKeys): Window {
  const kernel = cfg.dims(keys.kernel, rank) ?? Array<Dim>(rank).fill(keys.defaultSize);
  const strides = cfg.dims("strides", rank) ?? (keys.stridesFromSize ? kernel : [1, 1, 1]);
  const padding = cfg.string("padding") ?? "valid";
  const channelsFirst = cfg.string("dataFormat") === "channelsFirst";
  const rankOk = inShape !== null && inShape.length === rank + 1;
  const spatialIn = rankOk && !channelsFirst ? inShape!.slice(0, rank) : null;
  const spatial = spatialIn
    ? spatialIn.map((n, i) =>
        spatialOut(n, kernel[i] ?? null, strides[i] ?? null, padding, keys.transpose),
      )
    : null;
  let channels: Dim = null;
  if (rankOk) channels = channelsFirst ? inShape![0]! : last(inShape);
  const mode = padding === "same" || padding === "valid" ? padding : undefined;
  return {
    kernel: kernel.slice(0, rank),
    strides: strides.slice(0, rank),
    mode,
    spatial,
    channels,
  };
}

const convKeys: WindowKeys = {
  kernel: "kernelSize",
  defaultSize: null,
  stridesFromSize: false,
  transpose: false,
};

function conv(rank: 1 | 2 | 3, transpose = false): Spec {
  return (cfg, inShape) => {
    const w = window(cfg, rank, inShape, { ...convKeys, transpose });
    const filters = cfg.count("filters") ?? null;
    const hasBias = cfg.bool("useBias", true);
    const kernelShape = transpose
      ? [...w.kernel, filters, w.channels]
      : [...w.kernel, w.channels, filters];
    const params = [cfg.param("weight", "kernel", kernelShape, "kernel")];
    if (hasBias) params.push(cfg.param("bias", "bias", [filters], "bias"));
    const kind = transpose ? "convTranspose" : "conv";
    const outShape = [...(w.spatial ?? Array<Dim>(rank).fill(null)), filters];
    const built: Built = {
      kind,
      spatialDims: rank,
      inFeatures: w.channels,
      outFeatures: filters,
      kernelSize: w.kernel,
      stride: w.strides,
      ...(w.mode ? { padding: w.mode } : {}),
      groups: 1,
      hasBias,
      params,
      outShape,
    };
    return withActivation(cfg, built);
  };
}

const depthwiseConv2d: Spec = (cfg, inShape) => {
  const w = window(cfg, 2, inShape, convKeys);
  const multiplier = cfg.count("depthMultiplier") ?? 1;
  const out = mul(w.channels, multiplier);
  const hasBias = cfg.bool("useBias", true);
  const kernelShape = [...w.kernel, w.channels, multiplier];
  const params = [cfg.param("weight", "depthwise_kernel", kernelShape, "depthwise")];
  if (hasBias) params.push(cfg.param("bias", "bias", [out], "bias"));
  const outShape = w.spatial ? [...w.spatial, out] : unknownSpatial(2, out);
  const built: Built = {
    ...{ kind: "conv", spatialDims: 2, inFeatures: w.channels, outFeatures: out },
    ...{ kernelSize: w.kernel, groups: w.channels, hasBias, params, outShape },
  };
  return withActivation(cfg, built);
};

function separableConv(rank: 1 | 2): Spec {
  return (cfg, inShape) => {
    const w = window(cfg, rank, inShape, convKeys);
    const multiplier = cfg.count("depthMultiplier") ?? 1;
    const filters = cfg.count("filters") ?? null;
    const mid = mul(w.channels, multiplier);
    const hasBias = cfg.bool("useBias", true);
    const params = [
      cfg.param(
        "weight",
        "depthwise_kernel",
        [...w.kernel, w.channels, multiplier],
        "depthwise",
      ),
      cfg.param(
        "weight",
        "pointwise_kernel",
        [...w.kernel.map(() => 1), mid, filters],
        "pointwise",
      ),
    ];
    if (hasBias) params.push(cfg.param("bias", "bias", [filters], "bias"));
    const outShape = w.spatial ? [...w.spatial, filters] : unknownSpatial(rank, filters);
    const built: Built = {
      ...{ kind: "conv", spatialDims: rank, inFeatures: w.channels, outFeatures: filters },
      ...{ kernelSize: w.kernel, hasBias, params, outShape },
    };
    return withActivation(cfg, built);
  };
}

const embedding: Spec = (cfg, inShape) => {
  const vocab = cfg.count("inputDim") ?? null;
  const dim = cfg.count("outputDim") ?? null;
  const length = cfg.count("inputLength");
  const steps: Shape = length !== undefined ? [length] : inShape;
  const params = [cfg.param("embedding", "embeddings", [vocab, dim], "embeddings")];
  return {
    ...{ kind: "embedding", inFeatures: vocab, outFeatures: dim, numEmbeddings: vocab },
    ...{ hasBias: false, params, outShape: steps ? [...steps, dim] : null },
  };
};

function recurrent(kind: "rnn" | "lstm" | "gru", gates: number, cell: boolean): Spec {
  return (cfg, inShape) => {
    const units = cfg.count("units") ?? null;
    const inF = last(inShape);
    const width = mul(units, gates);
    const hasBias = cfg.bool("useBias", true);
    const params = [
      cfg.param("weight", "kernel", [inF, width], "kernel"),
      cfg.param("recurrentWeight", "recurrent_kernel", [units, width], "recurrent"),
    ];
    if (hasBias) params.push(cfg.param("bias", "bias", [width], "bias"));
    const sequences = !cell && cfg.bool("returnSequences", false);
    const outShape = sequences ? withLast(inShape, units) : [units];
    const activation = cfg.activation() ?? { name: "tanh", spelled: "tanh (default)" };
    const built: Built = {
      ...{ kind, inFeatures: inF, outFeatures: units, hiddenSize: units, numLayers: 1 },
      ...{ bidirectional: false, hasBias, params, outShape, fusedActivation: activation },
    };
    // TF.js leaves unitForgetBias unset (falsy), unlike Keras's True.
    return kind === "lstm"
      ? { ...built, unitForgetBias: cfg.bool("unitForgetBias", false) }
      : built;
  };
}

function norm(which: "batch" | "layer"): Spec {
  return (cfg, inShape) => {
    const c = last(inShape);
    const params = [];
    if (cfg.bool("scale", true)) params.push(cfg.param("normWeight", "gamma", [c], "gamma"));
    if (cfg.bool("center", true)) params.push(cfg.param("normBias", "beta", [c], "beta"));
    return { ...base("norm", inShape), norm: which, hasBias: cfg.bool("center", true), params };
  };
}

function activationLayer(pick: (cfg: LayerConfig) => Activation): Spec {
  return (cfg, inShape) => ({ ...base("activation", inShape), activation: pick(cfg) });
}

const pooling =
  (rank: 1 | 2 | 3): Spec =>
  (cfg, inShape) => {
    const keys = {
      kernel: "poolSize",
      defaultSize: 2,
      stridesFromSize: true,
      transpose: false,
    };
    const w = window(cfg, rank, inShape, keys);
    const outShape = w.spatial ? [...w.spatial, w.channels] : unknownSpatial(rank, w.channels);
    return { ...base("pooling", inShape), spatialDims: rank, kernelSize: w.kernel, outShape };
  };

const globalPooling =
  (rank: 1 | 2 | 3): Spec =>
  (_cfg, inShape) => {
    const c = last(inShape);
    return { ...base("pooling", inShape), spatialDims: rank, outShape: [c] };
  };

const flatten: Spec = (_cfg, inShape) => {
  const size = inShape ? inShape.reduce<Dim>((a, d) => mul(a, d), 1) : null;
  return { ...base("flatten", inShape), outFeatures: size, outShape: [size] };
};

const passThrough =
  (kind: LayerKind): Spec =>
  (_cfg, inShape) =>
    base(kind, inShape);
const opaque: Spec = (_cfg, inShape) => ({ ...base("other", inShape), outShape: null });

const called = (name: Activation["name"], spelled: string) => (): Activation => ({
  name,
  spelled,
});

const specs: Record<string, Spec> = {
  dense,
  conv1d: conv(1),
  conv2d: conv(2),
  conv3d: conv(3),
  conv2dTranspose: conv(2, true),
  conv3dTranspose: conv(3, true),
  depthwiseConv2d,
  separableConv1d: separableConv(1),
  separableConv2d: separableConv(2),
  embedding,
  simpleRNN: recurrent("rnn", 1, false),
  lstm: recurrent("lstm", 4, false),
  gru: recurrent("gru", 3, false),
  simpleRNNCell: recurrent("rnn", 1, true),
  lstmCell: recurrent("lstm", 4, true),
  gruCell: recurrent("gru", 3, true),
  batchNormalization: norm("batch"),
  layerNormalization: norm("layer"),
  activation: activationLayer((cfg) => cfg.activation() ?? { name: "unknown", spelled: "" }),
  reLU: activationLayer((cfg) =>
    cfg.number("maxValue") === 6
      ? { name: "relu6", spelled: "tf.layers.reLU" }
      : { name: "relu", spelled: "tf.layers.reLU" },
  ),
  leakyReLU: activationLayer((cfg) => ({
    ...{ name: "leaky_relu", spelled: "tf.layers.leakyReLU" },
    slope: cfg.number("alpha") ?? 0.3,
  })),
  // PReLU's alpha starts at zeros by default, so it begins as a plain ReLU.
  prelu: activationLayer(() => ({ name: "prelu", spelled: "tf.layers.prelu", slope: 0 })),
  elu: activationLayer((cfg) => ({
    ...{ name: "elu", spelled: "tf.layers.elu" },
    alpha: cfg.number("alpha") ?? 1,
  })),
  softmax: activationLayer(called("softmax", "tf.layers.softmax")),
  dropout: passThrough("dropout"),
  alphaDropout: passThrough("dropout"),
  gaussianDropout: passThrough("dropout"),
  spatialDropout1d: passThrough("dropout"),
  flatten,
  maxPooling1d: pooling(1),
  maxPooling2d: pooling(2),
  maxPooling3d: pooling(3),
  maxPool1d: pooling(1),
  maxPool2d: pooling(2),
  averagePooling1d: pooling(1),
  averagePooling2d: pooling(2),
  averagePooling3d: pooling(3),
  avgPool1d: pooling(1),
  avgPool2d: pooling(2),
  avgPool3d: pooling(3),
  avgPooling1d: pooling(1),
  avgPooling2d: pooling(2),
  avgPooling3d: pooling(3),
  globalAveragePooling1d: globalPooling(1),
  globalAveragePooling2d: globalPooling(2),
  globalMaxPooling1d: globalPooling(1),
  globalMaxPooling2d: globalPooling(2),
  globalMaxPool1d: globalPooling(1),
  globalMaxPool2d: globalPooling(2),
  add: passThrough("add"),
};

/** True when `op` (the part after `tf.layers.`) is in the table. */
export function isKnownLayer(op: string): boolean {
  return Object.hasOwn(specs, op);
}

/** The layer fields and output shape of a `tf.layers.<op>` call; unknown ops are opaque. */
export function buildLayer(op: string, cfg: LayerConfig, inShape: Shape): Built {
  const spec = Object.hasOwn(specs, op) ? specs[op]! : opaque;
  const written = cfg.inputShape();
  return spec(cfg, written !== undefined ? written : inShape);
}
