/**
 * The PyTorch front end on realistic model files: layer order from forward(), kinds and
 * shapes, default and explicit initializers with their origin, activations, residual adds
 * and source ranges.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import { describeFixture, initOf, layer, locate, model, stack } from "./pytorch-helpers";

beforeAll(async () => {
  await initPython();
});

describe("deep MLP with Xavier on ReLU", () => {
  it("orders the ModuleList loop by data flow, repeated by the resolved depth", () => {
    const file = describeFixture("mlp_xavier_deep_relu.py");
    const m = model(file, "DeepMLP");
    expect(m.orderFromDataFlow).toBe(true);
    const s = stack(m);
    expect(s.slice(0, 5)).toEqual([
      "flatten@1:flatten",
      "input:linear",
      "relu@1:relu",
      "hidden.0:linear",
      "relu@2:relu",
    ]);
    expect(s.slice(-3)).toEqual(["relu@11:relu", "dropout:dropout", "head:linear"]);
    expect(m.layers.filter((l) => l.kind === "linear")).toHaveLength(12);
    expect(layer(m, "hidden.9").repeatOf).toBe("hidden.0");
  });

  it("resolves shapes from parameter defaults and module constants", () => {
    const m = model(describeFixture("mlp_xavier_deep_relu.py"), "DeepMLP");
    const input = layer(m, "input");
    expect([input.inFeatures, input.outFeatures]).toEqual([784, 256]);
    expect(input.params.map((p) => [p.name, p.role, p.shape])).toEqual([
      ["weight", "weight", [256, 784]],
      ["bias", "bias", [256]],
    ]);
    expect(layer(m, "head").params[0]!.shape).toEqual([10, 256]);
  });

  it("binds inits from a method called by __init__, including a loop over the list", () => {
    const m = model(describeFixture("mlp_xavier_deep_relu.py"), "DeepMLP");
    expect(initOf(layer(m, "input"))).toBe("xavier_uniform/call");
    expect(initOf(layer(m, "hidden.4"))).toBe("xavier_uniform/call");
    expect(initOf(layer(m, "hidden.4"), "bias")).toBe("zeros/call");
    const head = layer(m, "head");
    expect(head.params[0]!.init.args).toEqual({ gain: 1 });
    expect(initOf(head, "bias")).toBe("torch_default_bias/default");
  });

  it("gives layers, init calls and gain calls their source ranges", () => {
    const name = "mlp_xavier_deep_relu.py";
    const file = describeFixture(name);
    const m = model(file, "DeepMLP");
    const cls = locate(name, "DeepMLP(nn.Module)");
    expect(m.nameRange).toEqual({
      start: cls,
      end: { line: cls.line, character: cls.character + 7 },
    });
    const input = layer(m, "input");
    const call = locate(name, "nn.Linear(in_features, width)");
    expect(input.range.start).toEqual(call);
    expect(input.call?.argsRange.start).toEqual({
      line: call.line,
      character: call.character + 10,
    });
    expect(input.accessPath).toBe("self.input");
    expect(input.insertInitAt).toEqual({
      position: { line: call.line + 1, character: 0 },
      indent: "        ",
    });
    expect(layer(m, "hidden.3").accessPath).toBe("self.hidden[3]");
    const init = input.params[0]!.init;
    const at = locate(name, "nn.init.xavier_uniform_(self.input.weight)");
    expect(init.spelled).toBe("nn.init.xavier_uniform_");
    expect(init.range?.start).toEqual(at);
    expect(init.statementRange).toEqual({
      start: { line: at.line, character: 0 },
      end: { line: at.line + 1, character: 0 },
    });
    expect(file.gainCalls).toEqual([
      expect.objectContaining({ nonlinearity: "linear", layerId: "head", modelId: "DeepMLP" }),
    ]);
    expect(file.facts.pytorch).toEqual({ nnAlias: "nn", functionalAlias: "F" });
  });
});

describe("ResNet with fan_out He and zero-gamma residual norms", () => {
  const file = () => describeFixture("resnet_zero_gamma_fan_out.py");

  it("inlines blocks built by a helper method, with residual adds", () => {
    const m = model(file(), "SmallResNet");
    expect(stack(m).slice(0, 11)).toEqual([
      "conv1:conv",
      "bn1:norm",
      "relu:relu",
      "maxpool:pooling",
      "layer1.0.conv1:conv",
      "layer1.0.bn1:norm",
      "layer1.0.relu:relu",
      "layer1.0.conv2:conv",
      "layer1.0.bn2:norm",
      "add@1:add",
      "layer1.0.relu#2:relu",
    ]);
    expect(layer(m, "add@1").addFrom).toBe("maxpool");
    // The downsampled block adds its shortcut, not the main branch.
    expect(layer(m, "add@3").addFrom).toBe("layer2.0.downsample.1");
    expect(layer(m, "layer1.0.conv1").submodule).toBe("BasicBlock");
    expect(layer(m, "layer2.0.downsample.0").accessPath).toBe("self.layer2[0].downsample[0]");
  });

  it("reads conv shapes through constants, class attributes and helper arguments", () => {
    const m = model(file(), "SmallResNet");
    expect(layer(m, "conv1").params[0]!.shape).toEqual([64, 3, 7, 7]);
    expect(layer(m, "layer2.0.conv1").params[0]!.shape).toEqual([128, 64, 3, 3]);
    expect(layer(m, "layer2.0.downsample.0").kernelSize).toEqual([1, 1]);
    expect(layer(m, "fc").inFeatures).toBe(128);
    expect(layer(m, "conv1").hasBias).toBe(false);
  });

  it("applies isinstance dispatch over self.modules() and the zero-gamma loop", () => {
    const m = model(file(), "SmallResNet");
    const conv = layer(m, "layer1.1.conv2").params[0]!.init;
    expect(conv).toMatchObject({ family: "kaiming_normal", origin: "loop" });
    expect(conv.args).toEqual({ mode: "fan_out", nonlinearity: "relu" });
    const bn2 = layer(m, "layer1.0.bn2").params.find((p) => p.name === "weight")!;
    expect(bn2.init).toMatchObject({ family: "constant", args: { value: 0 } });
    expect(bn2.history?.map((h) => h.args.value)).toEqual([1, 0]);
    expect(layer(m, "layer1.0.bn1").params[0]!.init.args).toEqual({ value: 1 });
    expect(initOf(layer(m, "fc"))).toBe("torch_default/default");
  });

  it("keeps unknown dims null in the standalone block", () => {
    const block = model(file(), "BasicBlock");
    expect(layer(block, "conv1").params[0]!.shape).toEqual([null, null, 3, 3]);
    expect(stack(block)).toEqual([
      "conv1:conv",
      "bn1:norm",
      "relu:relu",
      "conv2:conv",
      "bn2:norm",
      "add@1:add",
      "relu#2:relu",
    ]);
  });

  it("marks norm and bias targets of init calls as 1-D", () => {
    const calls = file().initCalls.map((c) => [c.target, c.targetIs1d ?? null]);
    expect(calls).toEqual([
      ["m.weight", null],
      ["m.weight", "norm"],
      ["m.bias", "bias"],
      ["m.bn2.weight", "norm"],
    ]);
  });
});

describe("DCGAN with weights_init applied at module level", () => {
  it("applies class-name dispatch to the Sequential inside each model", () => {
    const file = describeFixture("dcgan_weights_init_apply.py");
    const g = model(file, "Generator");
    const first = layer(g, "main.0");
    expect(first.kind).toBe("convTranspose");
    expect(first.params[0]!.shape).toEqual([100, 512, 4, 4]);
    expect(first.params[0]!.init).toMatchObject({
      family: "normal",
      origin: "apply",
      args: { mean: 0, std: 0.02 },
    });
    const bn = layer(g, "main.1");
    expect(bn.params.map((p) => `${p.role}:${p.init.family}`)).toEqual([
      "normWeight:normal",
      "normBias:zeros",
    ]);
    expect(bn.params[0]!.init.args).toEqual({ mean: 1, std: 0.02 });
    expect(layer(g, "main.10").activation?.name).toBe("tanh");
  });

  it("reads LeakyReLU slopes and the view flatten", () => {
    const d = model(describeFixture("dcgan_weights_init_apply.py"), "Discriminator");
    expect(layer(d, "main.1").activation).toMatchObject({ name: "leaky_relu", slope: 0.2 });
    expect(stack(d).slice(-2)).toEqual(["main.6:sigmoid", "view@1:flatten"]);
  });
});

describe("recurrent models", () => {
  it("gives an LSTM its per-layer params on the RNN default", () => {
    const m = model(describeFixture("lstm_language_model.py"), "RNNModel");
    const rnn = layer(m, "rnn");
    expect([rnn.kind, rnn.hiddenSize, rnn.numLayers, rnn.bidirectional]).toEqual([
      "lstm",
      650,
      2,
      false,
    ]);
    expect(rnn.params.map((p) => `${p.name}:${p.role}`)).toEqual([
      "weight_ih_l0:weight",
      "weight_hh_l0:recurrentWeight",
      "bias_ih_l0:bias",
      "bias_hh_l0:recurrentBias",
      "weight_ih_l1:weight",
      "weight_hh_l1:recurrentWeight",
      "bias_ih_l1:bias",
      "bias_hh_l1:recurrentBias",
    ]);
    expect(rnn.params[1]!.shape).toEqual([2600, 650]);
    expect(rnn.params.every((p) => p.init.family === "torch_rnn_default")).toBe(true);
    expect(stack(m)).toEqual([
      "encoder:embedding",
      "drop:dropout",
      "rnn:lstm",
      "drop#2:dropout",
      "decoder:linear",
      "view@1:flatten",
      "log_softmax@1:log_softmax",
    ]);
  });

  it("evaluates a method's locals in init arguments", () => {
    const file = describeFixture("lstm_language_model.py");
    const enc = layer(model(file, "RNNModel"), "encoder").params[0]!;
    expect(enc.role).toBe("embedding");
    expect(enc.init.args).toEqual({ low: -0.1, high: 0.1 });
    expect(file.initCalls[0]).toMatchObject({
      family: "uniform",
      args: { low: -0.1, high: 0.1 },
    });
  });

  it("binds named_parameters name matching on a GRU", () => {
    const gru = layer(model(describeFixture("lstm_language_model.py"), "GRUTagger"), "gru");
    const byName = Object.fromEntries(
      gru.params.map((p) => [p.name, `${p.init.family}/${p.init.origin}`]),
    );
    expect(byName).toMatchObject({
      weight_ih_l0: "xavier_uniform/loop",
      weight_hh_l0_reverse: "orthogonal/loop",
      bias_hh_l0: "zeros/loop",
    });
    expect(gru.outFeatures).toBe(512);
    expect(gru.params[1]!.shape).toEqual([768, 256]);
  });
});
