"""A wide MLP for tabular regression whose hidden kernels are drawn from N(0, 1).

With 1024 inputs per unit, N(0, 1) is about 23 times He's std: activations grow by that
factor at each layer and the first loss values overflow.
"""

import keras
from keras import layers

FEATURES = 1024


def build_regressor():
    model = keras.Sequential(
        [
            keras.Input(shape=(FEATURES,)),
            layers.Dense(
                1024,
                activation="relu",
                kernel_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=1.0),
#                                  ^ IL008 warning
            ),
            layers.Dense(1024, activation="relu", kernel_initializer="he_normal"),
            layers.Dense(1),
        ]
    )
    model.compile(optimizer="adam", loss="mse")
    return model
