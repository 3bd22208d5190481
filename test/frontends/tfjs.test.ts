/**
 * The TF.js front end on the fixture models in test-fixtures/tfjs/: layer order, kinds,
 * shapes, initializers with TF.js defaults and quirks, activations and ranges.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { describeScript } from "../../server/src/frontends/typescript/index";
import type { FileDescription, Layer } from "../../server/src/model/types";

const root = path.join(__dirname, "..", "..", "test-fixtures", "tfjs");

function load(name: string): { file: FileDescription; text: string } {
  const text = fs.readFileSync(path.join(root, name), "utf8");
  const languageId = name.endsWith(".js") ? "javascript" : "typescript";
  return { file: describeScript({ uri: `file:///${name}`, text, languageId }), text };
}

/** One line per layer: kind, in -> out, activation, kernel family/origin. */
function summary(layers: Layer[]): string[] {
  return layers.map((l) => {
    const act = l.fusedActivation?.name ?? l.activation?.name ?? "-";
    const kernel = l.params[0] ? `${l.params[0].init.family}/${l.params[0].init.origin}` : "-";
    return `${l.kind} ${l.inFeatures}->${l.outFeatures} ${act} ${kernel}`;
  });
}

function textAt(text: string, range: Layer["range"]): string {
  const lines = text.split("\n");
  if (range.start.line === range.end.line) {
    return lines[range.start.line]!.slice(range.start.character, range.end.character);
  }
  return lines[range.start.line]!.slice(range.start.character);
}

