/**
 * Var(W) of an initializer in its framework's exact semantics (defaults, gains, fan modes,
 * truncation), and the scheme it amounts to. Sources: torch/nn/init.py and
 * torch/nn/modules/linear.py, keras/src/initializers, tfjs-layers/src/initializers.ts,
 * jax/_src/nn/initializers.py, as summarised in KNOWLEDGE.md §1-2.
 */
import type { Dim, Framework, Initializer } from "../model/types";
import { initializerFans } from "./fans";
import { calculateGain } from "./gains";
import { truncatedNormalVariance } from "./normal";

/** Var(W) as the initializer intends it, and as its samples realise it. */
export interface WeightVariance {
  nominal: number;
  realised: number;
  /** Set when a truncated normal is left uncorrected, so realised < nominal. */
  uncorrectedTruncation?: boolean;
}

/** What an initializer's variance depends on besides its arguments. */
export interface VarianceContext {
  /** The tensor's shape in the framework's layout. */
  shape: Dim[] | null;
  /** For PyTorch biases: the fans of the weight the bias belongs to. */
  weightShape?: Dim[] | null;
  /** For PyTorch's RNN default. */
  hiddenSize?: Dim;
}

/** The share of the nominal variance a two-sigma truncated normal keeps (0.7737). */
export const TWO_SIGMA_KEPT = truncatedNormalVariance(-2, 2);

const fixedScaleDefaults: Record<Framework, { std: number; low: number; high: number }> = {
  pytorch: { std: 1, low: 0, high: 1 },
  keras: { std: 0.05, low: -0.05, high: 0.05 },
  tfjs: { std: 0.05, low: -0.05, high: 0.05 },
  flax: { std: 0.01, low: 0, high: 0.01 },
};

function exact(v: number): WeightVariance {
  return { nominal: v, realised: v };
}

/**
 * How a framework samples a "normal" variance-scaling draw: Keras and JAX divide a two-sigma
 * truncated normal's std by 0.8796 so the variance is exact; TF.js does not
 * (tensorflow/tfjs#8594), so its glorotNormal, heNormal and leCunNormal realise 0.774.
 */
function scaledDraw(v: number, framework: Framework, distribution?: string): WeightVariance {
  const truncated = distribution === "truncated_normal" || distribution === "normal";
  if (framework === "tfjs" && truncated) {
    return { nominal: v, realised: v * TWO_SIGMA_KEPT, uncorrectedTruncation: true };
  }
  return exact(v);
}

function fanOf(fans: { fanIn: number; fanOut: number }, mode: string | undefined): number {
  if (mode === "fan_out") return fans.fanOut;
  if (mode === "fan_avg") return (fans.fanIn + fans.fanOut) / 2;
  return fans.fanIn;
}

function orthogonalVariance(shape: number[], framework: Framework, gain: number): number {
  const numel = shape.reduce((a, b) => a * b, 1);
  // PyTorch flattens to (size(0), rest); Keras, TF.js and JAX to (rest, last). Either way the
  // matrix has orthonormal rows or columns, so each entry has variance 1 / max(rows, cols).
  const rows = framework === "pytorch" ? shape[0]! : numel / shape[shape.length - 1]!;
  const cols = numel / rows;
  return (gain * gain) / Math.max(rows, cols);
}

function truncatedVariance(init: Initializer): WeightVariance {
  const d = fixedScaleDefaults[init.framework];
  const std = init.args.std ?? d.std;
  const mean = init.args.mean ?? 0;
  if (init.framework === "pytorch") {
    // trunc_normal_'s bounds are absolute values and its std is not corrected.
    const low = ((init.args.truncLow ?? -2) - mean) / std;
    const high = ((init.args.truncHigh ?? 2) - mean) / std;
    return { nominal: std * std, realised: std * std * truncatedNormalVariance(low, high) };
  }
  const low = init.args.truncLow ?? -2;
  const high = init.args.truncHigh ?? 2;
  return {
    nominal: std * std,
    realised: std * std * truncatedNormalVariance(low, high),
    uncorrectedTruncation: true,
  };
}

/**
 * Var(W) of one initializer on a tensor, or `null` when it cannot be known (unknown family,
 * unresolved arguments or dims, a gain name PyTorch rejects, identity-like inits).
 */
