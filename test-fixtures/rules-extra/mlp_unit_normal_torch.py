"""A four-layer MLP on 1024-dim features whose hidden weights are drawn from N(0, 1)."""

import torch.nn as nn


class WideMLP(nn.Module):
    def __init__(self, dim=1024, classes=100):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim)
        self.fc2 = nn.Linear(dim, dim)
        self.fc3 = nn.Linear(dim, classes)
        self.act = nn.ReLU()
        for fc in (self.fc1, self.fc2):
            nn.init.normal_(fc.weight)
#           ^ IL008 warning
            nn.init.zeros_(fc.bias)

    def forward(self, x):
        return self.fc3(self.act(self.fc2(self.act(self.fc1(x)))))
