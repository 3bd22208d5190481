// Sequence regressor: an LSTM without the forget bias, then a Glorot-initialised simpleRNN.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.lstm({ inputShape: [50, 8], units: 128, returnSequences: true, unitForgetBias: false }));
//        ^ IL007 information
model.add(tf.layers.simpleRNN({ units: 128, recurrentInitializer: 'glorotUniform' }));
//        ^ IL007 information
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
