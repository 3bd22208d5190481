/**
 * Canonical activation names from the spellings Keras and Flax use, as strings
 * (`activation="relu"`) or as the last part of a function name (`nn.relu`, `tf.nn.relu`,
 * `jax.nn.gelu`). Shared by the Python front ends that read activations by name.
 */
import type { ActivationName } from "../../../model/types";

const names: Record<string, ActivationName> = {
  linear: "linear",
  identity: "linear",
  relu: "relu",
  relu6: "relu6",
  leaky_relu: "leaky_relu",
  elu: "elu",
  selu: "selu",
  gelu: "gelu",
  silu: "silu",
  swish: "silu",
  mish: "mish",
  hard_swish: "hardswish",
  hard_silu: "hardswish",
  tanh: "tanh",
  sigmoid: "sigmoid",
  hard_sigmoid: "hard_sigmoid",
  softplus: "softplus",
  softsign: "softsign",
  softmax: "softmax",
  log_softmax: "log_softmax",
};

/** The canonical name for a snake_case activation spelling, or null when it is not one. */
export function activationByName(name: string): ActivationName | null {
  return names[name.toLowerCase()] ?? null;
}
