"""Bilinear attention pooling for relation classification.

The projection weight is initialised in reset_parameters(), but the bias and the learned
query were added later and never got an init: torch.Tensor(sizes) leaves them holding
whatever the allocator returned.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class BilinearAttention(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.Tensor(out_features, in_features))
        self.bias = nn.Parameter(torch.Tensor(out_features))
#                                ^ IL004 warning
        self.query = nn.Parameter(torch.empty(1, out_features))
#                                 ^ IL004 warning
        self.reset_parameters()

    def reset_parameters(self):
        nn.init.kaiming_uniform_(self.weight, a=math.sqrt(5))

    def forward(self, tokens, mask):
        keys = torch.tanh(F.linear(tokens, self.weight, self.bias))
        scores = (keys * self.query).sum(-1).masked_fill(~mask, float("-inf"))
        return (scores.softmax(-1).unsqueeze(-1) * tokens).sum(1)


class RelationClassifier(nn.Module):
    def __init__(self, hidden=768, attn=256, relations=42):
        super().__init__()
        self.pool = BilinearAttention(hidden, attn)
        self.out = nn.Linear(hidden, relations)

    def forward(self, tokens, mask):
        return self.out(self.pool(tokens, mask))
