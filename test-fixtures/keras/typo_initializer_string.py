"""A ReLU classifier whose first layer names an initializer Keras does not know."""

from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential(
    [
        layers.Dense(128, activation="relu", kernel_initializer="he_normall", input_shape=(64,)),
#                                                               ^ IL011 error
        layers.BatchNormalization(),
        layers.Dense(128, activation="relu", kernel_initializer="he_normal"),
        layers.BatchNormalization(),
        layers.Dense(3, activation="softmax"),
    ]
)
