"""Keras 1 era code: the kernel initializer is still spelled `init=`."""

from keras.models import Sequential
from keras.layers import Activation, BatchNormalization, Dense

model = Sequential()
model.add(Dense(256, input_dim=100, init="he_normal"))
#                                   ^ IL011 warning
model.add(BatchNormalization())
model.add(Activation("relu"))
model.add(Dense(1, activation="sigmoid"))
