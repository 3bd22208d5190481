# initlint-fixture: silent IL013
"""A seeded training script: the seed helper runs before the model is built."""

import random

import numpy as np
import torch
import torch.nn as nn


def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)


class Regressor(nn.Module):
    def __init__(self, features=13):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(features, 64), nn.ReLU(), nn.Linear(64, 1))
#                                ^ IL001 hint

    def forward(self, x):
        return self.net(x)


if __name__ == "__main__":
    set_seed(0)
    model = Regressor()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.randn(256, 13), torch.randn(256, 1)
    for _ in range(100):
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
