// A self-normalising classifier for tabular data (SELU with LeCun normal, alpha dropout).
const tf = require("@tensorflow/tfjs-node");

function buildSeluNet(numFeatures, numClasses) {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [numFeatures],
      units: 256,
      activation: "selu",
      kernelInitializer: "leCunNormal",
    }),
  );
  for (let i = 0; i < 3; i++) {
    model.add(tf.layers.dense({ units: 256, activation: "selu", kernelInitializer: "leCunNormal" }));
    model.add(tf.layers.alphaDropout({ rate: 0.05 }));
  }
  model.add(tf.layers.dense({ units: numClasses, activation: "softmax" }));
  return model;
}

module.exports = { buildSeluNet };
