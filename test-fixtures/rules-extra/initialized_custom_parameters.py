# initlint-fixture: silent IL004
"""Custom parameters that are all initialised, each in a different way the rule must see:
in reset_parameters() called from __init__, through .data, by an init helper, by a loop
over parameters, by an apply() function naming the attribute, and by nn.Linear's own
constructor calling an overridden reset_parameters()."""

import math

import torch
import torch.nn as nn
from torch.nn.init import trunc_normal_


class MaskedLinear(nn.Linear):
    def __init__(self, in_features, out_features):
        super().__init__(in_features, out_features)
        self.gate = nn.Parameter(torch.empty(out_features, in_features))

    def reset_parameters(self):
        super().reset_parameters()
        nn.init.constant_(self.gate, 1.0)


class PatchEmbed(nn.Module):
    def __init__(self, patches=196, dim=384):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, kernel_size=16, stride=16)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.empty(1, patches + 1, dim))
        trunc_normal_(self.pos_embed, std=0.02)
        self.scale = nn.Parameter(torch.Tensor(dim))
        self.scale.data.fill_(1.0)

    def forward(self, x):
        x = self.proj(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1)
        return (x + self.pos_embed) * self.scale


class LowRankAdapter(nn.Module):
    def __init__(self, dim=384, rank=8):
        super().__init__()
        self.down = nn.Parameter(torch.empty(rank, dim))
        self.up = nn.Parameter(torch.empty(dim, rank))
        self.reset_parameters()

    def reset_parameters(self):
        nn.init.kaiming_uniform_(self.down, a=math.sqrt(5))
        with torch.no_grad():
            self.up.zero_()

    def forward(self, x):
        return x + x @ self.down.t() @ self.up.t()


class Mixer(nn.Module):
    def __init__(self, tokens=197, dim=384):
        super().__init__()
        self.token_mix = nn.Parameter(torch.empty(tokens, tokens))
        self.channel_mix = nn.Parameter(torch.empty(dim, dim))
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)

    def forward(self, x):
        return self.token_mix @ x @ self.channel_mix


class Head(nn.Module):
    def __init__(self, dim=384, classes=1000):
        super().__init__()
        self.temperature = nn.Parameter(torch.empty(1))
        self.fc = nn.Linear(dim, classes)

    def forward(self, x):
        return self.fc(x) / self.temperature


class VisionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = PatchEmbed()
        self.adapter = LowRankAdapter()
        self.mixer = Mixer()
        self.head = Head()
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, Head):
            nn.init.ones_(m.temperature)

    def forward(self, x):
        return self.head(self.mixer(self.adapter(self.embed(x)))[:, 0])
