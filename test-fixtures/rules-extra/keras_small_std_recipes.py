# initlint-fixture: silent IL008
"""A GPT-style token classifier: every kernel N(0, 0.02), a LayerNorm after each projection,
and a wide layer on N(0, 1) that is safe because a BatchNormalization follows it."""

import keras
from keras import layers

D_MODEL = 768


def build_tagger(vocab=30000, tags=17):
    small = keras.initializers.RandomNormal(stddev=0.02)
    inputs = keras.Input(shape=(None,), dtype="int32")
    x = layers.Embedding(vocab, D_MODEL, embeddings_initializer=small)(inputs)
    x = layers.Dense(4 * D_MODEL, activation="gelu", kernel_initializer=small)(x)
    x = layers.Dense(D_MODEL, kernel_initializer=small)(x)
    x = layers.LayerNormalization()(x)
    x = layers.Dense(D_MODEL, kernel_initializer=keras.initializers.RandomNormal(stddev=1.0))(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    outputs = layers.Dense(tags, activation="softmax", kernel_initializer=small)(x)
    return keras.Model(inputs, outputs)
