"""A small MLP classifier whose hidden layer was zeroed "to start neutral"."""
import torch.nn as nn
import torch.nn.functional as F


class TabularClassifier(nn.Module):
    def __init__(self, in_features=32, hidden=128, num_classes=5):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, num_classes)
        nn.init.kaiming_normal_(self.fc1.weight, nonlinearity="relu")
        nn.init.zeros_(self.fc2.weight)
#       ^ IL002 error
        nn.init.zeros_(self.fc2.bias)
        nn.init.zeros_(self.out.weight)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.out(x)
