// Sensor-sequence classifier: a per-step dense projection, zero-initialised by mistake, feeds a simpleRNN.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [30, 10], units: 64, activation: 'relu', kernelInitializer: 'heNormal' }),
    tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: 'zeros' }),
//                                                                      ^ IL002 error
    tf.layers.simpleRNN({ units: 32 }),
    tf.layers.dense({ units: 1, activation: 'sigmoid' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
