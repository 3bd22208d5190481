"""An autoencoder with init mistakes seen in public code: deprecated spellings without the
trailing underscore, a misspelt init name, and a fan-based init over every parameter."""
import torch.nn as nn


class AutoEncoder(nn.Module):
    def __init__(self, dim=784, code=32):
        super().__init__()
        self.enc1 = nn.Linear(dim, 256)
        self.enc2 = nn.Linear(256, code)
        self.dec1 = nn.Linear(code, 256)
#                   ^ IL001 hint
        self.dec2 = nn.Linear(256, dim)
        nn.init.xavier_uniform(self.enc1.weight)
#       ^ IL001 hint
#       ^ IL011 warning
        nn.init.kaiming_norml_(self.enc2.weight)
#       ^ IL011 error
        for p in self.dec1.parameters():
            nn.init.xavier_normal_(p)
#           ^ IL003 error
        for name, m in self.named_modules():
            if name == "dec2" and hasattr(m, "bias"):
            #                     ^ IL009 warning
                nn.init.trunc_normal_(m.weight, std=0.02, a=-0.04, b=0.04)
                nn.init.constant(m.bias, 0.1)
#               ^ IL011 warning

    def forward(self, x):
        h = self.enc2(self.enc1(x).relu()).sigmoid()
        return self.dec2(self.dec1(h).relu()).sigmoid()
