"""A self-normalising network: SELU with lecun_normal and AlphaDropout, as Klambauer et al."""

import tensorflow as tf

model = tf.keras.Sequential(
    [
        tf.keras.layers.InputLayer(input_shape=(128,)),
        tf.keras.layers.Dense(256, activation="selu", kernel_initializer="lecun_normal"),
        tf.keras.layers.AlphaDropout(0.05),
        tf.keras.layers.Dense(256, activation="selu", kernel_initializer="lecun_normal"),
        tf.keras.layers.AlphaDropout(0.05),
        tf.keras.layers.Dense(256, activation="selu", kernel_initializer="lecun_normal"),
        tf.keras.layers.AlphaDropout(0.05),
        tf.keras.layers.Dense(256, activation=tf.nn.selu, kernel_initializer="LecunNormal"),
        tf.keras.layers.Dense(10, activation="softmax"),
    ]
)
