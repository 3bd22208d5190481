/**
 * Keras spellings: qualified names normalised so `tf.keras.layers.Dense`,
 * `tensorflow.keras.layers.Dense`, `tf_keras.layers.Dense` and `keras.layers.Dense` all read
 * as `keras.layers.Dense`, and the generated layer names Keras itself would give.
 */
import type { SyntaxNode as Node } from "../syntax-node";
import type { ImportTable } from "../imports";
import { qualify } from "../imports";

const prefixes: [string, string][] = [
  ["tensorflow.python.keras", "keras"],
  ["tensorflow.keras", "keras"],
  ["tf_keras", "keras"],
  ["keras.src", "keras"],
  ["keras.api", "keras"],
];

/** A qualified name with TensorFlow's and tf_keras's Keras paths mapped onto `keras.`. */
export function normaliseKeras(qualified: string): string {
  for (const [from, to] of prefixes) {
    if (qualified === from) return to;
    if (qualified.startsWith(`${from}.`)) return to + qualified.slice(from.length);
  }
  // `tf.initializers` and `tf.nn` stay TensorFlow's; only the Keras namespace is renamed.
  return qualified;
}

/** The normalised qualified name of an expression, or null when it is not imported. */
export function kerasName(node: Node | null, imports: ImportTable): string | null {
  const q = qualify(node, imports);
  return q === null ? null : normaliseKeras(q);
}

const layerNamespaces = ["keras.layers.", "keras.legacy.layers."];

/** The layer class a normalised name denotes (`Dense`), or null when it is not a layer path. */
export function layerClassOf(name: string | null): string | null {
  if (!name) return null;
  if (!layerNamespaces.some((ns) => name.startsWith(ns))) return null;
  return name.split(".").pop() ?? null;
}

/** True for `keras.Sequential` and `keras.models.Sequential`. */
export function isSequential(name: string | null): boolean {
  return name === "keras.Sequential" || name === "keras.models.Sequential";
}

/** True for `keras.Model` and its aliases. */
export function isModelClass(name: string | null): boolean {
  return (
    name === "keras.Model" ||
    name === "keras.models.Model" ||
    name === "keras.engine.training.Model" ||
    name === "keras.models.Functional"
  );
}

/** True for `keras.Input`, `keras.layers.Input`. */
export function isInput(name: string | null): boolean {
  return name === "keras.Input" || name === "keras.layers.Input";
}

/** True for the base class of custom layers. */
export function isLayerBase(name: string | null): boolean {
  return name === "keras.layers.Layer" || name === "keras.Layer";
}
