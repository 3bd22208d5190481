"""An encoder whose init code applies fan-based initializers to biases and to every parameter."""
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, vocab=1000, dim=128):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.norm = nn.LayerNorm(dim)
        nn.init.xavier_uniform_(self.proj.weight)
        nn.init.xavier_uniform_(self.proj.bias)
#       ^ IL003 error
        for p in self.mlp.parameters():
            nn.init.xavier_uniform_(p)
#           ^ IL003 error

    def forward(self, tokens):
        x = self.proj(self.embed(tokens))
        return self.norm(x + self.mlp(x))
