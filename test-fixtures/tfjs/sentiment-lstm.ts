// Sentiment classifier over padded word-index sequences: embedding, LSTM, sigmoid head.
import * as tf from "@tensorflow/tfjs-node-gpu";

const VOCAB_SIZE = 10000;
const MAX_LEN = 100;
const EMBEDDING_SIZE = 64;

export function buildSentimentModel(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.embedding({
        inputDim: VOCAB_SIZE,
        outputDim: EMBEDDING_SIZE,
        inputLength: MAX_LEN,
      }),
      tf.layers.lstm({ units: 32, returnSequences: false, unitForgetBias: true }),
      tf.layers.dropout({ rate: 0.25 }),
      tf.layers.dense({ units: 1, activation: "sigmoid" }),
    ],
  });
}
