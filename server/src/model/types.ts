/**
 * The framework-neutral model description: what every front end produces and what the
 * rules, the hover, the CLI and the probe read. Plain data only (no class instances, no
 * syntax nodes), so it can be posted to the probe worker and printed as JSON.
 *
 * "Unknown" is always explicit: a dimension the front end could not resolve is `null`, an
 * initializer it could not name has `family: "unknown"`. Rules stay silent on unknowns.
 */

/** The frameworks initlint understands. */
export type Framework = "pytorch" | "keras" | "tfjs" | "flax";

/** A 0-based position, UTF-16 code units, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open source range, as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

/** A dimension: a resolved integer or `null` when the source does not pin it down. */
export type Dim = number | null;

/**
 * Layer kinds. Weighted kinds carry parameters; the rest shape the data flow between them.
 * `add` is a residual join with the output of `Layer.addFrom`.
 */
export type LayerKind =
  | "linear"
  | "conv"
  | "convTranspose"
  | "embedding"
  | "rnn"
  | "lstm"
  | "gru"
  | "attention"
  | "norm"
  | "activation"
  | "pooling"
  | "dropout"
  | "flatten"
  | "add"
  | "other";

/** Canonical activation names, shared by every framework. */
export type ActivationName =
  | "linear"
  | "relu"
  | "relu6"
  | "leaky_relu"
  | "prelu"
  | "elu"
  | "selu"
  | "gelu"
  | "silu"
  | "mish"
  | "hardswish"
  | "tanh"
  | "sigmoid"
  | "hard_sigmoid"
  | "softplus"
  | "softsign"
  | "softmax"
  | "log_softmax"
  | "unknown";

/** An activation as written: canonical name, its slope argument and where it stands. */
export interface Activation {
  name: ActivationName;
  /** Negative slope for leaky_relu (PyTorch default 0.01, Keras 0.3) or PReLU's init. */
  slope?: number;
  /** ELU's alpha, when given. */
  alpha?: number;
  /** The spelling in the source, e.g. `F.relu`, `"relu"`, `nn.ReLU`. */
  spelled: string;
  range?: Range;
}

/**
 * Initializer families in canonical form. The framework decides the exact semantics
 * (see knowledge/initializers.ts); `torch_default` is PyTorch's Linear/Conv reset
 * (`kaiming_uniform_(a=sqrt(5))`), `torch_default_bias` its U(+-1/sqrt(fan_in)) bias, and
 * `torch_rnn_default` the U(+-1/sqrt(hidden)) of every RNN parameter.
 */
export type InitFamily =
  | "torch_default"
  | "torch_default_bias"
  | "torch_rnn_default"
  | "xavier_uniform"
  | "xavier_normal"
  | "kaiming_uniform"
  | "kaiming_normal"
  | "lecun_uniform"
  | "lecun_normal"
  | "variance_scaling"
  | "orthogonal"
  | "normal"
  | "trunc_normal"
  | "uniform"
  | "zeros"
  | "ones"
  | "constant"
  | "eye"
  | "dirac"
  | "sparse"
  | "identity"
  | "unknown";

/** Arguments of an initializer, normalised to one vocabulary; absent means "default". */
export interface InitArgs {
  gain?: number;
  /** Negative slope for kaiming's leaky_relu gain. */
  a?: number;
  mode?: "fan_in" | "fan_out" | "fan_avg";
  /** PyTorch's `nonlinearity=` string, as written. */
  nonlinearity?: string;
  mean?: number;
  std?: number;
  low?: number;
  high?: number;
  value?: number;
  /** Variance scaling's `scale`. */
  scale?: number;
  distribution?: "normal" | "truncated_normal" | "untruncated_normal" | "uniform";
  /** Absolute truncation bounds (PyTorch `trunc_normal_(a, b)`). */
  truncLow?: number;
  truncHigh?: number;
  seed?: number;
  /** PyTorch `sparse_`'s share of zeroed elements per column. */
  sparsity?: number;
  /** Argument names whose value the front end could not evaluate. */
  unresolved?: string[];
}

