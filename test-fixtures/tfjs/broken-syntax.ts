// A model file in the middle of an edit: one call is not closed yet.
import * as tf from "@tensorflow/tfjs";

export function buildModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [16], units: 32, activation: "tanh" }));
  model.add(tf.layers.dense({ units: 8, activation: "tanh"
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
