/**
 * The Keras front end on the fixture models: layers in data-flow order with Keras's shapes,
 * defaults and initializer semantics, and the init calls IL011 reads.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describePython } from "../../server/src/frontends/python/index";
import { initPython } from "../../server/src/frontends/python/parser";
import type { FileDescription, Layer } from "../../server/src/model/types";

const dir = path.join(__dirname, "..", "..", "test-fixtures", "keras");

function load(name: string): FileDescription {
  const file = path.join(dir, name);
  return describePython({ uri: `file://${file}`, text: fs.readFileSync(file, "utf8") });
}

function summary(layer: Layer): string {
  const act = layer.fusedActivation?.name ?? layer.activation?.name ?? "-";
  return `${layer.id} ${layer.kind} ${layer.inFeatures}->${layer.outFeatures} ${act}`;
}

beforeAll(async () => {
  await initPython();
});

describe("Keras Sequential", () => {
  it("reads a convnet with its Input, shapes through pooling and flatten, and He kernels", () => {
    const file = load("mnist_convnet.py");
    expect(file.frameworks).toEqual(["keras"]);
    const [model] = file.models;
    expect(model!.inputShape).toEqual([28, 28, 1]);
    expect(model!.layers.map(summary)).toEqual([
      "conv2d conv 1->32 relu",
      "max_pooling2d pooling 32->32 -",
      "conv2d_1 conv 32->64 relu",
      "max_pooling2d_1 pooling 64->64 -",
      "flatten flatten 64->1600 -",
      "dropout dropout 1600->1600 -",
      "dense linear 1600->10 softmax",
    ]);
    const kernel = model!.layers[2]!.params[0]!;
    expect(kernel.shape).toEqual([3, 3, 32, 64]);
    expect(kernel.initKeyword).toBe("kernel_initializer");
    expect(kernel.init).toMatchObject({
      family: "kaiming_normal",
      origin: "argument",
      args: { scale: 2, mode: "fan_in", distribution: "truncated_normal" },
    });
    const head = model!.layers[6]!;
    expect(head.params.map((p) => `${p.name}:${p.init.family}:${p.init.origin}`)).toEqual([
      "kernel:xavier_uniform:default",
      "bias:zeros:default",
    ]);
  });

  it("unrolls add() calls in a counted loop and marks the repeats", () => {
    const [model] = load("deep_relu_mlp_defaults.py").models;
    expect(model!.layers).toHaveLength(13);
    expect(model!.layers[0]!.inFeatures).toBe(784);
    expect(model!.layers[11]!.repeatOf).toBe("dense_1");
    expect(model!.layers[12]!.outFeatures).toBe(10);
  });

  it("reads tf.keras spellings, InputLayer and the SELU recipe", () => {
    const [model] = load("selu_lecun_normal.py").models;
    expect(model!.inputShape).toEqual([128]);
    const dense = model!.layers.filter((l) => l.kind === "linear");
    expect(dense.map((l) => l.params[0]!.init.family)).toEqual([
      "lecun_normal",
      "lecun_normal",
      "lecun_normal",
      "lecun_normal",
      "xavier_uniform",
    ]);
    expect(dense[3]!.fusedActivation?.name).toBe("selu");
  });
});

describe("Keras functional and subclassed models", () => {
  it("orders a functional ResNet by data flow with norms, activation layers and the residual add", () => {
    const model = load("functional_resnet_block.py").models.find(
      (m) => m.name === "small_resnet",
    )!;
    expect(model.inputShape).toEqual([32, 32, 3]);
    const kinds = model.layers.map((l) => l.kind);
    expect(kinds).toEqual([
      "conv",
      "norm",
      "activation",
      "conv",
      "norm",
      "activation",
      "conv",
      "norm",
      "add",
      "activation",
      "pooling",
      "linear",
    ]);
    const add = model.layers[8]!;
    expect(add.addFrom).toBe("re_lu");
    expect(model.layers[0]!.hasBias).toBe(false);
  });

  it("reads Embedding, Bidirectional LSTMs with Keras's recurrent defaults, and a GRU", () => {
    const file = load("lstm_sentiment.py");
    const functional = file.models.find((m) => m.id === "model")!;
    const lstm = functional.layers[1]!;
    expect(lstm).toMatchObject({ kind: "lstm", bidirectional: true, unitForgetBias: true });
    expect(lstm.inFeatures).toBe(128);
    expect(lstm.outFeatures).toBe(128);
    expect(
      lstm.params.map((p) => `${p.name}${JSON.stringify(p.shape)}:${p.init.family}`),
    ).toEqual([
      "kernel[128,256]:xavier_uniform",
      "recurrent_kernel[64,256]:orthogonal",
      "bias[256]:zeros",
    ]);
    expect(functional.layers[0]!.params[0]!.init).toMatchObject({
      family: "uniform",
      args: { low: -0.05, high: 0.05 },
    });
    const gru = file.models.find((m) => m.name === "gru_classifier")!.layers[1]!;
    expect(gru.params[2]!.shape).toEqual([2, 384]);
  });

  it("orders a subclassed model by call() and reads functional activations there", () => {
    const file = load("subclassed_tanh_mlp.py");
    const model = file.models.find((m) => m.id === "TanhRegressor")!;
    expect(model.orderFromDataFlow).toBe(true);
    expect(model.layers.map(summary)).toEqual([
      "fc1 linear null->256 -",
      "tanh activation 256->256 tanh",
      "drop dropout 256->256 -",
      "fc2 linear 256->256 -",
      "tanh_1 activation 256->256 tanh",
      "norm norm 256->256 -",
      "head linear 256->1 -",
    ]);
    expect(model.layers[0]!.params[0]!.init.args.seed).toBe(0);
    expect(file.initCalls.map((c) => `${c.target}:${c.family}`)).toContain("self.w:normal");
  });
});

describe("Keras init calls for IL011", () => {
  it("suggests the right spelling for an unknown identifier", () => {
    const file = load("typo_initializer_string.py");
    const typo = file.initCalls.find((c) => c.family === "unknown")!;
    expect(typo.spelled).toBe('"he_normall"');
    expect(typo.unknownSuggestions?.[0]).toBe("he_normal");
    expect(file.models[0]!.layers[0]!.params[0]!.init.family).toBe("unknown");
  });

  it("records Keras 1's init= with the keyword's range and keeps the intended initializer", () => {
    const file = load("keras1_init_keyword.py");
    const [call] = file.initCalls;
    expect(call).toMatchObject({ deprecatedFor: "kernel_initializer", spelled: "init" });
    expect(call!.calleeRange).toEqual({
      start: { line: 6, character: 36 },
      end: { line: 6, character: 40 },
    });
    expect(file.models[0]!.layers[0]!.params[0]!.init.family).toBe("kaiming_normal");
  });

  it("records an initializer given to model.add() as misplaced; the layer keeps its default", () => {
    const file = load("misplaced_add_initializer.py");
    const [call] = file.initCalls;
    expect(call).toMatchObject({
      misplaced: true,
      family: "kaiming_normal",
      target: "dense.kernel",
    });
    const facts = file.facts.keras as {
      misplacedInitializer: { keyword: string; layerId: string }[];
    };
    expect(facts.misplacedInitializer.map((m) => `${m.keyword}@${m.layerId}`)).toEqual([
      "kernel_initializer@dense",
    ]);
    const dense = file.models[0]!.layers[0]!;
    expect(dense.params[0]!.init.origin).toBe("default");
    expect(file.models[0]!.layers[2]!.activation).toMatchObject({
      name: "leaky_relu",
      slope: 0.2,
    });
  });
});

describe("Keras initializer arguments", () => {
  it("reads VarianceScaling, RandomNormal and Constant with their arguments", () => {
    const text = [
      "import keras",
      "from keras import layers, initializers",
      "init = initializers.VarianceScaling(scale=2.0, mode='fan_in', distribution='normal')",
      "model = keras.Sequential([",
      "    layers.Dense(64, kernel_initializer=init, bias_initializer=initializers.Constant(0.1)),",
      "    layers.Dense(64, kernel_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=0.02)),",
      "    layers.Dense(8, kernel_initializer=initializers.HeNormall()),",
      "])",
    ].join("\n");
    const file = describePython({ uri: "file:///inline.py", text });
    const [a, b, c] = file.models[0]!.layers;
    expect(a!.params[0]!.init.args).toEqual({
      scale: 2,
      mode: "fan_in",
      distribution: "truncated_normal",
    });
    expect(a!.params[1]!.init).toMatchObject({ family: "constant", args: { value: 0.1 } });
    expect(b!.params[0]!.init.args).toEqual({ mean: 0, std: 0.02 });
    expect(c!.params[0]!.init.family).toBe("unknown");
    const unknown = file.initCalls.find((x) => x.family === "unknown")!;
    expect(unknown.unknownSuggestions?.[0]).toBe("HeNormal");
  });
});
