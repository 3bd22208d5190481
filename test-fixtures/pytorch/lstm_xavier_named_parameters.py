"""Sentiment classifier whose LSTM parameters are reset in a named_parameters() loop."""
import torch.nn as nn


class SentimentLSTM(nn.Module):
    def __init__(self, vocab_size=5000, embed_dim=128, hidden=256, classes=2):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden, batch_first=True)
#                   ^ IL007 information
        self.fc = nn.Linear(hidden, classes)
        for name, p in self.lstm.named_parameters():
            if "weight" in name:
                nn.init.xavier_uniform_(p)
            else:
                nn.init.zeros_(p)

    def forward(self, x):
        out, _ = self.lstm(self.emb(x))
        return self.fc(out[:, -1])
