"""A twelve-layer ReLU MLP left on Keras's glorot_uniform default, built with add()."""

from tensorflow import keras
from tensorflow.keras.layers import Dense

HIDDEN = 512
DEPTH = 12

model = keras.Sequential()
model.add(Dense(HIDDEN, activation="relu", input_shape=(784,)))
#         ^ IL001 warning
for _ in range(DEPTH - 1):
    model.add(Dense(HIDDEN, activation="relu"))
#             ^ IL001 warning
model.add(Dense(10, activation="softmax"))
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
