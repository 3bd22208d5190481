"""A Flax linen sequence classifier: Embed, an LSTM over time with nn.RNN, a Dense head."""

import flax.linen as nn


class SeqClassifier(nn.Module):
    vocab_size: int = 30000
    embed_dim: int = 128
    hidden: int = 256

    @nn.compact
    def __call__(self, tokens):
        x = nn.Embed(self.vocab_size, self.embed_dim)(tokens)
        x = nn.RNN(nn.OptimizedLSTMCell(self.hidden))(x)
        x = nn.LayerNorm()(x)
        x = x[:, -1]
        x = nn.Dense(2, kernel_init=nn.initializers.he_normall())(x)
#                                   ^ IL011 error
        return x
