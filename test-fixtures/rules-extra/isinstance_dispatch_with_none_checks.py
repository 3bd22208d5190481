# initlint-fixture: silent IL009
# initlint-fixture: silent IL005
"""The same segmenter initialised the robust way: isinstance dispatch, None checks on
biases, and a class-name test whose substring no class of this file contains."""

import torch
import torch.nn as nn


class DoubleConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(cin, cout, 3, padding=1, bias=False),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, padding=1),
            nn.BatchNorm2d(cout),
            nn.ReLU(inplace=True),
        )
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.block(x)


def init_linear(m):
    if type(m).__name__ == "Linear" or "Linear" in type(m).__name__:
        nn.init.xavier_uniform_(m.weight)
        if hasattr(m, "bias") and m.bias is not None:
            nn.init.zeros_(m.bias)


class Classifier(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.features = DoubleConv(3, 64)
        self.fc = nn.Linear(64, classes)
        self.fc.apply(init_linear)

    def forward(self, x):
        return self.fc(self.features(x).mean((2, 3)))
