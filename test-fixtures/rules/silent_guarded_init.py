"""A ReLU MLP on He initialisation, with a guarded loop and gains that fit their activations."""
# initlint-fixture: silent IL001 IL002 IL003 IL011 IL012
import torch.nn as nn
import torch.nn.functional as F


class GatedHeMLP(nn.Module):
    def __init__(self, in_features=784, width=512, num_classes=10):
        super().__init__()
        self.fc1 = nn.Linear(in_features, width)
        self.fc2 = nn.Linear(width, width)
        self.fc3 = nn.Linear(width, width)
        self.gate = nn.Linear(width, width)
        self.out = nn.Linear(width, num_classes)
        nn.init.kaiming_normal_(self.fc1.weight, nonlinearity="relu")
        nn.init.kaiming_uniform_(self.fc2.weight, a=0.1, nonlinearity="leaky_relu")
        nn.init.xavier_uniform_(self.fc3.weight, gain=nn.init.calculate_gain("relu"))
        nn.init.xavier_uniform_(self.gate.weight, gain=nn.init.calculate_gain("sigmoid"))
        for p in self.out.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)
            else:
                nn.init.zeros_(p)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.leaky_relu(self.fc2(x), 0.1)
        x = F.relu(self.fc3(x))
        x = x * self.gate(x).sigmoid()
        return self.out(x)
