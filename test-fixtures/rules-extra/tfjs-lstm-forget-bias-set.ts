// initlint-fixture: silent IL007
// Anomaly detector over 64-step windows: an LSTM encoder with its forget gate biased to 1.
import * as tf from "@tensorflow/tfjs";

export function buildEncoder(units = 96): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units, unitForgetBias: true, inputShape: [64, 3] }));
  model.add(tf.layers.dense({ units: 16, activation: "tanh" }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  return model;
}
