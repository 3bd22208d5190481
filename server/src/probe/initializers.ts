/**
 * Initializers in each framework's own semantics, resolved to a distribution the probe can
 * draw from: PyTorch's `nn.init` functions and layer defaults, Keras's variance scaling with
 * its truncation correction, TF.js's uncorrected truncated normal, Flax's `lecun_normal`.
 * Facts from shared/KNOWLEDGE.md sections 1-2 and each framework's initializer source.
 */
import type { Framework, Initializer } from "../model/types";

/** Keras and JAX divide the std of a truncated normal by this so the variance is exact. */
export const TRUNC_CORRECTION = 0.8796256610342398;

/** A distribution over the elements of one parameter. */
export type Distribution =
  | { kind: "uniform"; low: number; high: number }
  | { kind: "normal"; mean: number; std: number }
  /** Standard normal truncated to [lo, hi], then scaled: mean + std * z. */
  | { kind: "truncnormal"; mean: number; std: number; lo: number; hi: number }
  | { kind: "constant"; value: number }
  | { kind: "orthogonal"; gain: number }
  | { kind: "eye"; gain: number }
  | { kind: "dirac"; gain: number }
  | { kind: "sparse"; std: number; sparsity: number };

/** A resolved initializer: what to draw, the intended variance and a label for output. */
export interface ResolvedInit {
  dist: Distribution;
  nominalVar: number;
  label: string;
  /** Why the resolution is an assumption, when it is one. */
  note?: string;
}

/** Fans of a parameter in the framework's convention. */
export interface Fans {
  fanIn: number;
  fanOut: number;
}

/** PyTorch's `calculate_gain`, or null for a name it rejects. */
export function torchGain(nonlinearity: string | undefined, param?: number): number | null {
  const name = nonlinearity ?? "leaky_relu";
  const linearLike = ["linear", "identity", "sigmoid", "conv1d", "conv2d", "conv3d"];
  if (linearLike.includes(name) || name.startsWith("conv_transpose")) return 1;
  if (name === "tanh") return 5 / 3;
  if (name === "relu") return Math.SQRT2;
  if (name === "selu") return 0.75;
  if (name === "leaky_relu") {
    const s = param ?? 0.01;
    return Math.sqrt(2 / (1 + s * s));
  }
  return null;
}