/** Where an initializer came from, for messages and for how a fix must be written. */
export type InitOrigin =
  | "default" // the framework's default: nothing in the source
  | "argument" // a constructor argument: kernel_initializer=, kernelInitializer:, kernel_init=
  | "call" // a direct init call on the parameter: nn.init.x_(self.fc.weight)
  | "apply" // reached through self.apply(fn) / isinstance dispatch
  | "loop" // reached through a loop over modules() / parameters()
  | "inplace"; // a tensor method: self.fc.weight.data.normal_(0, 0.02)

/** One initializer as it applies to one parameter. */
export interface Initializer {
  family: InitFamily;
  framework: Framework;
  args: InitArgs;
  origin: InitOrigin;
  /** The spelling in the source (`nn.init.xavier_uniform_`, `"he_normal"`), absent for defaults. */
  spelled?: string;
  /** The whole init call or argument value, for hovers and replacing fixes. */
  range?: Range;
  /** The init statement (call plus its line) for fixes that rewrite it; PyTorch only. */
  statementRange?: Range;
}

/** Parameter roles, independent of the framework's attribute names. */
export type ParamRole =
  | "weight"
  | "bias"
  | "recurrentWeight"
  | "recurrentBias"
  | "embedding"
  | "normWeight"
  | "normBias";

/** A parameter tensor of a layer. */
export interface Param {
  role: ParamRole;
  /** The framework's name: `weight`, `bias`, `weight_hh_l0`, `kernel`, `recurrent_kernel`. */
  name: string;
  /** Shape in the framework's own layout (PyTorch `(out, in, *k)`, Keras `(*k, in, out)`). */
  shape: Dim[] | null;
  init: Initializer;
  /**
   * The constructor keyword that sets this parameter's initializer (`kernel_initializer`,
   * `depthwise_initializer`, `kernel_init`, `embedding_init`), for fixes that add or replace it.
   */
  initKeyword?: string;
  /** Every init that touches this parameter, in source order; `init` is the last of them. */
  history?: Initializer[];
}

/** The constructor call of a layer, with what edit builders need to rewrite it. */
export interface CallSite {
  /** The whole call expression, e.g. `nn.Linear(512, 512)`. */
  range: Range;
  /** Inside the parentheses (or the object literal for TF.js), for appending arguments. */
  argsRange: Range;
  /** Keyword / property arguments: name to the range of the whole `name=value` and of the value. */
  keywords: Record<string, { range: Range; valueRange: Range }>;
}

/** One node of the model's data flow. */
export interface Layer {
  /** Stable within the model: attribute path (`features.0`, `fc1`) or a generated name. */
  id: string;
  /** Display name. */
  name: string;
  kind: LayerKind;
  /** The framework's spelling of the op: `nn.Linear`, `Dense`, `tf.layers.dense`, `F.relu`. */
  op: string;
  /** Spatial dimensions of conv, pooling and norm layers. */
  spatialDims?: 1 | 2 | 3;
  /** For norm layers. */
  norm?: "batch" | "layer" | "group" | "instance" | "rms" | "weight_standardization";
  /** Input features / channels, output features / channels. */
  inFeatures: Dim;
  outFeatures: Dim;
  kernelSize?: Dim[];
  /** Conv strides per spatial dimension, as written or defaulted (1). */
  stride?: Dim[];
  /** Conv padding: zeros added on each side per spatial dimension, or the framework's mode. */
  padding?: Dim[] | "same" | "valid";
  groups?: Dim;
  /** Recurrent layers. */
  hiddenSize?: Dim;
  numLayers?: Dim;
  bidirectional?: boolean;
  /** Keras `unit_forget_bias`, TF.js `unitForgetBias` as written or defaulted. */
  unitForgetBias?: boolean;
  /** Embedding vocabulary size. */
  numEmbeddings?: Dim;
  hasBias: boolean;
  params: Param[];
  /** An activation fused into the layer (`activation="relu"`), applied to its output. */
  fusedActivation?: Activation;
  /** For `kind: "activation"` nodes (separate layers and functional calls). */
  activation?: Activation;
  /** For `kind: "add"`: the id of the layer whose output is added back (residual). */
  addFrom?: string;
  /** Whole source extent of the layer's definition (constructor call or functional call). */
  range: Range;
  /** The constructor call, when the layer is constructed in the source. */
  call?: CallSite;
  /** How code reaches this layer for a fix that adds an init line: `self.fc`, `self.net[0]`. */
  accessPath?: string;
  /** Where an added init line goes (start of the line after the assignment) and its indent. */
  insertInitAt?: { position: Position; indent: string };
  /** The model id this layer's structure comes from when it is a nested submodule. */
  submodule?: string;
  /**
   * The id of the first layer built from the same source (a layer added in an unrolled loop),
   * so findings on repeats of one call can be reported once.
   */
  repeatOf?: string;
  /**
   * True for a layer the model declares but its forward pass never reaches (listed after the
   * data-flow layers), so adjacency rules skip it.
   */
  outsideDataFlow?: boolean;
}

