/**
 * Inputs for the hardening tests: every fixture in test-fixtures/ with its language, and
 * fast-check arbitraries that mutate a fixture the way half-written code looks (characters
 * typed or deleted, lines duplicated, dropped or cut short, brackets left open) or build a
 * model file from realistic fragments.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";

/** Checkout root. */
export const root = path.join(__dirname, "..", "..");

const languages: Record<string, string> = {
  ".py": "python",
  ".ts": "typescript",
  ".tsx": "typescriptreact",
  ".js": "javascript",
};

/** One fixture: its path, language and text. */
export interface Fixture {
  file: string;
  languageId: string;
  text: string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return languages[path.extname(entry.name)] ? [full] : [];
  });
}

/** Every analysable fixture, sorted by path. */
export function fixtures(): Fixture[] {
  return walk(path.join(root, "test-fixtures"))
    .sort()
    .map((file) => ({
      file,
      languageId: languages[path.extname(file)]!,
      text: fs.readFileSync(file, "utf8"),
    }));
}

/** One edit of a mutation, positions as fractions of the text so any text can take it. */
export type Mutation =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicateLine"; at: number }
  | { kind: "dropLine"; at: number }
  | { kind: "truncate"; at: number };

const fragments = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ":",
  ",",
  "=",
  ".",
  "\n",
  "    ",
  "\t",
  "'",
  '"',
  '"""',
  "#",
  "\\",
  "lambda",
  "nn.init.",
  "self.",
  "def ",
  "class ",
  "import ",
  "return",
  "weight",
  "@",
  "*",
  "**",
  "0x",
  "1e309",
  "\u00e9",
  "\ud83d\ude00",
  "\ud800",
  "\u0000",
  "`",
  "${",
  "=>",
];

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** A single random edit. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    at: fraction,
    text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 12 })),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fraction, length: fc.nat(40) }),
  fc.record({ kind: fc.constant("duplicateLine" as const), at: fraction }),
  fc.record({ kind: fc.constant("dropLine" as const), at: fraction }),
  fc.record({ kind: fc.constant("truncate" as const), at: fraction }),
);

function lineBounds(text: string, at: number): [number, number] {
  const offset = Math.floor(at * text.length);
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const next = text.indexOf("\n", offset);
  return [start, next < 0 ? text.length : next + 1];
}

/** Applies one mutation to `text`. */
export function mutate(text: string, m: Mutation): string {
  const offset = Math.floor(m.at * text.length);
  switch (m.kind) {
    case "insert":
      return text.slice(0, offset) + m.text + text.slice(offset);
    case "delete":
      return text.slice(0, offset) + text.slice(offset + m.length);
    case "duplicateLine": {
      const [start, end] = lineBounds(text, m.at);
      return text.slice(0, end) + text.slice(start, end) + text.slice(end);
    }
    case "dropLine": {
      const [start, end] = lineBounds(text, m.at);
      return text.slice(0, start) + text.slice(end);
    }
    case "truncate":
      return text.slice(0, offset);
  }
}

const pythonPieces = [
  "import torch\n",
  "import torch.nn as nn\n",
  "from torch import nn\n",
  "from tensorflow import keras\n",
  "import flax.linen as nn\n",
  "class Net(nn.Module):\n",
  "    def __init__(self):\n",
  "        super().__init__()\n",
  "        self.fc = nn.Linear(512, 512)\n",
  "        self.conv = nn.Conv2d(3, 64, 3)\n",
  "        self.rnn = nn.LSTM(128, 256)\n",
  "        self.w = nn.Parameter(torch.empty(64, 64))\n",
  "        nn.init.xavier_uniform_(self.fc.weight)\n",
  "        nn.init.kaiming_normal_(self.fc.bias)\n",
  "        nn.init.zeros_(self.fc.weight)\n",
  "        self.apply(self._init)\n",
  "        for m in self.modules():\n",
  "            if isinstance(m, nn.Linear):\n",
  "                nn.init.normal_(m.weight, std=1.0)\n",
  "    def forward(self, x):\n",
  "        return torch.relu(self.fc(x))\n",
  "        x = self.fc(x).tanh()\n",
  "model = keras.Sequential([keras.layers.Dense(64, activation='relu')])\n",
  "model.add(keras.layers.Dense(10, kernel_initializer='he_normal'))\n",
  "    @nn.compact\n",
  "    def __call__(self, x):\n",
  "        return nn.Dense(64, kernel_init=nn.initializers.zeros)(x)\n",
  "torch.manual_seed(0)\n",
  "net = Net()\n",
  "net.load_state_dict(torch.load('w.pt'))\n",
  "    \n",
  "\n",
];

/** A Python model file assembled from realistic fragments in random order and nesting. */
export const pythonModelFile: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...pythonPieces), fc.nat(3)), { maxLength: 60 })
  .map((parts) => parts.map(([piece, indent]) => "    ".repeat(indent % 2) + piece).join(""));
