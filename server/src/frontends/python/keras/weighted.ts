/**
 * Builders for the Keras layers with kernels: Dense, the convolutions (plain, transposed,
 * depthwise, separable) and Embedding. Shapes follow Keras's layout, kernel `(*k, in, out)`,
 * and transposed kernels `(*k, out, in)` as Keras stores them.
 */
import type { Dim, Layer, Param } from "../../../model/types";
import {
  lastDim,
  type Padding,
  paddingOf,
  type Shape,
  spatialOf,
  transposedOutput,
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

function bias(b: BuildInput, size: Dim): Param[] {
  if (boolArg(b, "use_bias", true) === false) return [];
  return [
    param(b, {
      role: "bias",
      name: "bias",
      shape: [size],
      keyword: "bias_initializer",
      fallback: "zeros",
    }),
  ];
}

/** Records the layer's `activation=` argument (at `index` when positional) as fused. */
function fuseActivation(b: BuildInput, layer: Layer, index: number): void {
  const activation = activationValue(arg(b, "activation", index), b.env);
  if (activation) layer.fusedActivation = activation;
}

/** How a convolution's window slides over the spatial axes. */
interface Slide {
  dims: number;
  window: Dim[];
  strides: Dim[];
  padding: Padding;
  dilation?: Dim[];
  transposed?: boolean;
}

/** A convolution's output shape: the spatial axes slid over, `channels` last. */
function convOutput(input: Shape, slide: Slide, channels: Dim): Shape {
  const spatial = spatialOf(input, slide.dims);
  const geometry = {
    spatial,
    dims: slide.dims,
    window: slide.window,
    strides: slide.strides,
    padding: slide.padding,
  };
  const out = slide.transposed
    ? transposedOutput(geometry)
    : windowOutput({ ...geometry, dilation: slide.dilation });
  return spatial ? [...out, channels] : withLast(input, channels);
}

/** `Dense(units)`; Keras 1 spelled the width `output_dim`. */
export const dense: Builder = (b) => {
  const input = declaredInput(b);
  const inF = lastDim(input);
  const units = dimArg(b, "units", 0) ?? dimArg(b, "output_dim");
  const kernel = param(b, {
    role: "weight",
    name: "kernel",
    shape: [inF, units],
    keyword: "kernel_initializer",
    fallback: "glorot_uniform",
    legacy: "init",
  });
  const layer = layerOf(b, {
    kind: "linear",
    inFeatures: inF,
    outFeatures: units,
    params: [kernel, ...bias(b, units)],
  });
  fuseActivation(b, layer, 1);
  return { layer, output: withLast(input, units) };
};

function convDims(className: string): 1 | 2 | 3 {
  const match = /([123])D/.exec(className);
  return match ? (Number(match[1]) as 1 | 2 | 3) : 2;
}

function windowArgs(b: BuildInput, dims: number, first: number) {
  const kernelSize = dimsArg(b, { name: "kernel_size", index: first, dims, fallback: null });
  const strides = dimsArg(b, { name: "strides", index: first + 1, dims, fallback: 1 });
  const paddingNode = arg(b, "padding", first + 2);
  const padding = paddingOf(
    paddingNode ? (stringArg(b, "padding", first + 2) ?? "?") : null,
    "valid",
  );
  const dilation = dimsArg(b, { name: "dilation_rate", dims, fallback: 1 });
  return { kernelSize, strides, padding, dilation };
}

/** Keras 1's `Convolution2D(nb_filter, nb_row, nb_col)`. */
function legacyKernel(b: BuildInput, dims: number): Dim[] | null {
  if (!b.className.startsWith("Convolution") || dims !== 2) return null;
  return [dimArg(b, "nb_row", 1), dimArg(b, "nb_col", 2)];
}

/** `Conv1D/2D/3D(filters, kernel_size)` and their transposed forms. */
export const conv: Builder = (b) => {
  const dims = convDims(b.className);
  const transposed = b.className.includes("Transpose");
  const input = declaredInput(b);
  const inC = lastDim(input);
  const filters = dimArg(b, "filters", 0) ?? dimArg(b, "nb_filter", 0);
  const window = windowArgs(b, dims, 1);
  const kernelSize = legacyKernel(b, dims) ?? window.kernelSize;
  const groups = transposed ? 1 : (dimArg(b, "groups") ?? (arg(b, "groups") ? null : 1));
  const perGroup = inC !== null && groups !== null && groups > 0 ? inC / groups : null;
  const shape = transposed ? [...kernelSize, filters, inC] : [...kernelSize, perGroup, filters];
  const kernel = param(b, {
    role: "weight",
    name: "kernel",
    shape,
    keyword: "kernel_initializer",
    fallback: "glorot_uniform",
    legacy: "init",
  });
  const layer = layerOf(b, {
    kind: transposed ? "convTranspose" : "conv",
    inFeatures: inC,
    outFeatures: filters,
    params: [kernel, ...bias(b, filters)],
  });
  layer.spatialDims = dims;
  layer.kernelSize = kernelSize;
  layer.stride = window.strides;
  if (window.padding !== null) layer.padding = window.padding;
  layer.groups = groups;
  fuseActivation(b, layer, -1);
  const slide = {
    dims,
    window: kernelSize,
    strides: window.strides,
    padding: window.padding,
    dilation: window.dilation,
    transposed,
  };
  return { layer, output: convOutput(input, slide, filters) };
};

/** The `(*k, in, multiplier)` kernel that filters each input channel on its own. */
function depthwiseKernel(b: BuildInput, kernelSize: Dim[], inC: Dim, multiplier: Dim): Param {
  return param(b, {
    role: "weight",
    name: "depthwise_kernel",
    shape: [...kernelSize, inC, multiplier],
    keyword: "depthwise_initializer",
    fallback: "glorot_uniform",
  });
}

/** `DepthwiseConv2D(kernel_size, depth_multiplier=1)`: one filter bank per input channel. */
export const depthwise: Builder = (b) => {
  const dims = convDims(b.className);
  const input = declaredInput(b);
  const inC = lastDim(input);
  const multiplier =
    dimArg(b, "depth_multiplier", 3) ?? (arg(b, "depth_multiplier", 3) ? null : 1);
  const window = windowArgs(b, dims, 0);
  const outC = inC !== null && multiplier !== null ? inC * multiplier : null;
  const kernel = depthwiseKernel(b, window.kernelSize, inC, multiplier);
  const layer = layerOf(b, {
    kind: "conv",
    inFeatures: inC,
    outFeatures: outC,
    params: [kernel, ...bias(b, outC)],
  });
  layer.spatialDims = dims;
  layer.kernelSize = window.kernelSize;
  layer.groups = inC;
  fuseActivation(b, layer, -1);
  const slide = {
    dims,
    window: window.kernelSize,
    strides: window.strides,
    padding: window.padding,
  };
  return { layer, output: convOutput(input, slide, outC) };
};

/** `SeparableConv2D(filters, kernel_size)`: a depthwise then a pointwise kernel. */
export const separable: Builder = (b) => {
  const dims = convDims(b.className);
  const input = declaredInput(b);
  const inC = lastDim(input);
  const filters = dimArg(b, "filters", 0);
  const multiplier = dimArg(b, "depth_multiplier") ?? (arg(b, "depth_multiplier") ? null : 1);
  const window = windowArgs(b, dims, 1);
  const mid = inC !== null && multiplier !== null ? inC * multiplier : null;
  const ones = Array.from({ length: dims }, () => 1);
  const pointwise = param(b, {
    role: "weight",
    name: "pointwise_kernel",
    shape: [...ones, mid, filters],
    keyword: "pointwise_initializer",
    fallback: "glorot_uniform",
  });
  const depthwise = depthwiseKernel(b, window.kernelSize, inC, multiplier);
  // The pointwise kernel mixes channels and sets the output scale, so it comes first.
  const params = [pointwise, depthwise, ...bias(b, filters)];
  const layer = layerOf(b, { kind: "conv", inFeatures: inC, outFeatures: filters, params });
  layer.spatialDims = dims;
  layer.kernelSize = window.kernelSize;
  fuseActivation(b, layer, -1);
  const slide = {
    dims,
    window: window.kernelSize,
    strides: window.strides,
    padding: window.padding,
  };
  return { layer, output: convOutput(input, slide, filters) };
};

/** `Embedding(input_dim, output_dim)`: table `(input_dim, output_dim)`, default U(-0.05, 0.05). */
export const embedding: Builder = (b) => {
  const vocab = dimArg(b, "input_dim", 0);
  const width = dimArg(b, "output_dim", 1);
  const table = param(b, {
    role: "embedding",
    name: "embeddings",
    shape: [vocab, width],
    keyword: "embeddings_initializer",
    fallback: "uniform",
    legacy: "init",
  });
  const layer = layerOf(b, {
    kind: "embedding",
    inFeatures: vocab,
    outFeatures: width,
    params: [table],
  });
  layer.numEmbeddings = vocab;
  const length = dimArg(b, "input_length");
  const input = declaredInput(b);
  const output = input ? [...input, width] : [length, width];
  return { layer, output };
};
