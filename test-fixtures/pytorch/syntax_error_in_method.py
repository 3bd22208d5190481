"""A model whose helper method has a syntax error: the rest of the class is still read."""
import torch.nn as nn
import torch.nn.functional as F


class ConvNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
#                    ^ IL001 hint
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
#                    ^ IL001 hint
        self.dropout = nn.Dropout(0.25)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, num_classes)
        nn.init.kaiming_normal_(self.fc1.weight, nonlinearity="relu")

    def count_parameters(self):
        total = 0
        for p in self.parameters()
            total += p.numel()
        return total

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = self.dropout(x)
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)
