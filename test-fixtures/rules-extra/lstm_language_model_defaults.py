"""Word-level language model on WikiText-2 with truncated backprop through 35 steps.

The LSTM keeps PyTorch's defaults: every parameter U(-1/sqrt(H), 1/sqrt(H)), so weight_hh
is not orthogonal and the forget-gate bias starts near 0.
"""

import torch
import torch.nn as nn


class RNNModel(nn.Module):
    def __init__(self, ntoken=33278, ninp=650, nhid=650, nlayers=2, dropout=0.5):
        super().__init__()
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=dropout)
#                  ^ IL007 information
        self.decoder = nn.Linear(nhid, ntoken)
        self.init_weights()

    def init_weights(self):
        initrange = 0.1
        nn.init.uniform_(self.encoder.weight, -initrange, initrange)
        nn.init.zeros_(self.decoder.bias)
        nn.init.uniform_(self.decoder.weight, -initrange, initrange)

    def forward(self, tokens, hidden):
        emb = self.drop(self.encoder(tokens))
        output, hidden = self.rnn(emb, hidden)
        return self.decoder(self.drop(output)), hidden
