"""A subclassed Keras model: layers built in __init__, order and activations from call()."""

import keras
from keras import initializers, layers, ops


class TanhRegressor(keras.Model):
    def __init__(self, hidden=256, outputs=1):
        super().__init__()
        self.hidden = hidden
        self.fc1 = layers.Dense(self.hidden, kernel_initializer=initializers.GlorotUniform(seed=0))
        self.fc2 = layers.Dense(self.hidden, kernel_initializer="glorot_uniform")
        self.norm = layers.LayerNormalization()
        self.drop = layers.Dropout(0.1)
        self.head = layers.Dense(outputs)

    def call(self, inputs, training=False):
        x = ops.tanh(self.fc1(inputs))
        x = self.drop(x, training=training)
        x = keras.activations.tanh(self.fc2(x))
        x = self.norm(x)
        return self.head(x)


class ScaledDense(layers.Layer):
    """A custom layer that makes its own weights."""

    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True
        )
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b