export function weightVariance(init: Initializer, ctx: VarianceContext): WeightVariance | null {
  if (init.args.unresolved && init.args.unresolved.length > 0) return null;
  const shape = ctx.shape;
  const fans = initializerFans(shape, init.framework);
  const fw = init.framework;
  const a = init.args;
  switch (init.family) {
    case "zeros":
    case "ones":
    case "constant":
      return exact(0);
    case "normal": {
      const std = a.std ?? fixedScaleDefaults[fw].std;
      return exact(std * std);
    }
    case "uniform": {
      const d = fixedScaleDefaults[fw];
      const low = a.low ?? (fw === "flax" && a.scale !== undefined ? 0 : d.low);
      const high = a.high ?? (fw === "flax" && a.scale !== undefined ? a.scale : d.high);
      return exact(((high - low) * (high - low)) / 12);
    }
    case "trunc_normal":
      return truncatedVariance(init);
    case "sparse": {
      // sparse_ zeroes a share of each column and draws the rest from N(0, std), std 0.01.
      if (a.sparsity === undefined) return null;
      const std = a.std ?? 0.01;
      return exact((1 - a.sparsity) * std * std);
    }
    case "torch_default":
      return fans ? exact(1 / (3 * fans.fanIn)) : null;
    case "torch_default_bias": {
      const wf = initializerFans(ctx.weightShape ?? null, "pytorch");
      return wf ? exact(1 / (3 * wf.fanIn)) : null;
    }
    case "torch_rnn_default": {
      const h = ctx.hiddenSize;
      return typeof h === "number" && h > 0 ? exact(1 / (3 * h)) : null;
    }
    default:
      break;
  }
  if (!fans) return null;
  return scaledVariance(init, fans, shape as number[]);
}

function scaledVariance(
  init: Initializer,
  fans: { fanIn: number; fanOut: number },
  shape: number[],
): WeightVariance | null {
  const a = init.args;
  const fw = init.framework;
  const normalDraw = init.family.endsWith("_normal") ? "truncated_normal" : "uniform";
  switch (init.family) {
    case "xavier_uniform":
    case "xavier_normal": {
      const gain = a.gain ?? 1;
      const v = (gain * gain * 2) / (fans.fanIn + fans.fanOut);
      return fw === "pytorch" ? exact(v) : scaledDraw(v, fw, normalDraw);
    }
    case "kaiming_uniform":
    case "kaiming_normal": {
      if (fw !== "pytorch") return scaledDraw(2 / fans.fanIn, fw, normalDraw);
      const gain = calculateGain(a.nonlinearity ?? "leaky_relu", a.a ?? 0);
      return gain === null ? null : exact((gain * gain) / fanOf(fans, a.mode));
    }
    case "lecun_uniform":
    case "lecun_normal":
      return scaledDraw(1 / fans.fanIn, fw, normalDraw);
    case "variance_scaling": {
      const v = (a.scale ?? 1) / fanOf(fans, a.mode ?? "fan_in");
      const dist = a.distribution ?? (fw === "flax" ? undefined : "truncated_normal");
      return dist === undefined ? null : scaledDraw(v, fw, dist);
    }
    case "orthogonal":
      return exact(orthogonalVariance(shape, fw, a.gain ?? a.scale ?? 1));
    default:
      return null;
  }
}

/** The schemes initializer advice is phrased in (KNOWLEDGE.md §1). */
export type InitScheme =
  | "he"
  | "glorot"
  | "lecun"
  | "torch_default"
  | "orthogonal"
  | "identity"
  | "constant"
  | "fixed"
  | "unknown";

/**
 * The scheme an initializer amounts to, looking through spellings: variance scaling with
 * scale 2 on fan_in is He, kaiming with `nonlinearity="linear"` is LeCun.
 */
export function initScheme(init: Initializer): InitScheme {
  const a = init.args;
  switch (init.family) {
    case "xavier_uniform":
    case "xavier_normal":
      return "glorot";
    case "kaiming_uniform":
    case "kaiming_normal": {
      if (init.framework !== "pytorch") return "he";
      const gain = calculateGain(a.nonlinearity ?? "leaky_relu", a.a ?? 0);
      if (gain === null) return "unknown";
      return Math.abs(gain - 1) < 1e-9 ? "lecun" : "he";
    }
    case "lecun_uniform":
    case "lecun_normal":
      return "lecun";
    case "variance_scaling": {
      const scale = a.scale ?? 1;
      const mode = a.mode ?? "fan_in";
      if (mode === "fan_avg" && Math.abs(scale - 1) < 1e-9) return "glorot";
      if (mode === "fan_in" && Math.abs(scale - 1) < 1e-9) return "lecun";
      if (mode !== "fan_avg" && Math.abs(scale - 2) < 1e-9) return "he";
      return "fixed";
    }
    case "torch_default":
      return "torch_default";
    case "orthogonal":
      return "orthogonal";
    case "eye":
    case "dirac":
    case "identity":
      return "identity";
    case "zeros":
    case "ones":
    case "constant":
      return "constant";
    case "unknown":
      return "unknown";
    default:
      return "fixed";
  }
}

/** The initializer's name for messages, e.g. "Glorot", "PyTorch's default". */
export function initLabel(init: Initializer): string {
  const scheme = initScheme(init);
  if (init.origin === "default") {
    const defaults: Record<Framework, string> = {
      pytorch: "PyTorch's default",
      keras: "Keras's default glorot_uniform",
      tfjs: "TF.js's default glorotNormal",
      flax: "Flax's default lecun_normal",
    };
    return defaults[init.framework];
  }
  const labels: Record<InitScheme, string> = {
    he: "He",
    glorot: "Glorot",
    lecun: "LeCun",
    torch_default: "PyTorch's default",
    orthogonal: "orthogonal",
    identity: "identity",
    constant: "constant",
    fixed: init.spelled ?? init.family,
    unknown: init.spelled ?? "an unknown initializer",
  };
  return labels[scheme];
}
