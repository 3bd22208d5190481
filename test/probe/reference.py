"""Reference per-layer variances from PyTorch for the probe's comparison test.

Builds the architectures of test/probe/torch-reference.test.ts with the same initializers,
pushes a standard-normal batch (or random token ids) through them in evaluation-free mode,
and prints, per architecture, each layer's pre-activation and output variance over all
elements, averaged over a few seeds so PyTorch's own sampling spread is known too.
Usage: python3 reference.py BATCH SEEDS
"""
import json
import sys

import torch
from torch import nn


def mlp(depth, width, act, init):
    layers = []
    for _ in range(depth):
        lin = nn.Linear(width, width)
        if init is not None:
            init(lin)
        layers += [lin, act()]
    return layers


def xavier(lin):
    nn.init.xavier_uniform_(lin.weight)
    nn.init.zeros_(lin.bias)


def kaiming(lin):
    nn.init.kaiming_normal_(lin.weight)
    nn.init.zeros_(lin.bias)


def tanh_init(lin):
    nn.init.xavier_normal_(lin.weight, gain=nn.init.calculate_gain("tanh"))
    nn.init.zeros_(lin.bias)


def conv_net():
    c1 = nn.Conv2d(3, 16, 3, padding=1)
    c2 = nn.Conv2d(16, 16, 3, padding=1)
    nn.init.kaiming_normal_(c1.weight)
    nn.init.kaiming_normal_(c2.weight)
    return [c1, nn.ReLU(), c2, nn.ReLU(), nn.Flatten(), nn.Linear(16 * 8 * 8, 10)]


def run_layers(layers, x):
    """Returns [(pre_var, out_var)] per weighted layer, pairing it with a following activation."""
    rows = []
    i = 0
    while i < len(layers):
        layer = layers[i]
        x = layer(x)
        if isinstance(layer, nn.Flatten):
            i += 1
            continue
        pre = x.var(unbiased=False).item()
        if i + 1 < len(layers) and isinstance(layers[i + 1], (nn.ReLU, nn.Tanh)):
            i += 1
            x = layers[i](x)
        rows.append([pre, x.var(unbiased=False).item()])
        i += 1
    return rows


def run_lstm(batch):
    lstm = nn.LSTM(16, 32, batch_first=True)
    x = torch.randn(batch, 8, 16)
    out, _ = lstm(x)
    return [[out.var(unbiased=False).item(), out.var(unbiased=False).item()]]


def architectures(batch):
    return {
        "relu_xavier": lambda: run_layers(mlp(6, 256, nn.ReLU, xavier), torch.randn(batch, 256)),
        "relu_kaiming": lambda: run_layers(mlp(6, 256, nn.ReLU, kaiming), torch.randn(batch, 256)),
        "relu_default": lambda: run_layers(mlp(6, 256, nn.ReLU, None), torch.randn(batch, 256)),
        "tanh_xavier": lambda: run_layers(mlp(6, 256, nn.Tanh, tanh_init), torch.randn(batch, 256)),
        "conv": lambda: run_layers(conv_net(), torch.randn(batch, 3, 8, 8)),
        "lstm": lambda: run_lstm(batch),
    }


def main():
    batch = int(sys.argv[1])
    seeds = int(sys.argv[2])
    torch.set_grad_enabled(False)
    result = {}
    for name, run in architectures(batch).items():
        runs = []
        for seed in range(seeds):
            torch.manual_seed(seed)
            runs.append(run())
        result[name] = runs
    json.dump({"torch": torch.__version__, "results": result}, sys.stdout)


if __name__ == "__main__":
    main()
