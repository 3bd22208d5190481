// A TensorFlow.js model (JavaScript) that silences initlint on purpose, with every directive form.
// initlint: input-shape=[28, 28, 1]
import * as tf from "@tensorflow/tfjs";

export function buildModel() {
  const model = tf.sequential();
  // initlint-disable-next-line IL001 -- glorot is fine for two layers
  model.add(tf.layers.dense({ units: 128, inputShape: [784], activation: "relu" }));
  model.add(tf.layers.dense({ units: 10, kernelInitializer: "zeros" })); // initlint-disable-line IL002, IL013
  /* initlint-disable-next-line */
  model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
  const note = "initlint-disable-line inside a string is not a directive";
  return model;
}
