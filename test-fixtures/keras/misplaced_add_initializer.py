"""The initializer is handed to model.add() instead of the layer, so the layer never sees it."""

import tensorflow as tf
from tensorflow.keras import layers

model = tf.keras.Sequential()
model.add(layers.Dense(64, input_shape=(20,)), kernel_initializer="he_normal")
#                                              ^ IL011 warning
model.add(layers.BatchNormalization())
model.add(layers.LeakyReLU(0.2))
model.add(layers.Dense(1))
