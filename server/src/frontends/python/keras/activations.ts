/**
 * Keras activations as written: `activation="relu"`, `activation=tf.nn.relu`,
 * `activation=keras.activations.gelu`, and functional calls in `call()` or on the functional
 * graph (`tf.nn.relu(x)`, `keras.ops.relu(x)`, `keras.activations.tanh(x)`).
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { Activation } from "../../../model/types";
import { activationByName } from "../common/activations";
import { evalString, isNone } from "../common/literals";
import { rangeOf } from "../common/ranges";
import type { KerasEnv } from "./env";
import { kerasName } from "./names";

const functionNamespaces = [
  "keras.activations",
  "keras.ops",
  "keras.backend",
  "tensorflow.nn",
  "tensorflow.math",
  "tensorflow",
];

/** The activation a function name denotes (`tf.nn.relu`), or null when it is not one. */
export function activationFunction(node: Node, env: KerasEnv): Activation | null {
  const name = kerasName(node, env.imports);
  if (!name) return null;
  const dot = name.lastIndexOf(".");
  if (!functionNamespaces.includes(name.slice(0, dot))) return null;
  const canonical = activationByName(name.slice(dot + 1));
  if (!canonical) return null;
  return { name: canonical, spelled: node.text, range: rangeOf(node) };
}

/**
 * The activation an `activation=` value names; null for `None` (linear) or absent. A value
 * that is not a literal or a known function reads as "unknown" so rules stay silent.
 */
export function activationValue(node: Node | null, env: KerasEnv): Activation | null {
  if (!node || isNone(node)) return null;
  const text = evalString(node, env.scope);
  if (text !== null) {
    const name = activationByName(text) ?? "unknown";
    const activation: Activation = { name, spelled: node.text, range: rangeOf(node) };
    // Keras's string "leaky_relu" uses the function's default slope of 0.2.
    if (name === "leaky_relu") activation.slope = 0.2;
    return activation;
  }
  const fn = activationFunction(node, env);
  if (fn) return fn.name === "leaky_relu" ? { ...fn, slope: 0.2 } : fn;
  return { name: "unknown", spelled: node.text, range: rangeOf(node) };
}
