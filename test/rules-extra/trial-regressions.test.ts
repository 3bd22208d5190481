/**
 * Regressions from a new-user trial, through the real pipeline: the IL007 PyTorch fix lands
 * after the init loop that would overwrite it, one IL001 finding per init call in a loop,
 * and messages that state what the flagged line does.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../server/src/analysis/analyze";
import { defaultConfig } from "../../server/src/config/effective";
import { initPython } from "../../server/src/frontends/python/parser";
import { applyEdits } from "../helpers/edits";

beforeAll(async () => {
  await initPython();
});

const fixtures = path.resolve(__dirname, "../../test-fixtures");

function lint(text: string, name = "model.py") {
  return analyze({
    uri: `file:///${name}`,
    text,
    languageId: "python",
    config: defaultConfig(),
  }).findings;
}

function fixture(rel: string): string {
  return fs.readFileSync(path.join(fixtures, rel), "utf8");
}

describe("IL007 fix placement", () => {
  it("inserts the per-gate loop after the named_parameters() loop that resets the LSTM", () => {
    const text = fixture("pytorch/lstm_xavier_named_parameters.py");
    const [finding] = lint(text).filter((f) => f.code === "IL007");
    expect(finding!.message).toContain("weight_hh is set with xavier_uniform_");
    const fixed = applyEdits(text, finding!.fixes[0]!.edits);
    const xavierLoop = fixed.indexOf("nn.init.zeros_(p)");
    const perGate = fixed.indexOf("for gate in p.data.chunk(4, 0):");
    expect(xavierLoop).toBeGreaterThan(0);
    expect(perGate).toBeGreaterThan(xavierLoop);
    expect(lint(fixed).filter((f) => f.code === "IL007")).toEqual([]);
  });

  it("still reports a per-gate init that a later loop overwrites", () => {
    const text = fixture("pytorch/lstm_per_gate_overwritten.py");
    const [finding] = lint(text).filter((f) => f.code === "IL007");
    expect(finding!.message).toBe(
      "lstm: weight_hh is set with xavier_uniform_ instead of an orthogonal init, so the " +
        "hidden state's norm drifts from step to step; the forget-gate bias starts near 0 " +
        "instead of 1. This matters for long sequences.",
    );
  });
});

describe("messages", () => {
  it("names the layers one init call in a loop reaches, once", () => {
    const found = lint(fixture("pytorch/deep_mlp_xavier_loop.py"));
    expect(found.map((f) => f.message)).toEqual([
      "12 layers (layers.0 ... layers.22): ReLU after Glorot: predicted activation variance " +
        "falls 2^12-fold over 12 ReLU layers initialised with Glorot (this layer's factor " +
        "0.50); He (Kaiming) initialisation keeps it steady",
    ]);
  });

  it("does not let a neighbour's init change a layer's message", () => {
    const text = `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(128, 128)
        self.fc2 = nn.Linear(128, 128)
        self.fc3 = nn.Linear(128, 10)
        nn.init.xavier_uniform_(self.fc1.weight)
        nn.init.constant_(self.fc2.weight, 0.5)

    def forward(self, x):
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))
`;
    const message = (t: string) =>
      lint(t).find((f) => f.code === "IL001" && f.subject?.layerId === "fc1")?.message;
    const before = message(text);
    expect(before).toBe(
      "fc1: ReLU after Glorot: predicted activation variance falls 2.0-fold over 1 ReLU " +
        "layer initialised with Glorot (this layer's factor 0.50); He (Kaiming) " +
        "initialisation keeps it steady",
    );
    const zeroed = text.replace("nn.init.constant_(self.fc2.weight, 0.5)", "");
    expect(message(zeroed)).toBe(before);
  });

  it("talks about kaiming's nonlinearity argument, not calculate_gain, for gelu", () => {
    const text = `import torch.nn as nn


class FFN(nn.Module):
    def __init__(self, d=512):
        super().__init__()
        self.fc1 = nn.Linear(d, 4 * d)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(4 * d, d)
        nn.init.kaiming_uniform_(self.fc1.weight, nonlinearity="gelu")

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))
`;
    const il012 = lint(text).filter((f) => f.code === "IL012");
    expect(il012.map((f) => f.message)).toEqual([
      'nonlinearity="gelu" is not a name kaiming_* accepts: it raises ValueError at run ' +
        "time; it knows linear, conv*, sigmoid, tanh, relu, leaky_relu and selu",
    ]);
  });
});
