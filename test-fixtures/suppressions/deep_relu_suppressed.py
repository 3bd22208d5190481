"""A deep ReLU encoder left on PyTorch's default initialization on purpose.

The team measured it and trains it with a long warm-up, so most IL001 findings are silenced
where they are reported: on the same line, on the line above (alone or under an explanation),
bare, and once together with a code that no longer matches anything (IL100 reports that one).
Two layers are left unsuppressed and keep their findings.
"""
import torch
import torch.nn as nn

WIDTH = 512


class DeepEncoder(nn.Module):
    def __init__(self, in_features: int = 1024, width: int = WIDTH):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(in_features, width),  # initlint: ignore[IL001]
            nn.ReLU(),
            # initlint: ignore[IL001]
            nn.Linear(width, width),
            nn.ReLU(),
            # Measured: the warm-up keeps this stack trainable.
            # initlint: ignore[IL001]
            nn.Linear(width, width),
            nn.ReLU(),
            nn.Linear(width, width),  # initlint: ignore
            nn.ReLU(),
            # initlint: ignore[IL001, IL008]
#                                     ^ IL100 hint
            nn.Linear(width, width),
            nn.ReLU(),
            nn.Linear(width, width),  # initlint: ignore[IL001]
            nn.ReLU(),
            nn.Linear(width, width),  # initlint: ignore[IL001]
            nn.ReLU(),
            nn.Linear(width, width),
#           ^ IL001 warning
            nn.ReLU(),
            nn.Linear(width, width),
#           ^ IL001 warning
            nn.ReLU(),
            nn.Linear(width, width),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)
