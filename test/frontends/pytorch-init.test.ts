/**
 * The PyTorch front end's init binding on realistic files: apply with isinstance dispatch
 * into nested submodules, name matching over named_parameters, guarded and unguarded
 * parameter loops, in-place tensor inits, module-level Sequentials, and the InitCall facts
 * (deprecated and unknown spellings, 1-D targets).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { initPython } from "../../server/src/frontends/python/parser";
import { describeFixture, initOf, layer, locate, model, stack } from "./pytorch-helpers";

beforeAll(async () => {
  await initPython();
});

describe("GPT-style model", () => {
  it("follows blocks through a ModuleDict and a ModuleList loop into their forward", () => {
    const m = model(describeFixture("gpt_block_init_weights.py"), "GPT");
    expect(stack(m)).toEqual([
      "transformer.wte:embedding",
      "transformer.wpe:embedding",
      "add@1:add",
      "transformer.h.0.ln_1:norm",
      "transformer.h.0.attn.c_attn:linear",
      "transformer.h.0.attn.c_proj:linear",
      "add@2:add",
      "transformer.h.0.ln_2:norm",
      "transformer.h.0.mlp.c_fc:linear",
      "transformer.h.0.mlp.gelu:gelu",
      "transformer.h.0.mlp.c_proj:linear",
      "add@3:add",
      "transformer.ln_f:norm",
      "lm_head:linear",
    ]);
    // The residual adds the stream that bypassed the attention branch.
    expect(layer(m, "add@2").addFrom).toBe("add@1");
  });

  it("applies _init_weights to nested Linears and scales c_proj by name", () => {
    const file = describeFixture("gpt_block_init_weights.py");
    const m = model(file, "GPT");
    expect(layer(m, "lm_head").params[0]!.init).toMatchObject({
      family: "normal",
      origin: "apply",
      args: { mean: 0, std: 0.02 },
    });
    expect(initOf(layer(m, "transformer.h.0.attn.c_attn"), "bias")).toBe("zeros/apply");
    expect(initOf(layer(m, "transformer.wte"))).toBe("normal/apply");
    const proj = layer(m, "transformer.h.0.mlp.c_proj").params[0]!;
    expect(proj.history?.map((h) => h.origin)).toEqual(["apply", "loop"]);
    // std depends on config.n_layer, which the file does not pin down.
    expect(proj.init.args).toEqual({ mean: 0, unresolved: ["std"] });
    expect(initOf(layer(m, "transformer.h.0.ln_1"))).toBe("ones/default");
    expect(file.notes.some((n) => n.includes("unknown length"))).toBe(true);
  });

  it("leaves config-driven dims unknown", () => {
    const m = model(describeFixture("gpt_block_init_weights.py"), "GPT");
    expect(layer(m, "lm_head").params[0]!.shape).toEqual([null, null]);
    expect(layer(m, "lm_head").hasBias).toBe(false);
  });
});

describe("VGG built from a configuration list", () => {
  it("runs make_layers over the config, with shapes", () => {
    const m = model(describeFixture("vgg_normal_heads.py"), "VGG11");
    const convs = m.layers.filter((l) => l.kind === "conv");
    expect(convs.map((c) => c.outFeatures)).toEqual([64, 128, 256, 256, 512, 512, 512, 512]);
    expect(layer(m, "features.4").params[0]!.shape).toEqual([128, 64, 3, 3]);
    expect(stack(m).slice(0, 4)).toEqual([
      "features.0:conv",
      "features.1:norm",
      "features.2:relu",
      "features.3:pooling",
    ]);
  });

  it("binds the elif chain of the modules() loop per layer type", () => {
    const m = model(describeFixture("vgg_normal_heads.py"), "VGG11");
    expect(layer(m, "features.0").params[0]!.init.args).toEqual({
      mode: "fan_out",
      nonlinearity: "relu",
    });
    expect(layer(m, "features.0").params[1]!.init.args).toEqual({ value: 0 });
    expect(layer(m, "classifier.6").params[0]!.init).toMatchObject({
      family: "normal",
      origin: "loop",
      args: { mean: 0, std: 0.01 },
    });
    expect(layer(m, "classifier.0").params[0]!.shape).toEqual([4096, 25088]);
  });
});

describe("module-level Sequentials", () => {
  it("describes positional and OrderedDict stacks with their access paths", () => {
    const file = describeFixture("sequential_module_level.py");
    const policy = model(file, "policy");
    expect(stack(policy)).toEqual(["0:linear", "1:tanh", "2:linear", "3:tanh", "4:linear"]);
    expect(layer(policy, "2").accessPath).toBe("policy[2]");
    // The added line goes after the whole (multi-line) assignment, at module level.
    const end = locate("sequential_module_level.py", "value = nn.Sequential(").line - 1;
    expect(layer(policy, "2").insertInitAt).toEqual({
      position: { line: end, character: 0 },
      indent: "",
    });
    const value = model(file, "value");
    expect(stack(value)).toEqual(["fc1:linear", "act1:tanh", "fc2:linear"]);
    expect(layer(value, "fc2").accessPath).toBe("value.fc2");
    expect(file.facts.pytorch).toEqual({ nnAlias: "nn", initAlias: "init" });
  });

  it("applies type(m) == dispatch, then the later direct calls win", () => {
    const file = describeFixture("sequential_module_level.py");
    const policy = model(file, "policy");
    expect(policy.layers[0]!.params[0]!.init).toMatchObject({
      family: "orthogonal",
      origin: "apply",
    });
    expect(policy.layers[0]!.params[0]!.init.args.gain).toBeCloseTo(Math.SQRT2, 12);
    const last = layer(policy, "4").params[0]!;
    expect(last.init).toMatchObject({
      family: "orthogonal",
      origin: "call",
      args: { gain: 0.01 },
    });
    expect(last.history).toHaveLength(2);
    expect(initOf(layer(model(file, "value"), "fc2"))).toBe("orthogonal/call");
  });
});

describe("parameter loops and in-place inits", () => {
  it("skips 1-D parameters under a p.dim() > 1 guard", () => {
    const m = model(describeFixture("transformer_param_loop.py"), "EncoderClassifier");
    const attn = layer(m, "attn");
    expect(attn.kind).toBe("attention");
    expect(attn.params.map((p) => `${p.name}:${p.init.family}/${p.init.origin}`)).toEqual([
      "in_proj_weight:xavier_uniform/loop",
      "in_proj_bias:zeros/default",
      "out_proj.weight:xavier_uniform/loop",
      "out_proj.bias:zeros/default",
    ]);
    expect(layer(m, "encoder").params.find((p) => p.name === "linear1.weight")?.shape).toEqual([
      1024, 256,
    ]);
  });

  it("records tensor-method inits as inplace", () => {
    const m = model(describeFixture("transformer_param_loop.py"), "EncoderClassifier");
    const embed = layer(m, "embed").params[0]!;
    expect(embed.init).toMatchObject({
      family: "normal",
      origin: "inplace",
      spelled: "self.embed.weight.data.normal_",
    });
    expect(embed.init.args).toEqual({ mean: 0, std: 1 / 16 });
    expect(layer(m, "head").params[0]!.init.args).toEqual({ low: -0.01, high: 0.01 });
    expect(initOf(layer(m, "head"), "bias")).toBe("zeros/inplace");
    expect(layer(m, "norm").params[0]!.init).toMatchObject({
      family: "constant",
      args: { value: 1 },
    });
    expect(layer(m, "act").activation).toMatchObject({ name: "leaky_relu", slope: 0.2 });
  });

  it("runs the base __init__ through super() in a subclass with its own forward", () => {
    const file = describeFixture("transformer_param_loop.py");
    const m = model(file, "ConvStemClassifier");
    expect(stack(m).slice(0, 2)).toEqual(["stem:conv", "leaky_relu@1:leaky_relu"]);
    expect(layer(m, "leaky_relu@1").activation?.slope).toBe(0.2);
    expect(layer(m, "stem").params[0]!.shape).toEqual([256, 16, 5]);
    expect(layer(m, "stem").groups).toBe(4);
    expect(layer(m, "relu@1").op).toBe("Tensor.relu");
    const head = layer(m, "head").params[0]!;
    expect(head.history?.map((h) => h.family)).toEqual([
      "xavier_uniform",
      "uniform",
      "xavier_normal",
    ]);
    expect(head.init.args.gain).toBeCloseTo(Math.sqrt(2 / 1.04), 12);
    expect(layer(m, "embed").outsideDataFlow).toBe(true);
    expect(file.gainCalls).toEqual([
      expect.objectContaining({
        nonlinearity: "leaky_relu",
        param: 0.2,
        layerId: "head",
        modelId: "ConvStemClassifier",
      }),
    ]);
  });
});

describe("init call facts", () => {
  it("names deprecated and unknown spellings and 1-D targets", () => {
    const file = describeFixture("init_spelling_faults.py");
    const facts = file.initCalls.map((c) => [
      c.spelled,
      c.family,
      c.deprecatedFor ?? null,
      c.unknownSuggestions ?? null,
      c.targetIs1d ?? null,
    ]);
    expect(facts).toEqual([
      ["nn.init.xavier_uniform", "xavier_uniform", "xavier_uniform_", null, null],
      [
        "nn.init.kaiming_norml_",
        "unknown",
        null,
        ["kaiming_normal_", "kaiming_uniform_"],
        null,
      ],
      ["nn.init.xavier_normal_", "xavier_normal", null, null, "unguarded-parameter-loop"],
      ["nn.init.trunc_normal_", "trunc_normal", null, null, null],
      ["nn.init.constant", "constant", "constant_", null, "bias"],
    ]);
    expect(file.initCalls[3]!.args).toEqual({ std: 0.02, truncLow: -0.04, truncHigh: 0.04 });
    expect(file.initCalls[1]!.calleeRange.start).toEqual(
      locate("init_spelling_faults.py", "nn.init.kaiming_norml_"),
    );
  });

  it("binds named_modules name matching and the unguarded loop to the layers", () => {
    const m = model(describeFixture("init_spelling_faults.py"), "AutoEncoder");
    expect(initOf(layer(m, "dec1"), "bias")).toBe("xavier_normal/loop");
    expect(initOf(layer(m, "dec2"))).toBe("trunc_normal/loop");
    expect(layer(m, "dec2").params[1]!.init.args).toEqual({ value: 0.1 });
    expect(stack(m)).toEqual([
      "enc1:linear",
      "relu@1:relu",
      "enc2:linear",
      "sigmoid@1:sigmoid",
      "dec1:linear",
      "relu@2:relu",
      "dec2:linear",
      "sigmoid@2:sigmoid",
    ]);
  });
});
