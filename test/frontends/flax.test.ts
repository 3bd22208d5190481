/**
 * The Flax front end on the fixture modules: linen compact and setup styles, nnx modules,
 * JAX initializer semantics and Flax's defaults.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describePython } from "../../server/src/frontends/python/index";
import { initPython } from "../../server/src/frontends/python/parser";
import type { FileDescription, Layer } from "../../server/src/model/types";

const dir = path.join(__dirname, "..", "..", "test-fixtures", "flax");

function load(name: string): FileDescription {
  const file = path.join(dir, name);
  return describePython({ uri: `file://${file}`, text: fs.readFileSync(file, "utf8") });
}

function summary(layer: Layer): string {
  return `${layer.id} ${layer.kind} ${layer.inFeatures}->${layer.outFeatures}`;
}

beforeAll(async () => {
  await initPython();
});

describe("Flax linen", () => {
  it("reads a compact CNN in call order with pooling, flatten and lecun_normal defaults", () => {
    const file = load("mnist_cnn_compact.py");
    expect(file.frameworks).toEqual(["flax"]);
    const [model] = file.models;
    expect(model!.layers.map(summary)).toEqual([
      "Conv conv null->32",
      "relu activation 32->32",
      "avg_pool pooling 32->32",
      "Conv_1 conv 32->64",
      "relu_1 activation 64->64",
      "avg_pool_1 pooling 64->64",
      "reshape flatten 64->null",
      "Dense linear null->256",
      "relu_2 activation 256->256",
      "Dense_1 linear 256->10",
    ]);
    const kernel = model!.layers[3]!.params[0]!;
    expect(kernel.shape).toEqual([3, 3, 32, 64]);
    expect(kernel.initKeyword).toBe("kernel_init");
    expect(kernel.init).toMatchObject({
      family: "lecun_normal",
      framework: "flax",
      origin: "default",
      args: { distribution: "truncated_normal" },
    });
    expect(model!.layers[0]!.call?.keywords.features).toBeDefined();
  });

  it("expands a setup() comprehension over a tuple field and reads JAX initializers", () => {
    const file = load("mlp_setup_he_normal.py");
    const [model] = file.models;
    const dense = model!.layers.filter((l) => l.kind === "linear");
    expect(dense).toHaveLength(11);
    expect(dense[1]!.inFeatures).toBe(512);
    expect(dense[1]!.repeatOf).toBe("hidden.0");
    expect(dense[0]!.params[0]!.init).toMatchObject({
      family: "kaiming_normal",
      args: { scale: 2 },
    });
    expect(dense[10]!.params[0]!.init).toMatchObject({ family: "normal", args: { std: 0.01 } });
    expect(model!.layers[1]!.activation?.name).toBe("relu");
    const bias = file.initCalls.find((c) => c.target === "hidden.0.bias")!;
    expect(bias).toMatchObject({ family: "zeros", targetIs1d: "bias" });
  });

  it("reads Embed's default N(0, 1/features), an LSTM cell in nn.RNN and a typo'd initializer", () => {
    const file = load("lstm_embed_classifier.py");
    const [embed, lstm, norm, head] = file.models[0]!.layers;
    expect(embed!.params[0]!.init).toMatchObject({ family: "normal" });
    expect(embed!.params[0]!.init.args.std).toBeCloseTo(1 / Math.sqrt(128), 12);
    expect(lstm).toMatchObject({
      kind: "lstm",
      hiddenSize: 256,
      inFeatures: 128,
      unitForgetBias: false,
    });
    expect(lstm!.params.map((p) => p.init.family)).toEqual([
      "lecun_normal",
      "orthogonal",
      "zeros",
    ]);
    expect(norm!.norm).toBe("layer");
    expect(head!.params[0]!.init.family).toBe("unknown");
    const typo = file.initCalls.find((c) => c.family === "unknown")!;
    expect(typo.unknownSuggestions?.[0]).toBe("he_normal");
  });
});

describe("Flax nnx", () => {
  it("reads layers made in __init__ in __call__ order with variance_scaling arguments", () => {
    const [model] = load("nnx_mlp.py").models;
    expect(model!.layers.map((l) => `${l.id}:${l.kind}`)).toEqual([
      "linear:linear",
      "norm:norm",
      "gelu:activation",
      "dropout:dropout",
      "out:linear",
    ]);
    expect(model!.layers[4]!.params[0]!.init).toMatchObject({
      family: "variance_scaling",
      args: { scale: 2, mode: "fan_in", distribution: "truncated_normal" },
    });
  });

  it("reads explicit nnx sizes from literals", () => {
    const text = [
      "from flax import nnx",
      "class Net(nnx.Module):",
      "    def __init__(self, rngs):",
      "        self.conv = nnx.Conv(1, 32, kernel_size=(3, 3), rngs=rngs)",
      "        self.fc = nnx.Linear(512, 10, use_bias=False, rngs=rngs)",
      "    def __call__(self, x):",
      "        return self.fc(nnx.relu(self.conv(x)))",
    ].join("\n");
    const [model] = describePython({ uri: "file:///nnx.py", text }).models;
    const [conv, relu, fc] = model!.layers;
    expect(conv!.params[0]!.shape).toEqual([3, 3, 1, 32]);
    expect(relu!.activation?.name).toBe("relu");
    expect(fc).toMatchObject({ inFeatures: 512, outFeatures: 10, hasBias: false });
  });
});
