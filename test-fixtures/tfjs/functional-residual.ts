// A residual MLP written with the functional API: two blocks with skip connections.
import * as tf from "@tensorflow/tfjs";
import { layers } from "@tensorflow/tfjs";

const WIDTH = 128;

function residualBlock(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  const h = layers
    .dense({ units: WIDTH, activation: "relu", kernelInitializer: "heNormal", name: `${name}_fc1` })
    .apply(x) as tf.SymbolicTensor;
  const y = layers.dense({ units: WIDTH, kernelInitializer: "heNormal" }).apply(h) as tf.SymbolicTensor;
  return layers.add().apply([x, y]) as tf.SymbolicTensor;
}

export function buildResidualMlp(): tf.LayersModel {
  const input = tf.input({ shape: [WIDTH] });
  const stem = tf.layers.dense({ units: WIDTH, activation: "relu", kernelInitializer: "heNormal" });
  let x = stem.apply(input) as tf.SymbolicTensor;
  x = residualBlock(x, "block1");
  const head = tf.layers.dense({ units: 10, activation: "softmax" }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: head });
  return model;
}
