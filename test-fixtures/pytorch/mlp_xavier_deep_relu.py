"""A deep fully connected classifier: twelve ReLU layers on Xavier initialization."""
import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN = 256
DEPTH = 12


class DeepMLP(nn.Module):
    def __init__(self, in_features=784, num_classes=10, width=HIDDEN, depth=DEPTH):
        super().__init__()
        self.input = nn.Linear(in_features, width)
        self.hidden = nn.ModuleList([nn.Linear(width, width) for _ in range(depth - 2)])
        self.head = nn.Linear(width, num_classes)
        self.dropout = nn.Dropout(p=0.1)
        self.reset_parameters()

    def reset_parameters(self):
        nn.init.xavier_uniform_(self.input.weight)
#       ^ IL001 warning
        nn.init.zeros_(self.input.bias)
        for layer in self.hidden:
            nn.init.xavier_uniform_(layer.weight)
#           ^ IL001 warning
            nn.init.zeros_(layer.bias)
        nn.init.xavier_uniform_(self.head.weight, gain=nn.init.calculate_gain("linear"))

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = F.relu(self.input(x))
        for layer in self.hidden:
            x = F.relu(layer(x))
        x = self.dropout(x)
        return self.head(x)


if __name__ == "__main__":
    model = DeepMLP()
    print(model(torch.randn(2, 1, 28, 28)).shape)
