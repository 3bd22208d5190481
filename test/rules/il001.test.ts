/**
 * IL001 on hand-built descriptions: severity by depth and predicted ratio, silence under
 * norms and recipes, the numbers in the message, and fixes in each framework's idiom.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import { activationInitMismatch as rule } from "../../server/src/rules/il001-activation-init-mismatch";
import type { Layer } from "../../server/src/model/types";
import { applyEdits } from "../helpers/edits";
import { act, file, init, linear, mlp, model, norm, rangeOf, run } from "./build";

beforeAll(async () => {
  await initPython();
});

const zeroBias = init("zeros");

describe("IL001 severity", () => {
  it("warns on 12 square ReLU layers on Glorot and states the 2^12 fall", () => {
    const layers = mlp(12, 512, { weight: init("xavier_uniform"), bias: zeroBias });
    const findings = run(rule, file([model(layers)]));
    expect(findings).toHaveLength(12);
    expect(findings.every((f) => f.severity === "warning")).toBe(true);
    expect(findings[0]!.message).toBe(
      "fc0: ReLU after Glorot: predicted activation variance falls 2^12-fold over 12 ReLU layers " +
        "initialised with Glorot (this layer's factor 0.50); He (Kaiming) initialisation keeps " +
        "it steady",
    );
  });

  it("gives only a hint on a shallow PyTorch-default net (MNIST-sized)", () => {
    const layers = [
      linear("fc1", 784, 128),
      act("r1", "relu"),
      linear("fc2", 128, 64),
      act("r2", "relu"),
      linear("fc3", 64, 10),
    ];
    const findings = run(rule, file([model(layers)]));
    expect(findings.map((f) => [f.subject?.layerId, f.severity])).toEqual([
      ["fc1", "hint"],
      ["fc2", "hint"],
    ]);
    expect(findings[0]!.message).toContain("PyTorch's default");
  });

  it("is silent when a norm follows every layer", () => {
    const layers: Layer[] = [];
    for (let i = 0; i < 12; i++) {
      layers.push(linear(`fc${i}`, 256, 256), norm(`bn${i}`), act(`r${i}`, "relu"));
    }
    expect(run(rule, file([model(layers)]))).toEqual([]);
  });

  it("respects the depth and ratio settings", () => {
    const layers = mlp(4, 256, { weight: init("xavier_normal"), bias: zeroBias });
    const deep = run(rule, file([model(layers)]), "", { depth: 4 });
    expect(deep.map((f) => f.severity)).toEqual(["warning", "warning", "warning", "warning"]);
    const lenient = run(rule, file([model(layers)]), "", { depth: 4, ratio: 100 });
    expect(lenient.map((f) => f.severity)).toEqual(["hint", "hint", "hint", "hint"]);
  });

  it("uses TF.js's realised 0.774 factor and says so", () => {
    const layers = mlp(10, 128, { framework: "tfjs" });
    const findings = run(rule, file([model(layers, "tfjs")]));
    expect(findings).toHaveLength(10);
    expect(findings[0]!.severity).toBe("warning");
    // 0.774 / 2 per layer: (0.387)^10 = 7.5e-5, a 1.3e4-fold fall.
    expect(findings[0]!.message).toContain("falls 1.3e4-fold over 10 ReLU layers");
    expect(findings[0]!.message).toContain("realises 0.774 of its nominal variance");
  });

  it("judges tanh on He by saturation, which stays low: a hint even when deep", () => {
    const layers = mlp(12, 256, {
      weight: init("kaiming_normal"),
      bias: zeroBias,
      act: "tanh",
    });
    const findings = run(rule, file([model(layers)]));
    expect(findings).toHaveLength(12);
    expect(findings.every((f) => f.severity === "hint")).toBe(true);
    expect(findings[0]!.message).toContain("<0.1% of its inputs saturated");
  });

  it("flags SELU off LeCun's variance but not Flax's default lecun_normal", () => {
    const torch = run(rule, file([model(mlp(3, 64, { act: "selu" }))]));
    expect(torch.map((f) => f.severity)).toEqual(["hint", "hint", "hint"]);
    const flax = run(
      rule,
      file([model(mlp(3, 64, { act: "selu", framework: "flax" }), "flax")]),
    );
    expect(flax).toEqual([]);
  });

  it("accepts Glorot with ReLU's gain, and kaiming with an explicit nonlinearity is IL012's", () => {
    const gained = mlp(12, 128, {
      weight: init("xavier_uniform", { gain: Math.SQRT2 }),
      bias: zeroBias,
    });
    expect(run(rule, file([model(gained)]))).toEqual([]);
    const stated = mlp(12, 128, { weight: init("kaiming_normal", { nonlinearity: "linear" }) });
    expect(run(rule, file([model(stated)]))).toEqual([]);
  });

  it("stays silent on the RL orthogonal recipe and on unknown initializers", () => {
    const rl = mlp(12, 64, { weight: init("orthogonal", { gain: Math.SQRT2 }), act: "tanh" });
    expect(run(rule, file([model(rl)]))).toEqual([]);
    const unknown = mlp(12, 64, { weight: init("unknown") });
    expect(run(rule, file([model(unknown)]))).toEqual([]);
  });
});

const torchText = `import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 256)
        self.out = nn.Linear(256, 10)
        nn.init.xavier_uniform_(self.fc1.weight)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = torch.tanh(self.fc2(x))
        return self.out(x)
`;

function torchNet() {
  const call = "nn.init.xavier_uniform_(self.fc1.weight)";
  const fc1 = linear("fc1", 784, 256, {
    weight: init(
      "xavier_uniform",
      {},
      { range: rangeOf(torchText, call), spelled: "nn.init.xavier_uniform_" },
    ),
    range: rangeOf(torchText, "nn.Linear(784, 256)"),
  });
  const fc2 = linear("fc2", 256, 256, {
    weight: init("kaiming_uniform", {}, { origin: "default" }),
    extra: {
      accessPath: "self.fc2",
      insertInitAt: { position: { line: 9, character: 0 }, indent: "        " },
    },
  });
  const layers = [
    fc1,
    act("relu", "relu", rangeOf(torchText, "torch.relu")),
    fc2,
    act("tanh", "tanh"),
    linear("out", 256, 10),
  ];
  const initCalls = [
    {
      family: "xavier_uniform" as const,
      framework: "pytorch" as const,
      spelled: "nn.init.xavier_uniform_",
      args: {},
      range: rangeOf(torchText, call),
      calleeRange: rangeOf(torchText, "nn.init.xavier_uniform_"),
      target: "self.fc1.weight",
    },
  ];
  return file([model(layers)], { initCalls });
}

describe("IL001 fixes", () => {
  it("rewrites an explicit PyTorch call with the file's alias and quotes", () => {
    const [finding] = run(rule, torchNet(), torchText).filter(
      (f) => f.subject?.layerId === "fc1",
    );
    expect(finding!.range).toEqual(
      rangeOf(torchText, "nn.init.xavier_uniform_(self.fc1.weight)"),
    );
    expect(finding!.related?.[0]?.range).toEqual(rangeOf(torchText, "torch.relu"));
    const fix = finding!.fixes[0]!;
    expect(fix.safe).toBe(false);
    expect(applyEdits(torchText, fix.edits)).toContain(
      '        nn.init.kaiming_uniform_(self.fc1.weight, nonlinearity="relu")\n',
    );
  });

  it("inserts an init line for a layer on its default", () => {
    const f = torchNet();
    const he = f.models[0]!.layers[2]!;
    he.params[0]!.init = init("kaiming_normal", {}, { origin: "default" });
    // A default-initialised layer feeding tanh: He-on-tanh asks for Glorot with tanh's gain.
    const [finding] = run(rule, f, torchText).filter((x) => x.subject?.layerId === "fc2");
    const fixed = applyEdits(torchText, finding!.fixes[0]!.edits);
    expect(fixed).toContain(
      "        self.fc2 = nn.Linear(256, 256)\n" +
        '        nn.init.xavier_normal_(self.fc2.weight, gain=nn.init.calculate_gain("tanh"))\n' +
        "        self.out = nn.Linear(256, 10)\n",
    );
  });

  it("adds kernel_initializer to a Keras layer in the file's quote style", () => {
    const text =
      "from tensorflow import keras\nx = keras.layers.Dense(64, activation='relu')(x)\n";
    const layers: Layer[] = [];
    for (let i = 0; i < 3; i++) {
      const dense = linear(`d${i}`, 64, 64, { framework: "keras", fused: "relu" });
      dense.call = {
        range: rangeOf(text, "keras.layers.Dense(64, activation='relu')"),
        argsRange: rangeOf(text, "64, activation='relu'"),
        keywords: {},
      };
      layers.push(dense);
    }
    const [finding] = run(rule, file([model(layers, "keras")]), text);
    expect(finding!.message).toContain("Keras's default glorot_uniform");
    expect(applyEdits(text, finding!.fixes[0]!.edits)).toBe(
      "from tensorflow import keras\nx = keras.layers.Dense(64, activation='relu', kernel_initializer='he_normal')(x)\n",
    );
  });
});