/** A model: a class, a Sequential expression or a functional graph. */
export interface Model {
  id: string;
  name: string;
  framework: Framework;
  /** The class or the expression that defines the model. */
  range: Range;
  /** Where a CodeLens for this model goes. */
  nameRange: Range;
  /** Layers in data-flow order, including activation, norm and functional nodes. */
  layers: Layer[];
  /**
   * False when the order of `layers` is only declaration order (no forward/call seen), so
   * rules relying on adjacency must be cautious.
   */
  orderFromDataFlow: boolean;
  /** The input shape from an `# initlint: input-shape=` directive or the description. */
  inputShape?: number[];
}

/** A file-level fact that rules about init code (not about layers) need. */
export interface InitCall {
  /** Canonical family, or "unknown" for a name the framework does not have. */
  family: InitFamily;
  framework: Framework;
  /** As written, e.g. `nn.init.xavier_uniform`, `init.kaiming_normal_`, `"he_normall"`. */
  spelled: string;
  args: InitArgs;
  range: Range;
  /** The callee's range, for fixes that rename it. */
  calleeRange: Range;
  /** What the first argument names, as written (`self.fc.weight`, `m.bias`, `p`). */
  target: string;
  /** The target is known to be 1-D (a bias, a norm parameter) or an unguarded parameters() loop. */
  targetIs1d?: "bias" | "unguarded-parameter-loop" | "norm";
  /** Deprecated spelling with the replacement to suggest. */
  deprecatedFor?: string;
  /** Framework identifier unknown; suggestions from the known spellings, closest first. */
  unknownSuggestions?: string[];
  /**
   * Keras: the initializer keyword was passed to `model.add(...)` instead of the layer, so the
   * layer keeps its default; `range` is the whole `name=value`, `calleeRange` the name.
   */
  misplaced?: boolean;
}

/** A `calculate_gain(...)` call (PyTorch), checked by IL012. */
export interface GainCall {
  nonlinearity: string;
  param?: number;
  range: Range;
  argRange: Range;
  /** The layer whose init this gain feeds, when known. */
  layerId?: string;
  modelId?: string;
}

/** Everything a front end learned from one file. */
export interface FileDescription {
  uri: string;
  /** `python`, `typescript`, `javascript`, `notebook`. */
  language: string;
  frameworks: Framework[];
  models: Model[];
  initCalls: InitCall[];
  gainCalls: GainCall[];
  /** Front-end specific facts for later rules (IL004–IL013); free-form but serialisable. */
  facts: Record<string, unknown>;
  /** Problems the front end hit (a construct it could not read): logged, never shown as findings. */
  notes: string[];
  /** Ranges of syntax errors, so tools can say a part was skipped. */
  syntaxErrors: Range[];
}
