"""An MNIST CNN in Flax linen with an @nn.compact __call__, layers created inline."""

import flax.linen as nn
import jax
import jax.numpy as jnp


class CNN(nn.Module):
    """Two conv blocks and a two-layer head on the defaults (lecun_normal kernels)."""

    num_classes: int = 10

    @nn.compact
    def __call__(self, x):
        x = nn.Conv(features=32, kernel_size=(3, 3))(x)
#           ^ IL001 hint
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = nn.Conv(features=64, kernel_size=(3, 3))(x)
#           ^ IL001 hint
        x = nn.relu(x)
        x = nn.avg_pool(x, window_shape=(2, 2), strides=(2, 2))
        x = x.reshape((x.shape[0], -1))
        x = nn.Dense(features=256)(x)
#           ^ IL001 hint
        x = nn.relu(x)
        x = nn.Dense(features=self.num_classes)(x)
        return x


def init_params(rng):
    return CNN().init(rng, jnp.ones([1, 28, 28, 1]))["params"]


params = init_params(jax.random.PRNGKey(0))
