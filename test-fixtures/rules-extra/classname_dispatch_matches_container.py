"""A U-Net style segmenter whose init dispatches on class names. "Conv" also matches the
ConvBlock container, which has no weight of its own, and hasattr(m, "bias") is true for
the bias-free convolutions, whose bias is None."""

import torch
import torch.nn as nn


class ConvBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(x)))


class TinyUNet(nn.Module):
    def __init__(self, classes=3):
        super().__init__()
        self.down1 = ConvBlock(3, 32)
        self.down2 = ConvBlock(32, 64)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ConvTranspose2d(64, 32, 2, stride=2)
        self.fuse = ConvBlock(64, 32)
        self.head = nn.Conv2d(32, classes, 1)

    def forward(self, x):
        a = self.down1(x)
        b = self.down2(self.pool(a))
        return self.head(self.fuse(torch.cat([a, self.up(b)], dim=1)))


def init_weights(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
#      ^ IL009 warning
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        if hasattr(m, "bias"):
#          ^ IL009 warning
            nn.init.zeros_(m.bias)
    elif "BatchNorm" in classname:
        nn.init.ones_(m.weight)
        nn.init.zeros_(m.bias)


def build_segmenter(classes=3):
    model = TinyUNet(classes)
    model.apply(init_weights)
    return model
