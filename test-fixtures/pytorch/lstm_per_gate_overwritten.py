"""An LSTM whose per-gate orthogonal init is overwritten by a later Xavier loop."""
import torch.nn as nn


class Seq(nn.Module):
    def __init__(self, vocab_size=5000, hidden=256):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, 128)
        self.lstm = nn.LSTM(128, hidden, batch_first=True)
#                   ^ IL007 information
        for name, p in self.lstm.named_parameters():
            if "weight_hh" in name:
                for gate in p.data.chunk(4, 0):
                    nn.init.orthogonal_(gate)
            elif "bias_ih" in name:
                p.data[p.shape[0] // 4 : p.shape[0] // 2].fill_(1.0)
            elif "bias_hh" in name:
                p.data[p.shape[0] // 4 : p.shape[0] // 2].fill_(0.0)
        self.fc = nn.Linear(hidden, 2)
        # This loop runs last and undoes the per-gate init above.
        for name, p in self.lstm.named_parameters():
            if "weight" in name:
                nn.init.xavier_uniform_(p)
            else:
                nn.init.zeros_(p)

    def forward(self, x):
        out, _ = self.lstm(self.emb(x))
        return self.fc(out[:, -1])
