// A tabular regressor kept on TF.js's default initializer, with its IL001 findings silenced
// where the team accepted them: ESLint-style directives on the line itself or the line above.
import * as tf from "@tensorflow/tfjs-node";

const NUM_FEATURES = 64;
const HIDDEN = 256;

export function buildRegressor(): tf.LayersModel {
  const model = tf.sequential({ name: "regressor" });
  // initlint-disable-next-line IL001 -- measured: trains with a warm-up
  model.add(tf.layers.dense({ inputShape: [NUM_FEATURES], units: HIDDEN, activation: "relu" }));
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" })); // initlint-disable-line IL001
  /* initlint-disable-next-line IL001 */
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
  // initlint-disable-next-line
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
  // initlint-disable-next-line IL001, IL008
//                                     ^ IL100 hint
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" })); // initlint-disable-line IL001
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" })); // initlint-disable-line IL001
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" })); // initlint-disable-line IL001
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: HIDDEN, activation: "relu" }));
//          ^ IL001 warning
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.sgd(0.01), loss: "meanSquaredError" });
  return model;
}
