"""A Transformer encoder classifier: Xavier on every matrix through a guarded loop over
parameters(), in-place tensor inits on the embedding and head, and a subclass that adds a
conv stem and overrides forward."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

D_MODEL = 256
N_HEAD = 8


class EncoderClassifier(nn.Module):
    def __init__(self, vocab=20000, d_model=D_MODEL, nhead=N_HEAD, num_classes=5):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model, padding_idx=0)
        self.attn = nn.MultiheadAttention(d_model, nhead, dropout=0.1, batch_first=True)
        self.encoder = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=4 * d_model, batch_first=True)
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, num_classes)
        self.act = nn.LeakyReLU(0.2)
        self._reset()

    def _reset(self):
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)
        self.embed.weight.data.normal_(0, 1 / math.sqrt(D_MODEL))
        self.head.weight.data.uniform_(-0.01, 0.01)
        self.head.bias.data.zero_()
        self.norm.weight.data.fill_(1.0)

    def forward(self, tokens):
        x = self.embed(tokens)
        x, _ = self.attn(x, x, x)
        x = self.encoder(x)
        x = self.norm(x).mean(dim=1)
        return self.head(self.act(x))


class ConvStemClassifier(EncoderClassifier):
    def __init__(self, channels=64, **kwargs):
        super().__init__(**kwargs)
        self.stem = nn.Conv1d(channels, D_MODEL, kernel_size=5, padding=2, groups=4)
        gain = nn.init.calculate_gain("leaky_relu", 0.2)
        nn.init.kaiming_uniform_(self.stem.weight, a=0.2, nonlinearity="leaky_relu")
        nn.init.xavier_normal_(self.head.weight, gain=gain)

    def forward(self, signal):
        x = F.leaky_relu(self.stem(signal), 0.2).transpose(1, 2)
        x = self.encoder(x)
        x = self.norm(x).mean(dim=1)
        return self.head(x.relu())
