"""A GELU feed-forward block and a tanh MLP with calculate_gain names that do not fit."""
import torch.nn as nn


class FeedForward(nn.Module):
    def __init__(self, dim=256, hidden=1024):
        super().__init__()
        self.up = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.down = nn.Linear(hidden, dim)
        nn.init.xavier_uniform_(self.up.weight, gain=nn.init.calculate_gain("gelu"))
#                                                                           ^ IL012 error
        nn.init.xavier_uniform_(self.down.weight)

    def forward(self, x):
        return self.down(self.act(self.up(x)))


class TanhMLP(nn.Module):
    def __init__(self, in_features=16, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, 1)
        nn.init.xavier_normal_(self.fc1.weight, gain=nn.init.calculate_gain("relu"))
#                                                                           ^ IL012 warning
        nn.init.kaiming_normal_(self.fc2.weight, nonlinearity="relu")
#                                                             ^ IL012 warning

    def forward(self, x):
        x = self.fc1(x).tanh()
        x = self.fc2(x).tanh()
        return self.out(x)
