"""Module-level Sequential models: a positional stack and an OrderedDict stack, initialised
through `from torch.nn import init` and an apply with `type(m) ==` dispatch."""
from collections import OrderedDict

import torch
from torch import nn
from torch.nn import init

IN, HID, OUT = 32, 128, 4

policy = nn.Sequential(
    nn.Linear(IN, HID),
    nn.Tanh(),
    nn.Linear(HID, HID),
    nn.Tanh(),
    nn.Linear(HID, OUT),
)

value = nn.Sequential(
    OrderedDict(
        [
            ("fc1", nn.Linear(IN, HID)),
            ("act1", nn.Tanh()),
            ("fc2", nn.Linear(HID, 1)),
        ]
    )
)


def orthogonal_init(m, gain=2**0.5):
    if type(m) == nn.Linear:
        init.orthogonal_(m.weight, gain=gain)
        init.constant_(m.bias, 0.0)


policy.apply(orthogonal_init)
init.orthogonal_(policy[-1].weight, gain=0.01)
value.apply(orthogonal_init)
init.orthogonal_(value.fc2.weight, gain=1.0)

with torch.no_grad():
    print(policy(torch.zeros(1, IN)), value(torch.zeros(1, IN)))
