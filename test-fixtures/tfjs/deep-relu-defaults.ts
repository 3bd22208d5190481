// A tabular regressor: a deep stack of ReLU dense layers, all on TF.js's default initializer.
import * as tf from "@tensorflow/tfjs-node";

const NUM_FEATURES = 64;
const HIDDEN = 256;

export function buildRegressor(): tf.LayersModel {
  const model = tf.sequential({ name: "regressor" });
  model.add(tf.layers.dense({ inputShape: [NUM_FEATURES], units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: "meanSquaredError" });
  return model;
}
