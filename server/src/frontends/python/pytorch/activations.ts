/**
 * PyTorch's activation spellings mapped to the canonical names: modules (`nn.ReLU`),
 * functional calls (`F.relu`, `torch.tanh`) and tensor methods (`x.relu()`), with the
 * argument that carries a slope or alpha and its PyTorch default.
 */
import type { ActivationName } from "../../../model/types";

/** How one activation spelling maps to a canonical name and where its parameter sits. */
export interface ActivationSpec {
  name: ActivationName;
  /** Keyword and position (in the module constructor or functional call) of the parameter. */
  param?: { keyword: string; index: number; default: number; field: "slope" | "alpha" };
}

const slope = (index: number, def: number, keyword = "negative_slope") => ({
  keyword,
  index,
  default: def,
  field: "slope" as const,
});
const alpha = (index: number) => ({
  keyword: "alpha",
  index,
  default: 1,
  field: "alpha" as const,
});

/** `torch.nn.<Name>` activation modules. */
export const activationModules: Record<string, ActivationSpec> = {
  ReLU: { name: "relu" },
  ReLU6: { name: "relu6" },
  LeakyReLU: { name: "leaky_relu", param: slope(0, 0.01) },
  PReLU: { name: "prelu", param: slope(1, 0.25, "init") },
  ELU: { name: "elu", param: alpha(0) },
  CELU: { name: "elu", param: alpha(0) },
  SELU: { name: "selu" },
  GELU: { name: "gelu" },
  SiLU: { name: "silu" },
  Mish: { name: "mish" },
  Hardswish: { name: "hardswish" },
  Hardsigmoid: { name: "hard_sigmoid" },
  Tanh: { name: "tanh" },
  Sigmoid: { name: "sigmoid" },
  Softplus: { name: "softplus" },
  Softsign: { name: "softsign" },
  Softmax: { name: "softmax" },
  LogSoftmax: { name: "log_softmax" },
};

/** Functional names under `torch.nn.functional`; the input tensor is argument 0. */
export const functionalActivations: Record<string, ActivationSpec> = {
  relu: { name: "relu" },
  relu_: { name: "relu" },
  relu6: { name: "relu6" },
  leaky_relu: { name: "leaky_relu", param: slope(1, 0.01) },
  leaky_relu_: { name: "leaky_relu", param: slope(1, 0.01) },
  prelu: { name: "prelu" },
  elu: { name: "elu", param: alpha(1) },
  elu_: { name: "elu", param: alpha(1) },
  celu: { name: "elu", param: alpha(1) },
  selu: { name: "selu" },
  gelu: { name: "gelu" },
  silu: { name: "silu" },
  mish: { name: "mish" },
  hardswish: { name: "hardswish" },
  hardsigmoid: { name: "hard_sigmoid" },
  tanh: { name: "tanh" },
  sigmoid: { name: "sigmoid" },
  softplus: { name: "softplus" },
  softsign: { name: "softsign" },
  softmax: { name: "softmax" },
  log_softmax: { name: "log_softmax" },
};

/** Activations PyTorch also has at the top level (`torch.relu`) and as tensor methods. */
export const tensorActivations: Record<string, ActivationSpec> = {
  relu: { name: "relu" },
  relu_: { name: "relu" },
  tanh: { name: "tanh" },
  tanh_: { name: "tanh" },
  sigmoid: { name: "sigmoid" },
  sigmoid_: { name: "sigmoid" },
  selu: { name: "selu" },
  softmax: { name: "softmax" },
  log_softmax: { name: "log_softmax" },
};

/** The activation spec for a qualified functional name, if it is one. */
export function functionalActivation(qualified: string): ActivationSpec | undefined {
  const fn = "torch.nn.functional.";
  if (qualified.startsWith(fn)) return functionalActivations[qualified.slice(fn.length)];
  if (qualified.startsWith("torch.") && qualified.split(".").length === 2) {
    return tensorActivations[qualified.slice("torch.".length)];
  }
  return undefined;
}
