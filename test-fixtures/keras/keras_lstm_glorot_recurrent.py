"""IMDB-style review classifier with a Glorot recurrent kernel and no forget bias."""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Embedding(10000, 64),
    layers.LSTM(128, unit_forget_bias=False, recurrent_initializer="glorot_uniform"),
#   ^ IL007 information
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
