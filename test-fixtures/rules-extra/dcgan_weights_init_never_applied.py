# initlint-fixture: silent IL013
"""DCGAN on 64x64 images. weights_init implements the paper's N(0, 0.02) recipe, but the
script never passes it to apply(), so both networks keep PyTorch's default init."""

import argparse

import torch
import torch.nn as nn
import torch.optim as optim

nz, ngf, ndf = 100, 64, 64


def weights_init(m):
#   ^ IL005 warning
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find("BatchNorm") != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 8),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, 3, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, ndf, 4, 2, 1, bias=False),
#           ^ IL001 hint
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, 1, 4, 1, 0, bias=False),
            nn.Sigmoid(),
        )

    def forward(self, x):
        return self.main(x).view(-1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=999)
    args = parser.parse_args()
    torch.manual_seed(args.seed)

    netG = Generator()
    netD = Discriminator()
    criterion = nn.BCELoss()
    optD = optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999))
    optG = optim.Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999))
    for step in range(1000):
        real = torch.randn(64, 3, 64, 64)
        noise = torch.randn(64, nz, 1, 1)
        optD.zero_grad()
        loss = criterion(netD(real), torch.ones(64)) + criterion(
            netD(netG(noise).detach()), torch.zeros(64)
        )
        loss.backward()
        optD.step()
