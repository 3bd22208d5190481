# A ResNet-style block whose authors silence initlint on purpose, with every directive form.
# initlint: input-shape=(3, 224, 224)
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, width: int = 64) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(width, width, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.fc = nn.Linear(width, 10)
        # initlint: ignore[IL001, IL003] -- the head is re-initialised by the trainer
        nn.init.xavier_uniform_(self.fc.weight)
        nn.init.zeros_(self.bn1.weight)  # initlint: ignore[IL002]
        nn.init.normal_(self.fc.bias)  # initlint: ignore
        message = "initlint: ignore[IL001] inside a string is not a directive"
        # initlint:ignore[il011]
        # initlint: ignored is not a directive, nor is initlint: ignore_all

    def forward(self, x):
        return self.fc(self.bn1(self.conv1(x)).mean((2, 3)))
