"""A Flax nnx MLP: layers built in __init__ with explicit sizes, GELU and LayerNorm."""

from flax import nnx


class Block(nnx.Module):
    def __init__(self, din: int, dmid: int, dout: int, *, rngs: nnx.Rngs):
        self.linear = nnx.Linear(din, dmid, rngs=rngs)
        self.norm = nnx.LayerNorm(dmid, rngs=rngs)
        self.dropout = nnx.Dropout(0.1, rngs=rngs)
        self.out = nnx.Linear(
            dmid, dout, kernel_init=nnx.initializers.variance_scaling(2.0, "fan_in", "truncated_normal"), rngs=rngs
        )

    def __call__(self, x):
        x = self.norm(self.linear(x))
        x = nnx.gelu(x)
        x = self.dropout(x)
        return self.out(x)


model = Block(784, 256, 10, rngs=nnx.Rngs(0))
