# initlint-fixture: silent IL013
# initlint-fixture: silent IL005
"""A model library: builders and a public init function other files import and apply.
No training loop and no main guard, so neither a seed nor a caller belongs here."""

import torch.nn as nn


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.trunc_normal_(m.weight, std=0.02)
        if m.bias is not None:
            nn.init.zeros_(m.bias)


class MLP(nn.Module):
    def __init__(self, dim=512, hidden=2048):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


def mlp_base():
    return MLP(768, 3072)
