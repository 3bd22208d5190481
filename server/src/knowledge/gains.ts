/**
 * PyTorch's `torch.nn.init.calculate_gain`, reproduced from its source: the names it accepts,
 * their gains, and which activations each name is meant for.
 */
import type { ActivationName } from "../model/types";

/** Every name `calculate_gain` accepts; anything else raises ValueError in PyTorch. */
export const torchGainNames = [
  "linear",
  "conv1d",
  "conv2d",
  "conv3d",
  "conv_transpose1d",
  "conv_transpose2d",
  "conv_transpose3d",
  "sigmoid",
  "tanh",
  "relu",
  "leaky_relu",
  "selu",
] as const;

/** A name `calculate_gain` accepts. */
export type TorchGainName = (typeof torchGainNames)[number];

/** True when PyTorch's `calculate_gain` accepts the name. */
export function isTorchGainName(name: string): name is TorchGainName {
  return (torchGainNames as readonly string[]).includes(name);
}

/** PyTorch's default negative slope for `calculate_gain("leaky_relu")` with no param. */
export const TORCH_LEAKY_GAIN_DEFAULT_SLOPE = 0.01;

/**
 * The gain PyTorch returns, or `null` for a name it rejects. `param` is leaky_relu's negative
 * slope (default 0.01; kaiming passes its `a`, default 0).
 */
export function calculateGain(name: string, param?: number): number | null {
  if (!isTorchGainName(name)) return null;
  switch (name) {
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leaky_relu": {
      const slope = param ?? TORCH_LEAKY_GAIN_DEFAULT_SLOPE;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
    default:
      return 1;
  }
}

/**
 * The gain names that fit an activation, for IL012's contradiction check; `null` when any
 * name is defensible (GELU, SiLU and the like have no exact PyTorch gain).
 */
export function gainNamesFor(activation: ActivationName): TorchGainName[] | null {
  switch (activation) {
    case "relu":
    case "relu6":
    case "leaky_relu":
    case "prelu":
      return ["relu", "leaky_relu"];
    case "tanh":
      return ["tanh"];
    case "sigmoid":
      return ["sigmoid", "linear"];
    case "selu":
      // PyTorch's docs advise "linear" for self-normalising nets; "selu" (3/4) is its own.
      return ["linear", "selu"];
    default:
      return null;
  }
}

/**
 * A name `calculate_gain` accepts that stands in for a rejected one, with the reason, or
 * `null` when no honest replacement exists. GELU, SiLU and their kin behave like ReLU for
 * large inputs, so ReLU's gain is the usual stand-in.
 */
export function gainReplacement(name: string): { name: TorchGainName; why: string } | null {
  const folded = name.toLowerCase().replace(/[-\s]/g, "_");
  if (isTorchGainName(folded)) return { name: folded, why: "the accepted spelling" };
  const squashed = folded.replace(/_/g, "");
  const exact = torchGainNames.find((n) => n.replace(/_/g, "") === squashed);
  if (exact) return { name: exact, why: "the accepted spelling" };
  const reluLike = ["gelu", "silu", "swish", "mish", "elu", "celu", "relu6", "prelu", "rrelu"];
  if (reluLike.includes(squashed) || squashed === "hardswish" || squashed === "softplus") {
    return {
      name: "relu",
      why: `calculate_gain has no "${name}"; ReLU's gain is the usual stand-in`,
    };
  }
  if (squashed === "identity" || squashed === "none") {
    return { name: "linear", why: 'calculate_gain spells the identity "linear"' };
  }
  if (squashed === "hardtanh" || squashed === "softsign") {
    return { name: "tanh", why: `calculate_gain has no "${name}"; tanh's gain is the closest` };
  }
  if (squashed === "hardsigmoid") {
    return { name: "sigmoid", why: 'calculate_gain has no "hardsigmoid"; sigmoid is closest' };
  }
  return null;
}
