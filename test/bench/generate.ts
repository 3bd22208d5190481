/**
 * Generators of realistic PyTorch model files for the benchmarks and the stress tests: one
 * long file of many model classes (the 10,000-line and 2,000-line cases) and a folder of
 * many small model files. Output is seeded, so every run measures the same text.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** A small seeded generator (mulberry32), so generated files are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pick = <T>(items: readonly T[]) => T;

const header = `"""Generated model zoo: MLPs, conv nets, recurrent nets and residual blocks."""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

`;

const activations = ["nn.ReLU()", "nn.Tanh()", "nn.GELU()", "nn.LeakyReLU(0.1)", "nn.SiLU()"];
const inits = [
  "nn.init.kaiming_normal_(m.weight, nonlinearity='relu')",
  "nn.init.xavier_uniform_(m.weight)",
  "nn.init.orthogonal_(m.weight, gain=math.sqrt(2))",
  "nn.init.normal_(m.weight, std=0.02)",
  "nn.init.trunc_normal_(m.weight, std=0.02)",
];

function mlp(name: string, pick: Pick, random: () => number): string {
  const depth = 2 + Math.floor(random() * 6);
  const width = pick([64, 128, 256, 512]);
  const act = pick(activations);
  const layers: string[] = [];
  for (let i = 0; i < depth; i++) {
    layers.push(`            nn.Linear(${i === 0 ? "in_features" : "hidden"}, hidden),`);
    layers.push(`            ${act},`);
  }
  return `class ${name}(nn.Module):
    """A ${depth}-layer perceptron with a classification head."""

    def __init__(self, in_features=784, hidden=${width}, classes=10):
        super().__init__()
        self.body = nn.Sequential(
${layers.join("\n")}
        )
        self.head = nn.Linear(hidden, classes)
        self.apply(self._init_weights)

    def _init_weights(self, m):
        if isinstance(m, nn.Linear):
            ${pick(inits)}
            if m.bias is not None:
                nn.init.zeros_(m.bias)

    def forward(self, x):
        x = x.flatten(1)
        return self.head(self.body(x))


`;
}

function convnet(name: string, pick: Pick): string {
  const c = pick([16, 32, 64]);
  return `class ${name}(nn.Module):
    """A small conv net for 32x32 images."""

    def __init__(self, channels=3, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, ${c}, kernel_size=3, padding=1)
        self.bn1 = nn.BatchNorm2d(${c})
        self.conv2 = nn.Conv2d(${c}, ${c * 2}, kernel_size=3, padding=1)
        self.bn2 = nn.BatchNorm2d(${c * 2})
        self.conv3 = nn.Conv2d(${c * 2}, ${c * 4}, kernel_size=3, stride=2, padding=1)
        self.fc1 = nn.Linear(${c * 4} * 8 * 8, 256)
        self.fc2 = nn.Linear(256, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        nn.init.xavier_uniform_(self.fc1.weight)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = F.relu(self.conv3(x))
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


`;
}

function recurrent(name: string, pick: Pick): string {
  const cell = pick(["LSTM", "GRU"]);
  const hidden = pick([128, 256, 512]);
  return `class ${name}(nn.Module):
    """A ${cell} sequence classifier over token embeddings."""

    def __init__(self, vocab=20000, embed=128, hidden=${hidden}, classes=2):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.rnn = nn.${cell}(embed, hidden, num_layers=2, batch_first=True)
        self.dropout = nn.Dropout(0.3)
        self.out = nn.Linear(hidden, classes)

    def forward(self, tokens):
        x = self.embedding(tokens)
        x, _ = self.rnn(x)
        return self.out(self.dropout(x[:, -1]))


`;
}

function residual(name: string, pick: Pick): string {
  const width = pick([64, 128, 256]);
  return `class ${name}(nn.Module):
    """A pre-norm residual MLP block with a scaled output projection."""

    def __init__(self, dim=${width}, n_layers=12):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.fc = nn.Linear(dim, 4 * dim)
        self.proj = nn.Linear(4 * dim, dim)
        self.weight = nn.Parameter(torch.empty(dim, dim))
        nn.init.normal_(self.fc.weight, std=0.02)
        nn.init.normal_(self.proj.weight, std=0.02 / math.sqrt(2 * n_layers))
        nn.init.${pick(["xavier_uniform_", "kaiming_uniform_", "orthogonal_"])}(self.weight)

    def forward(self, x):
        h = self.proj(F.gelu(self.fc(self.norm(x))))
        return x + h @ self.weight


`;
}

/** A Python model file of about `lines` lines: many model classes, seeded by `seed`. */
export function generateModelFile(lines: number, seed = 1): string {
  const random = seededRandom(seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const parts = [header];
  let count = header.split("\n").length;
  for (let index = 0; count < lines; index++) {
    const kind = index % 4;
    const name = `${["Mlp", "ConvNet", "RecurrentNet", "ResidualBlock"][kind]}${index}`;
    const block =
      kind === 0
        ? mlp(name, pick, random)
        : kind === 1
          ? convnet(name, pick)
          : kind === 2
            ? recurrent(name, pick)
            : residual(name, pick);
    parts.push(block);
    count += block.split("\n").length - 1;
  }
  return parts.join("");
}

/** Writes `count` small model files (about 60 lines each) into `dir`; returns their paths. */
export function generateModelFolder(dir: string, count: number, seed = 7): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `model_${String(i).padStart(4, "0")}.py`);
    fs.writeFileSync(file, generateModelFile(60, seed + i));
    files.push(file);
  }
  return files;
}
