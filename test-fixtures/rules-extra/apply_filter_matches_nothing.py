"""A text classifier over bag-of-n-gram features. Its init function was copied from a
ConvNet example and only handles nn.Conv2d, so apply() leaves every layer on defaults."""

import torch
import torch.nn as nn


class NgramClassifier(nn.Module):
    def __init__(self, buckets=2**18, dim=256, classes=14):
        super().__init__()
        self.embed = nn.EmbeddingBag(buckets, dim, mode="mean")
        self.hidden = nn.Linear(dim, dim)
#                     ^ IL001 hint
        self.act = nn.ReLU()
        self.out = nn.Linear(dim, classes)
        self.apply(self._init_weights)
#       ^ IL005 warning

    def _init_weights(self, m):
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)

    def forward(self, tokens, offsets):
        return self.out(self.act(self.hidden(self.embed(tokens, offsets))))


def init_conv(module):
    if isinstance(module, (nn.Conv1d, nn.Conv2d)):
        nn.init.xavier_uniform_(module.weight)


def build(buckets=2**18):
    model = NgramClassifier(buckets)
    model.apply(init_conv)
#   ^ IL005 warning
    return model
