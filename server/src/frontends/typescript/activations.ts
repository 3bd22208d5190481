/**
 * TF.js activation identifiers (tfjs-layers ActivationIdentifier) mapped to the canonical
 * names every framework shares. A name TF.js does not know reads as "unknown".
 */
import type { Activation, ActivationName, Range } from "../../model/types";

const names: Record<string, ActivationName> = {
  elu: "elu",
  hardSigmoid: "hard_sigmoid",
  linear: "linear",
  relu: "relu",
  relu6: "relu6",
  selu: "selu",
  sigmoid: "sigmoid",
  softmax: "softmax",
  softplus: "softplus",
  softsign: "softsign",
  tanh: "tanh",
  swish: "silu",
  mish: "mish",
  gelu: "gelu",
  gelu_new: "gelu",
  logSoftmax: "log_softmax",
};

/** The canonical activation for a TF.js identifier string. */
export function activationFromString(name: string, spelled: string, range?: Range): Activation {
  const canonical = Object.hasOwn(names, name) ? names[name]! : "unknown";
  return range ? { name: canonical, spelled, range } : { name: canonical, spelled };
}
