"""Character-level language model on Shakespeare: two stacked LSTMs over one-hot characters.

The LSTMs are built with unit_forget_bias=False, so their forget gates start at 0 and the
cell forgets half of its state at every step of a 100-character window.
"""

import keras
from keras import layers

SEQ_LEN = 100
VOCAB = 65


def build_char_model(units=512):
    model = keras.Sequential(
        [
            keras.Input(shape=(SEQ_LEN, VOCAB)),
            layers.LSTM(units, return_sequences=True, unit_forget_bias=False),
#           ^ IL007 information
            layers.LSTM(units, unit_forget_bias=False),
#           ^ IL007 information
            layers.Dense(VOCAB, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model
