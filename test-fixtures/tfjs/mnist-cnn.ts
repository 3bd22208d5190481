// A small convolutional classifier for 28x28 grayscale digits, trained in the browser.
import * as tf from "@tensorflow/tfjs";

const IMAGE_SIZE = 28;
const NUM_CLASSES = 10;

export function createConvModel(): tf.Sequential {
  const model = tf.sequential();

  model.add(
    tf.layers.conv2d({
      inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1],
      kernelSize: 5,
      filters: 8,
      strides: 1,
      activation: "relu",
      kernelInitializer: "varianceScaling",
      //                 ^ IL001 hint
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: [2, 2], strides: [2, 2] }));

  model.add(
    tf.layers.conv2d({
      kernelSize: 5,
      filters: 16,
      strides: 1,
      activation: "relu",
      kernelInitializer: "varianceScaling",
      //                 ^ IL001 hint
    }),
  );
  model.add(tf.layers.maxPooling2d({ poolSize: [2, 2], strides: [2, 2] }));

  model.add(tf.layers.flatten());
  model.add(
    tf.layers.dense({
      units: NUM_CLASSES,
      kernelInitializer: "varianceScaling",
      activation: "softmax",
    }),
  );

  model.compile({
    optimizer: tf.train.adam(),
    loss: "categoricalCrossentropy",
    metrics: ["accuracy"],
  });
  return model;
}

export async function train(model: tf.Sequential, xs: tf.Tensor4D, ys: tf.Tensor2D) {
  await model.fit(xs, ys, { batchSize: 64, epochs: 3, validationSplit: 0.15 });
}
