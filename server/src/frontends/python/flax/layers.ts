/**
 * Flax layer construction for linen (`nn.Dense(features)`, sizes inferred from the input)
 * and nnx (`nnx.Linear(in_features, out_features, rngs=rngs)`, sizes given). Kernels are
 * `(*k, in, out)`; defaults are lecun_normal kernels, zero biases, orthogonal recurrent
 * kernels and Embed's N(0, 1/features).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Dim, InitCall, Layer, LayerKind, Param, ParamRole } from "../../../model/types";
import { argument, type CallParts, readCall } from "../common/calls";
import type { Built } from "../common/flow";
import { evalBool, evalDim, evalDims, evalString, type Scope } from "../common/literals";
import type { LayerNamer } from "../common/naming";
import { rangeOf } from "../common/ranges";
import {
  lastDim,
  paddingOf,
  spatialOf,
  transposedOutput,
  windowOutput,
  withLast,
} from "../common/shapes";
import type { ImportTable } from "../imports";
import { flaxDefault, readFlaxInitializer } from "./initializers";
import { flaxName } from "./names";

/** What the Flax builders share for one file. */
export interface FlaxEnv {
  imports: ImportTable;
  initCalls: InitCall[];
}

interface Input {
  parts: CallParts;
  cls: string;
  nnx: boolean;
  id: string;
  input: Dim[] | null;
  scope: Scope;
  env: FlaxEnv;
}

const recurrent: Record<string, LayerKind> = {
  LSTMCell: "lstm",
  OptimizedLSTMCell: "lstm",
  ConvLSTMCell: "lstm",
  GRUCell: "gru",
  MGUCell: "gru",
  SimpleCell: "rnn",
};

const norms: Record<string, Layer["norm"]> = {
  BatchNorm: "batch",
  LayerNorm: "layer",
  GroupNorm: "group",
  RMSNorm: "rms",
  InstanceNorm: "instance",
};

const known = [
  "Dense",
  "Linear",
  "Conv",
  "ConvTranspose",
  "Embed",
  "Dropout",
  "RNN",
  "Bidirectional",
];

/** The Flax layer class a call constructs, or null. */
export function flaxLayerClass(
  call: Node | null,
  imports: ImportTable,
): { cls: string; nnx: boolean } | null {
  const parts = readCall(call);
  const name = parts ? flaxName(parts.callee, imports) : null;
  if (!name || (name.kind !== "linen" && name.kind !== "nnx")) return null;
  const cls = name.member;
  if (!known.includes(cls) && !(cls in recurrent) && !(cls in norms)) return null;
  return { cls, nnx: name.kind === "nnx" };
}

function arg(b: Input, name: string, index?: number): Node | null {
  return argument(b.parts, name, index);
}

function dim(b: Input, name: string, index?: number): Dim {
  return evalDim(arg(b, name, index), b.scope);
}

function param(
  b: Input,
  spec: {
    role: ParamRole;
    name: string;
    shape: Dim[] | null;
    keyword: string;
    fallback: () => ReturnType<typeof flaxDefault>;
  },
): Param {
  const given = b.parts.keywords.get(spec.keyword);
  const read = given
    ? readFlaxInitializer(given.value, {
        target: `${b.id}.${spec.name}`,
        imports: b.env.imports,
        scope: b.scope,
      })
    : null;
  if (
    read?.call &&
    !b.env.initCalls.some(
      (c) =>
        c.range.start.line === read.call!.range.start.line &&
        c.range.start.character === read.call!.range.start.character,
    )
  ) {
    b.env.initCalls.push(read.call);
  }
  if (read && spec.role === "bias" && read.call) read.call.targetIs1d = "bias";
  if (read && (spec.role === "normWeight" || spec.role === "normBias") && read.call)
    read.call.targetIs1d = "norm";
  return {
    role: spec.role,
    name: spec.name,
    shape: spec.shape,
    initKeyword: spec.keyword,
    init: read?.init ?? spec.fallback(),
  };
}

function bias(b: Input, size: Dim): Param[] {
  const use = arg(b, "use_bias");
  if (use && evalBool(use, b.scope) === false) return [];
  return [
    param(b, {
      role: "bias",
      name: "bias",
      shape: [size],
      keyword: "bias_init",
      fallback: () => flaxDefault("zeros"),
    }),
  ];
}

function layer(b: Input, kind: LayerKind, inF: Dim, outF: Dim, params: Param[]): Layer {
  return {
    id: b.id,
    name: b.id,
    kind,
    op: b.parts.callee.text,
    inFeatures: inF,
    outFeatures: outF,
    hasBias: params.some((p) => p.role === "bias"),
    params,
    range: rangeOf(b.parts.call),
    call: b.parts.site,
  };
}

function kernel(b: Input, shape: Dim[] | null): Param {
  return param(b, {
    role: "weight",
    name: "kernel",
    shape,
    keyword: "kernel_init",
    fallback: () => flaxDefault("lecun_normal"),
  });
}

function dense(b: Input): Built {
  const inF = b.nnx ? dim(b, "in_features", 0) : lastDim(b.input);
  const outF = b.nnx ? dim(b, "out_features", 1) : dim(b, "features", 0);
  return {
    layer: layer(b, "linear", inF, outF, [kernel(b, [inF, outF]), ...bias(b, outF)]),
    output: withLast(b.input, outF),
  };
}

