"""A GRU speech encoder over 80-dim filterbanks. orthogonal_ is applied to the whole fused
weight_hh (3H x H), which is not orthogonal per gate."""

import torch.nn as nn


class SpeechEncoder(nn.Module):
    def __init__(self, feats=80, hidden=320, layers=3):
        super().__init__()
        self.gru = nn.GRU(feats, hidden, layers, batch_first=True, bidirectional=True)
#                  ^ IL007 information
        for name, p in self.gru.named_parameters():
            if "weight_hh" in name:
                nn.init.orthogonal_(p)
            elif "weight_ih" in name:
                nn.init.xavier_uniform_(p)
            else:
                nn.init.zeros_(p)
        self.proj = nn.Linear(2 * hidden, 256)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.proj(out)
