/**
 * The `torch.nn` layer table: which constructor makes which layer kind, how its shape
 * arguments bind, and which parameters it owns with their shapes in PyTorch's layout and
 * their default initializers (torch/nn/modules/*.py `reset_parameters`).
 */
import type { Layer } from "../../../model/types";
import { activationModules } from "./activations";
import { Args } from "./args";
import type { CallInfo } from "./evaluate";
import { attentionLayer, recurrentLayer } from "./layers-sequence";
import { defaultInit, param } from "./params";

/** The parts of a layer the table decides; ids and ranges are added by the caller. */
export type LayerShape = Omit<Layer, "id" | "name" | "op" | "range">;

type Builder = (a: Args, name: string) => LayerShape;

function spatial(name: string): 1 | 2 | 3 | undefined {
  const d = /([123])d$/.exec(name)?.[1];
  return d ? (Number(d) as 1 | 2 | 3) : undefined;
}

const linear: Builder = (a) => {
  const inF = a.dim(0, "in_features");
  const outF = a.dim(1, "out_features");
  const hasBias = a.flag(2, "bias", true) ?? true;
  const params = [param("weight", "weight", [outF, inF], defaultInit("torch_default"))];
  if (hasBias) params.push(param("bias", "bias", [outF], defaultInit("torch_default_bias")));
  return { kind: "linear", inFeatures: inF, outFeatures: outF, hasBias, params };
};

const conv: Builder = (a, name) => {
  const d = spatial(name) ?? 2;
  const transposed = name.startsWith("ConvTranspose");
  const inC = a.dim(0, "in_channels");
  const outC = a.dim(1, "out_channels");
  const kernel = a.dims(2, "kernel_size", d, 1);
  const groups = a.dim(6, "groups", 1);
  const hasBias = a.flag(7, "bias", true) ?? true;
  const per = (c: number | null) => (c === null || groups === null ? null : c / groups);
  const shape = transposed ? [inC, per(outC), ...kernel] : [outC, per(inC), ...kernel];
  const params = [param("weight", "weight", shape, defaultInit("torch_default"))];
  if (hasBias) params.push(param("bias", "bias", [outC], defaultInit("torch_default_bias")));
  return {
    kind: transposed ? "convTranspose" : "conv",
    spatialDims: d,
    inFeatures: inC,
    outFeatures: outC,
    kernelSize: kernel,
    stride: a.dims(3, "stride", d, 1),
    padding: a.dims(4, "padding", d, 0),
    groups,
    hasBias,
    params,
  };
};

const embedding: Builder = (a) => {
  const num = a.dim(0, "num_embeddings");
  const dim = a.dim(1, "embedding_dim");
  const init = defaultInit("normal", { mean: 0, std: 1 });
  return {
    kind: "embedding",
    inFeatures: num,
    outFeatures: dim,
    numEmbeddings: num,
    hasBias: false,
    params: [param("embedding", "weight", [num, dim], init)],
  };
};

function affineParams(shape: (number | null)[], weight: boolean, bias: boolean) {
  const params = [];
  if (weight) params.push(param("normWeight", "weight", shape, defaultInit("ones")));
  if (bias) params.push(param("normBias", "bias", shape, defaultInit("zeros")));
  return params;
}

const norm: Builder = (a, name) => {
  if (name === "LayerNorm" || name === "RMSNorm") {
    const raw = a.get(0, "normalized_shape");
    const shape = Array.isArray(raw)
      ? raw.map((x) => (typeof x === "number" ? x : null))
      : [a.dim(0, "normalized_shape")];
    const affine = a.flag(2, "elementwise_affine", true) ?? true;
    const bias = name === "LayerNorm" && (a.flag(3, "bias", true) ?? true);
    const features = shape[shape.length - 1] ?? null;
    const params = affineParams(shape, affine, affine && bias);
    const kind = name === "LayerNorm" ? "layer" : "rms";
    return {
      kind: "norm",
      norm: kind,
      inFeatures: features,
      outFeatures: features,
      hasBias: bias,
      params,
    };
  }
  if (name === "GroupNorm") {
    const channels = a.dim(1, "num_channels");
    const affine = a.flag(3, "affine", true) ?? true;
    const params = affineParams([channels], affine, affine);
    return {
      kind: "norm",
      norm: "group",
      inFeatures: channels,
      outFeatures: channels,
      hasBias: affine,
      params,
    };
  }
  const instance = name.startsWith("InstanceNorm");
  const channels = a.dim(0, "num_features");
  const affine = a.flag(3, "affine", !instance) ?? !instance;
  const params = affineParams([channels], affine, affine);
  const dims = spatial(name);
  return {
    kind: "norm",
    norm: instance ? "instance" : "batch",
    ...(dims ? { spatialDims: dims } : {}),
    inFeatures: channels,
    outFeatures: channels,
    hasBias: affine,
    params,
  };
};

