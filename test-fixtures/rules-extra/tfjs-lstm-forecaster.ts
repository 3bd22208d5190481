// Forecasts the next hour of a sensor from the last 168 hourly readings (one week).
// The LSTM leaves unitForgetBias unset, so TF.js starts its forget gate at 0.
import * as tf from "@tensorflow/tfjs";

const WINDOW = 168;
const FEATURES = 6;

export function buildForecaster(units = 128): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units, inputShape: [WINDOW, FEATURES] }));
//          ^ IL007 information
  model.add(tf.layers.dense({ units: 32, activation: "relu" }));
//          ^ IL001 hint
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "meanSquaredError" });
  return model;
}
