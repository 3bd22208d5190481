// Conv blocks in the conv -> batch norm -> ReLU order, with the activation as its own layer.
import { layers, sequential, type Sequential } from "@tensorflow/tfjs";

function convBlock(filters: number) {
  return [
    layers.conv2d({ filters, kernelSize: 3, padding: "same", useBias: false }),
    layers.batchNormalization(),
    layers.activation({ activation: "relu" }),
  ];
}

export function buildBackbone(): Sequential {
  const model = sequential();
  model.add(layers.inputLayer({ inputShape: [32, 32, 3] }));
  for (const filters of [32, 64, 128]) {
    for (const layer of convBlock(filters)) model.add(layer);
    model.add(layers.maxPooling2d({ poolSize: 2 }));
  }
  model.add(layers.globalAveragePooling2d({}));
  model.add(layers.dense({ units: 64 }));
  //        ^ IL001 hint
  model.add(layers.reLU());
  model.add(layers.dense({ units: 10, activation: "softmax" }));
  return model;
}