function plain(kind: Layer["kind"]): Builder {
  return (_a, name) => {
    const dims = kind === "pooling" ? spatial(name) : undefined;
    return {
      kind,
      ...(dims ? { spatialDims: dims } : {}),
      inFeatures: null,
      outFeatures: null,
      hasBias: false,
      params: [],
    };
  };
}

const activation: Builder = (a, name) => {
  const spec = activationModules[name]!;
  const act: LayerShape["activation"] = { name: spec.name, spelled: `nn.${name}` };
  if (spec.param) {
    const value = a.number(
      spec.param.keyword === "init" ? 1 : 0,
      spec.param.keyword,
      spec.param.default,
    );
    if (value !== undefined) act[spec.param.field] = value;
  }
  const shape: LayerShape = {
    kind: "activation",
    inFeatures: null,
    outFeatures: null,
    hasBias: false,
    params: [],
    activation: act,
  };
  if (name === "PReLU") {
    const n = a.dim(0, "num_parameters", 1);
    const init = defaultInit("constant", { value: act.slope ?? 0.25 });
    shape.params = [param("weight", "weight", [n], init)];
  }
  return shape;
};

const table: [RegExp, Builder][] = [
  [/^Linear$|^LazyLinear$/, linear],
  [/^Conv[123]d$|^ConvTranspose[123]d$/, conv],
  [/^Embedding$/, embedding],
  [/^(RNN|LSTM|GRU)$/, recurrentLayer],
  [/^MultiheadAttention$|^TransformerEncoderLayer$/, attentionLayer],
  [/^(BatchNorm[123]d|SyncBatchNorm|LayerNorm|GroupNorm|InstanceNorm[123]d|RMSNorm)$/, norm],
  [/^(Max|Avg|AdaptiveAvg|AdaptiveMax|LP|FractionalMax)Pool[123]d$/, plain("pooling")],
  [/^(Dropout[123]?d?|AlphaDropout|FeatureAlphaDropout)$/, plain("dropout")],
  [/^Flatten$/, plain("flatten")],
];

/** The layer shape for a `torch.nn` class name, or a parameterless "other" layer. */
export function torchLayer(name: string, info: CallInfo): LayerShape {
  const a = new Args(info);
  if (activationModules[name]) return activation(a, name);
  for (const [pattern, build] of table) if (pattern.test(name)) return build(a, name);
  return plain("other")(a, name);
}

/** Classes whose parents PyTorch code tests with isinstance (`_ConvNd`, `_BatchNorm`). */
export function torchBases(name: string): string[] {
  const bases: string[] = [];
  if (/^Conv[123]d$/.test(name)) bases.push("torch.nn.modules.conv._ConvNd");
  if (/^ConvTranspose[123]d$/.test(name))
    bases.push("torch.nn.modules.conv._ConvTransposeNd", "torch.nn.modules.conv._ConvNd");
  if (/^(BatchNorm[123]d|SyncBatchNorm)$/.test(name))
    bases.push("torch.nn.modules.batchnorm._BatchNorm", "torch.nn.modules.batchnorm._NormBase");
  if (/^InstanceNorm[123]d$/.test(name))
    bases.push(
      "torch.nn.modules.instancenorm._InstanceNorm",
      "torch.nn.modules.batchnorm._NormBase",
    );
  if (/^(RNN|LSTM|GRU)$/.test(name)) bases.push("torch.nn.RNNBase");
  return [...bases, "torch.nn.Module"];
}
