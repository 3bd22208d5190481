"""Loads a 1.3B-parameter decoder for inference. The model is first built eagerly on the
CPU, which initialises 1.3e9 random weights only to overwrite them with the checkpoint."""

import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(50304, 2048)
        self.layers = nn.ModuleList(
            [nn.TransformerEncoderLayer(2048, 16, 8192, batch_first=True) for _ in range(24)]
        )
        self.norm = nn.LayerNorm(2048)
        self.lm_head = nn.Linear(2048, 50304, bias=False)

    def forward(self, idx):
        x = self.embed(idx)
        for layer in self.layers:
            x = layer(x)
        return self.lm_head(self.norm(x))


def load_for_inference(path):
    model = Decoder()
#           ^ IL010 warning
    model.load_state_dict(torch.load(path, map_location="cpu", mmap=True))
    return model.eval()
