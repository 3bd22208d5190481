"""A deep ReLU MLP in Flax linen with setup() fields and He-normal kernels."""

from typing import Sequence

from flax import linen as nn
from jax.nn import initializers


class MLP(nn.Module):
    features: Sequence[int] = (512, 512, 512, 512, 512, 512, 512, 512, 512, 512)
    num_classes: int = 10

    def setup(self):
        self.hidden = [
            nn.Dense(feat, kernel_init=initializers.he_normal(), bias_init=initializers.zeros)
            for feat in self.features
        ]
        self.head = nn.Dense(self.num_classes, kernel_init=nn.initializers.normal(stddev=0.01))

    def __call__(self, x):
        for layer in self.hidden:
            x = nn.relu(layer(x))
        return self.head(x)
