"""A deep fully connected classifier for flattened 28x28 images.

Twelve hidden ReLU layers initialised with Glorot/Xavier: the signal variance halves at every
layer, so by the output it has shrunk about 2^12-fold and the early layers barely train.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class DeepMLP(nn.Module):
    def __init__(self, width: int = 256, classes: int = 10) -> None:
        super().__init__()
        self.fc1 = nn.Linear(784, width)
        self.fc2 = nn.Linear(width, width)
        self.fc3 = nn.Linear(width, width)
        self.fc4 = nn.Linear(width, width)
        self.fc5 = nn.Linear(width, width)
        self.fc6 = nn.Linear(width, width)
        self.fc7 = nn.Linear(width, width)
        self.fc8 = nn.Linear(width, width)
        self.fc9 = nn.Linear(width, width)
        self.fc10 = nn.Linear(width, width)
        self.fc11 = nn.Linear(width, width)
        self.fc12 = nn.Linear(width, width)
        self.head = nn.Linear(width, classes)
        nn.init.xavier_uniform_(self.fc1.weight)
        nn.init.xavier_uniform_(self.fc2.weight)
        nn.init.xavier_uniform_(self.fc3.weight)
        nn.init.xavier_uniform_(self.fc4.weight)
        nn.init.xavier_uniform_(self.fc5.weight)
        nn.init.xavier_uniform_(self.fc6.weight)
        nn.init.xavier_uniform_(self.fc7.weight)
        nn.init.xavier_uniform_(self.fc8.weight)
        nn.init.xavier_uniform_(self.fc9.weight)
        nn.init.xavier_uniform_(self.fc10.weight)
        nn.init.xavier_uniform_(self.fc11.weight)
        nn.init.xavier_uniform_(self.fc12.weight)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = F.relu(self.fc3(x))
        x = F.relu(self.fc4(x))
        x = F.relu(self.fc5(x))
        x = F.relu(self.fc6(x))
        x = F.relu(self.fc7(x))
        x = F.relu(self.fc8(x))
        x = F.relu(self.fc9(x))
        x = F.relu(self.fc10(x))
        x = F.relu(self.fc11(x))
        x = F.relu(self.fc12(x))
        return self.head(x)