function conv(b: Input): Built {
  const transposed = b.cls === "ConvTranspose";
  const inC = b.nnx ? dim(b, "in_features", 0) : lastDim(b.input);
  const outC = b.nnx ? dim(b, "out_features", 1) : dim(b, "features", 0);
  const sizeNode = arg(b, "kernel_size", b.nnx ? 2 : 1);
  const size = sizeNode ? (evalDims(sizeNode, b.scope, 1) ?? null) : null;
  const dims = Math.min(3, Math.max(1, size?.length ?? 2));
  const kernelSize = size ?? Array.from({ length: dims }, () => null);
  const groupsNode = arg(b, "feature_group_count");
  const groups = groupsNode ? evalDim(groupsNode, b.scope) : 1;
  const perGroup = inC !== null && groups ? inC / groups : null;
  const l = layer(b, transposed ? "convTranspose" : "conv", inC, outC, [
    kernel(b, [...kernelSize, transposed ? inC : perGroup, outC]),
    ...bias(b, outC),
  ]);
  l.spatialDims = dims as 1 | 2 | 3;
  l.kernelSize = kernelSize;
  l.groups = groups;
  const stridesNode = arg(b, "strides", b.nnx ? 3 : 2);
  const strides = stridesNode
    ? (evalDims(stridesNode, b.scope, dims) ?? [])
    : kernelSize.map(() => 1);
  const paddingNode = arg(b, "padding", b.nnx ? 4 : 3);
  const padding = paddingOf(
    paddingNode ? (evalString(paddingNode, b.scope) ?? "?") : null,
    "same",
  );
  const spatial = spatialOf(b.input, dims);
  const geometry = { spatial, dims, window: kernelSize, strides, padding };
  const out = transposed ? transposedOutput(geometry) : windowOutput(geometry);
  return { layer: l, output: spatial ? [...out, outC] : withLast(b.input, outC) };
}

function embed(b: Input): Built {
  const vocab = dim(b, "num_embeddings", 0);
  const features = dim(b, "features", 1);
  // Flax's default is variance_scaling(1.0, "fan_in", "normal", out_axis=0): N(0, 1/features).
  const fallback = () =>
    features
      ? { ...flaxDefault("normal"), args: { mean: 0, std: 1 / Math.sqrt(features) } }
      : { ...flaxDefault("variance_scaling"), args: { unresolved: ["features"] } };
  const table = param(b, {
    role: "embedding",
    name: "embedding",
    shape: [vocab, features],
    keyword: "embedding_init",
    fallback,
  });
  const l = layer(b, "embedding", vocab, features, [table]);
  l.numEmbeddings = vocab;
  return { layer: l, output: b.input ? [...b.input, features] : [null, features] };
}

function cell(b: Input): Built {
  const kind = recurrent[b.cls]!;
  const inF = b.nnx ? dim(b, "in_features", 0) : lastDim(b.input);
  const hidden = b.nnx ? dim(b, "hidden_features", 1) : dim(b, "features", 0);
  const params = [
    kernel(b, [inF, hidden]),
    param(b, {
      role: "recurrentWeight",
      name: "recurrent_kernel",
      shape: [hidden, hidden],
      keyword: "recurrent_kernel_init",
      fallback: () => flaxDefault("orthogonal"),
    }),
    ...bias(b, hidden),
  ];
  const l = layer(b, kind, inF, hidden, params);
  l.hiddenSize = hidden;
  l.numLayers = 1;
  l.bidirectional = false;
  l.unitForgetBias = false;
  return { layer: l, output: withLast(b.input, hidden) };
}

function norm(b: Input): Built {
  const c = b.nnx ? (dim(b, "num_features", 0) ?? lastDim(b.input)) : lastDim(b.input);
  const params: Param[] = [];
  const useScale = arg(b, "use_scale");
  const useBias = arg(b, "use_bias");
  if (!useScale || evalBool(useScale, b.scope) !== false) {
    params.push(
      param(b, {
        role: "normWeight",
        name: "scale",
        shape: [c],
        keyword: "scale_init",
        fallback: () => flaxDefault("ones"),
      }),
    );
  }
  if (!useBias || evalBool(useBias, b.scope) !== false) {
    params.push(
      param(b, {
        role: "normBias",
        name: "bias",
        shape: [c],
        keyword: "bias_init",
        fallback: () => flaxDefault("zeros"),
      }),
    );
  }
  const l = layer(b, "norm", c, c, params);
  l.norm = norms[b.cls];
  return { layer: l, output: b.input };
}

/** Builds one Flax layer for the shape flowing in; null when the call is not a Flax layer. */
export function buildFlaxLayer(
  call: Node,
  input: Dim[] | null,
  opts: { env: FlaxEnv; scope: Scope; namer: LayerNamer; id?: string },
): Built | null {
  const found = flaxLayerClass(call, opts.env.imports);
  const parts = readCall(call);
  if (!found || !parts) return null;
  const explicit = evalString(parts.keywords.get("name")?.value ?? null, opts.scope);
  const id = opts.id ?? opts.namer.next(found.cls, explicit);
  const b: Input = {
    parts,
    cls: found.cls,
    nnx: found.nnx,
    id,
    input,
    scope: opts.scope,
    env: opts.env,
  };
  if (found.cls === "Dense" || found.cls === "Linear") return dense(b);
  if (found.cls === "Conv" || found.cls === "ConvTranspose") return conv(b);
  if (found.cls === "Embed") return embed(b);
  if (found.cls in recurrent) return cell(b);
  if (found.cls in norms) return norm(b);
  if (found.cls === "RNN") {
    // `nn.RNN(nn.LSTMCell(64))`: the cell carries the parameters and the call site.
    const inner = parts.positional[0] ?? null;
    const built = inner ? buildFlaxLayer(inner, input, { ...opts, id }) : null;
    if (built) built.layer.range = rangeOf(call);
    return built ?? { layer: layer(b, "other", lastDim(input), null, []), output: null };
  }
  if (found.cls === "Dropout") {
    const c = lastDim(input);
    return { layer: layer(b, "dropout", c, c, []), output: input };
  }
  return { layer: layer(b, "other", lastDim(input), null, []), output: null };
}
