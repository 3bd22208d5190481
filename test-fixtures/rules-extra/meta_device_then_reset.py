# initlint-fixture: silent IL010
"""Deferred initialization done right: build on the meta device, materialise with
to_empty(), then either re-initialise every module or load a checkpoint."""

import torch
import torch.nn as nn


class Expert(nn.Module):
    def __init__(self, dim=4096, hidden=14336):
        super().__init__()
        self.up = nn.Linear(dim, hidden, bias=False)
        self.down = nn.Linear(hidden, dim, bias=False)

    def forward(self, x):
        return self.down(torch.nn.functional.silu(self.up(x)))


def materialise_fresh(device="cuda"):
    with torch.device("meta"):
        model = Expert()
    model.to_empty(device=device)
    for module in model.modules():
        if isinstance(module, nn.Linear):
            module.reset_parameters()
    return model


def materialise_from(path, device="cuda"):
    with torch.device("meta"):
        model = Expert()
    model = model.to_empty(device=device)
    model.load_state_dict(torch.load(path, map_location=device))
    return model
