# initlint-fixture: silent IL007
"""A sequence tagger whose LSTM gets per-gate orthogonal recurrent weights and a forget
bias of 1 (bias_ih[H:2H] = 1, bias_hh = 0), and a toy GRU in a doctest-sized helper."""

import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocab=20000, dim=300, hidden=256, tags=9):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.lstm = nn.LSTM(dim, hidden, batch_first=True)
        for name, p in self.lstm.named_parameters():
            if "weight_hh" in name:
                for gate in p.data.chunk(4, 0):
                    nn.init.orthogonal_(gate)
            elif "weight_ih" in name:
                nn.init.xavier_uniform_(p)
            elif "bias_ih" in name:
                nn.init.zeros_(p)
                p.data[hidden : 2 * hidden].fill_(1.0)
            elif "bias_hh" in name:
                nn.init.zeros_(p)
        self.out = nn.Linear(hidden, tags)

    def forward(self, tokens):
        h, _ = self.lstm(self.embed(tokens))
        return self.out(h)


class ToyCounter(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(4, 8)

    def forward(self, x):
        return self.gru(x)[0]