function fanOf(mode: string | undefined, fans: Fans): number {
  if (mode === "fan_out") return fans.fanOut;
  if (mode === "fan_avg") return (fans.fanIn + fans.fanOut) / 2;
  return fans.fanIn;
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** Variance scaling as Keras, TF.js and JAX implement it; only TF.js skips the correction. */
function varianceScaling(
  framework: Framework,
  input: { scale: number; mode: string; distribution: string; fans: Fans; label: string },
): ResolvedInit {
  const variance = input.scale / Math.max(1, fanOf(input.mode, input.fans));
  if (input.distribution === "uniform") {
    const limit = Math.sqrt(3 * variance);
    return {
      dist: { kind: "uniform", low: -limit, high: limit },
      nominalVar: variance,
      label: input.label,
    };
  }
  if (input.distribution === "untruncated_normal") {
    const std = Math.sqrt(variance);
    return { dist: { kind: "normal", mean: 0, std }, nominalVar: variance, label: input.label };
  }
  const corrected = framework !== "tfjs";
  const std = Math.sqrt(variance) / (corrected ? TRUNC_CORRECTION : 1);
  const dist: Distribution = { kind: "truncnormal", mean: 0, std, lo: -2, hi: 2 };
  return { dist, nominalVar: variance, label: input.label };
}

function uniformVar(low: number, high: number): number {
  return ((high - low) * (high - low)) / 12;
}

/** Per-framework defaults of the plain random initializers. */
function plainDefaults(framework: Framework): { std: number; low: number; high: number } {
  if (framework === "pytorch") return { std: 1, low: 0, high: 1 };
  if (framework === "flax") return { std: 0.01, low: 0, high: 0.01 };
  return { std: 0.05, low: -0.05, high: 0.05 };
}

function resolveTorchFamily(init: Initializer, fans: Fans): ResolvedInit | null {
  const a = init.args;
  const gainOf = (): number => torchGain(a.nonlinearity, a.a ?? 0) ?? Math.SQRT2;
  switch (init.family) {
    case "torch_default": {
      const bound = 1 / Math.sqrt(Math.max(1, fans.fanIn));
      const dist: Distribution = { kind: "uniform", low: -bound, high: bound };
      return { dist, nominalVar: (bound * bound) / 3, label: "kaiming_uniform_(a=√5)" };
    }
    case "torch_default_bias": {
      const bound = 1 / Math.sqrt(Math.max(1, fans.fanIn));
      const dist: Distribution = { kind: "uniform", low: -bound, high: bound };
      return { dist, nominalVar: (bound * bound) / 3, label: `uniform_(±1/√${fans.fanIn})` };
    }
    case "kaiming_uniform":
    case "kaiming_normal": {
      const std = gainOf() / Math.sqrt(Math.max(1, fanOf(a.mode, fans)));
      const label = `${init.family}_(${a.nonlinearity ?? "leaky_relu"}, ${a.mode ?? "fan_in"})`;
      if (init.family === "kaiming_normal") {
        return { dist: { kind: "normal", mean: 0, std }, nominalVar: std * std, label };
      }
      const bound = Math.sqrt(3) * std;
      return {
        dist: { kind: "uniform", low: -bound, high: bound },
        nominalVar: std * std,
        label,
      };
    }
    case "trunc_normal": {
      const mean = a.mean ?? 0;
      const std = a.std ?? 1;
      const lo = ((a.truncLow ?? -2) - mean) / std;
      const hi = ((a.truncHigh ?? 2) - mean) / std;
      const dist: Distribution = { kind: "truncnormal", mean, std, lo, hi };
      return { dist, nominalVar: std * std, label: `trunc_normal_(std=${fmt(std)})` };
    }
    default:
      return null;
  }
}

function resolveKerasLikeFamily(init: Initializer, fans: Fans): ResolvedInit | null {
  const a = init.args;
  const fw = init.framework;
  const scaled = (scale: number, mode: string, distribution: string): ResolvedInit =>
    varianceScaling(fw, {
      scale,
      mode,
      distribution,
      fans,
      label: init.spelled ?? init.family,
    });
  switch (init.family) {
    case "kaiming_uniform":
      return scaled(2, "fan_in", "uniform");
    case "kaiming_normal":
      return scaled(2, "fan_in", "truncated_normal");
    case "lecun_uniform":
      return scaled(1, "fan_in", "uniform");
    case "trunc_normal": {
      const std = a.std ?? plainDefaults(fw).std;
      const mean = a.mean ?? 0;
      const dist: Distribution = { kind: "truncnormal", mean, std, lo: -2, hi: 2 };
      return { dist, nominalVar: std * std, label: `truncated_normal(${fmt(std)})` };
    }
    default:
      return null;
  }
}

/** Resolves one initializer for a parameter with these fans. */
export function resolveInit(init: Initializer, fans: Fans, hidden?: number): ResolvedInit {
  const a = init.args;
  const fw = init.framework;
  const torchLike = fw === "pytorch";
  const specific = torchLike
    ? resolveTorchFamily(init, fans)
    : resolveKerasLikeFamily(init, fans);
  if (specific) return specific;
  const defaults = plainDefaults(fw);
  switch (init.family) {
    case "torch_rnn_default": {
      const bound = 1 / Math.sqrt(Math.max(1, hidden ?? fans.fanIn));
      const dist: Distribution = { kind: "uniform", low: -bound, high: bound };
      return {
        dist,
        nominalVar: (bound * bound) / 3,
        label: `uniform_(±1/√${hidden ?? fans.fanIn})`,
      };
    }
    case "xavier_uniform":
    case "xavier_normal": {
      if (!torchLike) {
        const distribution = init.family === "xavier_uniform" ? "uniform" : "truncated_normal";
        return varianceScaling(fw, {
          scale: 1,
          mode: "fan_avg",
          distribution,
          fans,
          label: init.family,
        });
      }
      const gain = a.gain ?? 1;
      const std = gain * Math.sqrt(2 / Math.max(1, fans.fanIn + fans.fanOut));
      const label = `${init.family}_(gain=${fmt(gain)})`;
      if (init.family === "xavier_normal") {
        return { dist: { kind: "normal", mean: 0, std }, nominalVar: std * std, label };
      }
      const bound = Math.sqrt(3) * std;
      return {
        dist: { kind: "uniform", low: -bound, high: bound },
        nominalVar: std * std,
        label,
      };
    }
    case "lecun_normal":
      return varianceScaling(fw, {
        scale: 1,
        mode: "fan_in",
        distribution: torchLike ? "untruncated_normal" : "truncated_normal",
        fans,
        label: "lecun_normal",
      });
    case "lecun_uniform":
      return varianceScaling(fw, {
        scale: 1,
        mode: "fan_in",
        distribution: "uniform",
        fans,
        label: "lecun_uniform",
      });
    case "variance_scaling":
      return varianceScaling(fw, {
        scale: a.scale ?? 1,
        mode: a.mode ?? "fan_in",
        distribution: a.distribution ?? "truncated_normal",
        fans,
        label: `variance_scaling(${fmt(a.scale ?? 1)}, ${a.mode ?? "fan_in"})`,
      });
    case "orthogonal": {
      const gain = a.gain ?? 1;
      const nominalVar = (gain * gain) / Math.max(fans.fanIn, fans.fanOut);
      return {
        dist: { kind: "orthogonal", gain },
        nominalVar,
        label: `orthogonal(gain=${fmt(gain)})`,
      };
    }
    case "normal": {
      const std = a.std ?? defaults.std;
      const mean = a.mean ?? 0;
      return {
        dist: { kind: "normal", mean, std },
        nominalVar: std * std,
        label: `normal(${fmt(mean)}, ${fmt(std)})`,
      };
    }
    case "uniform": {
      const low = a.low ?? defaults.low;
      const high = a.high ?? defaults.high;
      const dist: Distribution = { kind: "uniform", low, high };
      return {
        dist,
        nominalVar: uniformVar(low, high),
        label: `uniform(${fmt(low)}, ${fmt(high)})`,
      };
    }
    case "zeros":
      return { dist: { kind: "constant", value: 0 }, nominalVar: 0, label: "zeros" };
    case "ones":
      return { dist: { kind: "constant", value: 1 }, nominalVar: 0, label: "ones" };
    case "constant": {
      const value = a.value ?? 0;
      return {
        dist: { kind: "constant", value },
        nominalVar: 0,
        label: `constant(${fmt(value)})`,
      };
    }
    case "eye":
    case "identity": {
      const gain = a.gain ?? 1;
      const n = Math.min(fans.fanIn, fans.fanOut);
      const nominalVar = (gain * gain * n) / Math.max(1, fans.fanIn * fans.fanOut);
      return { dist: { kind: "eye", gain }, nominalVar, label: init.family };
    }
    case "dirac":
      return { dist: { kind: "dirac", gain: a.gain ?? 1 }, nominalVar: 0, label: "dirac_" };
    case "sparse": {
      const std = a.std ?? 0.01;
      const sparsity = a.sparsity ?? 0.1;
      const nominalVar = std * std * (1 - sparsity);
      return {
        dist: { kind: "sparse", std, sparsity },
        nominalVar,
        label: `sparse_(${fmt(sparsity)})`,
      };
    }
    default:
      return { dist: { kind: "constant", value: 0 }, nominalVar: 0, label: "unknown" };
  }
}

/** The initializer a framework gives a weight of this kind when the source says nothing. */
export function frameworkDefault(framework: Framework, role: "weight" | "bias"): Initializer {
  const base = { framework, args: {}, origin: "default" as const };
  if (framework === "pytorch") {
    return { ...base, family: role === "weight" ? "torch_default" : "torch_default_bias" };
  }
  if (role === "bias") return { ...base, family: "zeros" };
  if (framework === "keras") return { ...base, family: "xavier_uniform" };
  if (framework === "tfjs") return { ...base, family: "xavier_normal" };
  return { ...base, family: "lecun_normal" };
}
