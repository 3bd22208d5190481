"""An IMDB sentiment classifier: Embedding, stacked bidirectional LSTMs, a sigmoid head."""

import keras
from keras import layers

max_features = 20000
embedding_dim = 128

inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(max_features, embedding_dim)(inputs)
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(64))(x)
x = layers.Dense(64, activation="tanh")(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

gru = keras.Sequential(
    [
        layers.Embedding(input_dim=max_features, output_dim=64),
        layers.GRU(128, recurrent_initializer="orthogonal", dropout=0.2),
        layers.Dense(1, activation="sigmoid"),
    ],
    name="gru_classifier",
)
