// Initializers spelled the Keras way or with typos, which TF.js rejects at model build time.
import * as tf from "@tensorflow/tfjs";

export function buildClassifier(inputDim: number): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [inputDim],
      units: 64,
      activation: "relu",
      kernelInitializer: "he_normal",
//                       ^ IL011 error
    }),
  );
  model.add(tf.layers.dense({ units: 64, activation: "relu", kernelInitializer: 'heNormall' }));
//                                                                              ^ IL011 error
  model.add(
    tf.layers.dense({
      units: 10,
      activation: "softmax",
      kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
      biasInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 0.1 }),
    }),
  );
  return model;
}
