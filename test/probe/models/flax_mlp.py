import flax.linen as nn
import jax.numpy as jnp


class MLP(nn.Module):
    features: int = 512

    @nn.compact
    def __call__(self, x):
        for _ in range(10):
            x = nn.Dense(self.features, kernel_init=nn.initializers.he_normal())(x)
            x = nn.relu(x)
        x = nn.Dense(10)(x)
        return x


class Block(nn.Module):
    @nn.compact
    def __call__(self, x):
        x = nn.Dense(256, kernel_init=nn.initializers.variance_scaling(2.0, "fan_in", "truncated_normal"))(x)
        x = nn.LayerNorm()(x)
        return nn.gelu(x)
