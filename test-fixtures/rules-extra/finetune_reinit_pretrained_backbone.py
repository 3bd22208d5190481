"""Fine-tunes an ImageNet ResNet-50 on a 20-class dataset. Both the model's constructor and
the script re-run an init over the whole network after the pretrained weights are in."""

import torch
import torch.nn as nn
from torchvision.models import ResNet50_Weights, resnet50


class FineTuner(nn.Module):
    def __init__(self, classes=20):
        super().__init__()
        self.backbone = resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)
        self.backbone.fc = nn.Identity()
        self.head = nn.Linear(2048, classes)
        self.apply(self._init_weights)
#       ^ IL006 warning

    def _init_weights(self, m):
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            if m.bias is not None:
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.head(self.backbone(x))


def weights_init(m):
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")


def resume(path, classes=20):
    model = resnet50(num_classes=classes)
    model.load_state_dict(torch.load(path, map_location="cpu"))
    model.apply(weights_init)
#   ^ IL006 warning
    return model
