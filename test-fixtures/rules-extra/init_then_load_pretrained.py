# initlint-fixture: silent IL006
"""The right order: initialise the new parts, then load; replace the head after loading
and initialise only the new head."""

import torch
import torch.nn as nn
import torchvision


class Detector(nn.Module):
    def __init__(self, classes=91):
        super().__init__()
        self.neck = nn.Conv2d(2048, 256, 1)
        self.cls = nn.Conv2d(256, classes, 3, padding=1)
        self.apply(self._init_weights)
        self.backbone = torchvision.models.resnet50(weights="IMAGENET1K_V2")

    def _init_weights(self, m):
        if isinstance(m, nn.Conv2d):
            nn.init.normal_(m.weight, std=0.01)
            nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.cls(self.neck(x))


def build_finetune(classes=10, checkpoint=None):
    model = torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.DEFAULT)
    model.fc = nn.Linear(512, classes)
    nn.init.xavier_uniform_(model.fc.weight)
    nn.init.zeros_(model.fc.bias)
    for p in model.layer1.parameters():
        p.requires_grad = False
    return model


def build_from_checkpoint(path):
    model = Detector()
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state)
    return model