describe("TF.js front end", () => {
  it("reads the MNIST CNN with shapes through conv, pooling and flatten", () => {
    const { file } = load("mnist-cnn.ts");
    expect(file.frameworks).toEqual(["tfjs"]);
    const [model] = file.models;
    expect(model!.inputShape).toEqual([28, 28, 1]);
    expect(summary(model!.layers)).toEqual([
      "conv 1->8 relu variance_scaling/argument",
      "pooling 8->8 - -",
      "conv 8->16 relu variance_scaling/argument",
      "pooling 16->16 - -",
      "flatten 16->256 - -",
      "linear 256->10 softmax variance_scaling/argument",
    ]);
    expect(model!.layers[2]!.params[0]!.shape).toEqual([5, 5, 8, 16]);
    expect(model!.layers[0]!.params[0]!.init.args).toEqual({
      distribution: "truncated_normal",
      scale: 1,
      mode: "fan_in",
    });
  });

  it("gives a dense stack on defaults TF.js's glorotNormal, an uncorrected truncated normal", () => {
    const { file, text } = load("deep-relu-defaults.ts");
    const model = file.models[0]!;
    expect(model.id).toBe("regressor");
    expect(model.layers).toHaveLength(11);
    const first = model.layers[0]!;
    expect(first.params.map((p) => [p.name, p.shape, p.init.family, p.initKeyword])).toEqual([
      ["kernel", [64, 256], "xavier_normal", "kernelInitializer"],
      ["bias", [256], "zeros", "biasInitializer"],
    ]);
    expect(first.params[0]!.init).toMatchObject({
      framework: "tfjs",
      origin: "default",
      args: { distribution: "truncated_normal" },
    });
    expect(textAt(text, first.range)).toMatch(/^tf\.layers\.dense\(\{ inputShape/);
    expect(first.fusedActivation).toMatchObject({ name: "relu", spelled: '"relu"' });
    expect(Object.keys(first.call!.keywords)).toEqual(["inputShape", "units", "activation"]);
    const args = first.call!.argsRange;
    expect(
      text.split("\n")[args.start.line]!.slice(args.start.character, args.end.character),
    ).toBe(' inputShape: [NUM_FEATURES], units: HIDDEN, activation: "relu" ');
    expect(model.layers[10]!.fusedActivation).toBeUndefined();
  });

  it("follows the functional API through a local block function and a residual add", () => {
    const { file } = load("functional-residual.ts");
    const model = file.models[0]!;
    expect(model.inputShape).toEqual([128]);
    expect(summary(model.layers)).toEqual([
      "linear 128->128 relu kaiming_normal/argument",
      "linear 128->128 relu kaiming_normal/argument",
      "linear 128->128 - kaiming_normal/argument",
      "add 128->128 - -",
      "linear 128->10 softmax xavier_normal/default",
    ]);
    expect(model.layers[3]!.addFrom).toBe("0");
    expect(model.orderFromDataFlow).toBe(true);
  });

  it("reads embedding and LSTM defaults: orthogonal recurrent kernel, unitForgetBias as written", () => {
    const { file } = load("sentiment-lstm.ts");
    const [embedding, lstm] = file.models[0]!.layers;
    expect(embedding!.params[0]!.init).toMatchObject({
      family: "uniform",
      args: { low: -0.05, high: 0.05 },
    });
    expect(embedding!.params[0]!.shape).toEqual([10000, 64]);
    expect(lstm!.kind).toBe("lstm");
    expect(lstm!.unitForgetBias).toBe(true);
    expect(lstm!.params.map((p) => [p.role, p.shape, p.init.family])).toEqual([
      ["weight", [64, 128], "xavier_normal"],
      ["recurrentWeight", [32, 128], "orthogonal"],
      ["bias", [128], "zeros"],
    ]);
  });

  it("unrolls a static loop in a CommonJS file and links the repeats", () => {
    const { file } = load("selu-net.js");
    expect(file.frameworks).toEqual(["tfjs"]);
    const layers = file.models[0]!.layers;
    expect(layers.map((l) => l.kind)).toEqual([
      "linear",
      "linear",
      "dropout",
      "linear",
      "dropout",
      "linear",
      "dropout",
      "linear",
    ]);
    expect(layers[0]!.inFeatures).toBeNull();
    expect(layers[3]!.repeatOf).toBe("1");
    expect(layers[1]!.params[0]!.init.family).toBe("lecun_normal");
    expect(layers[7]!.outFeatures).toBeNull();
  });

  it("keeps batch norm and separate activation layers in order, from named imports", () => {
    const { file } = load("batchnorm-separate-activations.ts");
    const model = file.models[0]!;
    expect(model.inputShape).toEqual([32, 32, 3]);
    const kinds = model.layers
      .slice(0, 4)
      .map((l) => `${l.kind}:${l.norm ?? l.activation?.name ?? ""}`);
    expect(kinds).toEqual(["conv:", "norm:batch", "activation:relu", "pooling:"]);
    expect(model.layers[0]!.hasBias).toBe(false);
    expect(model.layers[8]!.params[0]!.shape).toEqual([3, 3, 64, 128]);
    expect(model.layers[14]!.activation).toMatchObject({ name: "relu" });
  });

  it("turns unknown initializer spellings into InitCalls with suggestions", () => {
    const { file, text } = load("init-spellings.ts");
    const calls = file.initCalls.map((c) => [c.spelled, c.family, c.unknownSuggestions ?? []]);
    expect(calls).toEqual([
      ['"he_normal"', "unknown", ["heNormal"]],
      ["'heNormall'", "unknown", ["heNormal"]],
      ["tf.initializers.glorotUniform", "xavier_uniform", []],
      ["tf.initializers.randomUniform", "uniform", []],
    ]);
    expect(textAt(text, file.initCalls[1]!.range)).toBe("'heNormall'");
    expect(textAt(text, file.initCalls[2]!.calleeRange)).toBe("glorotUniform");
    const bias = file.models[0]!.layers[2]!.params[1]!;
    expect(bias.init.args).toEqual({ low: -0.05, high: 0.1 });
    expect(file.facts.tfjsQuirks).toMatchObject([
      { kind: "falsy-default", arg: "minval", written: "0", realised: "-0.05" },
    ]);
  });

  it("recovers from a syntax error and still reads the layers before it", () => {
    const { file } = load("broken-syntax.ts");
    expect(file.syntaxErrors.length).toBeGreaterThan(0);
    expect(file.models[0]!.layers[0]!.fusedActivation?.name).toBe("tanh");
  });

  it("reads varianceScaling arguments with TF.js's own distribution semantics", () => {
    const text = [
      'import * as tf from "@tensorflow/tfjs";',
      "const init = tf.initializers.varianceScaling({",
      '  scale: 2, mode: "fanIn", distribution: "truncatedNormal" });',
      "const model = tf.sequential({ layers: [",
      "  tf.layers.dense({ inputShape: [8], units: 4, kernelInitializer: init }),",
      "] });",
    ].join("\n");
    const file = describeScript({ uri: "file:///vs.ts", text, languageId: "typescript" });
    const kernel = file.models[0]!.layers[0]!.params[0]!;
    expect(kernel.init.args).toEqual({ scale: 2, mode: "fan_in", distribution: "uniform" });
    expect(file.initCalls).toHaveLength(1);
    expect(file.facts.tfjsQuirks).toMatchObject([{ kind: "truncated-normal-samples-uniform" }]);
  });

  it("stays empty on a script that does not use TF.js", () => {
    const text = "const layers = [];\nexport function dense(x: number) { return x * 2; }\n";
    const file = describeScript({ uri: "file:///plain.ts", text, languageId: "typescript" });
    expect(file.frameworks).toEqual([]);
    expect(file.models).toEqual([]);
  });
});
