/**
 * The probe end to end through the real worker thread, on hand-built descriptions: what it
 * measures on known architectures, the checks it raises, sampling, and the layers it runs.
 */
import { describe, expect, it } from "vitest";
import { init, mlp, model } from "./build";
import { probeOk, weighted } from "./harness";

describe("probe measurements", () => {
  it("keeps a He-initialised ReLU MLP's variance steady and raises nothing", async () => {
    const m = mlp({
      name: "he",
      depth: 6,
      width: 256,
      activation: "relu",
      weight: () => init("kaiming_normal"),
      bias: init("zeros"),
    });
    const r = (await probeOk([m], { batch: 256 })).models[0]!;
    const pre = weighted(r).map((l) => l.preactVar!);
    // fan_in·Var(W)·E[x²] = 256·(2/256)·1 = 2 at the first layer, and 2 after every ReLU.
    for (const v of pre) (expect(v).toBeGreaterThan(1.4), expect(v).toBeLessThan(2.9));
    expect(r.findings).toEqual([]);
    expect(weighted(r)[0]!.initializer).toBe("kaiming_normal_(leaky_relu, fan_in)");
    expect(weighted(r)[0]!.activation).toBe("relu");
  });

  it("matches the closed form of PyTorch's default on a ReLU MLP and raises IL101", async () => {
    const m = mlp({ name: "default", depth: 8, width: 256, activation: "relu" });
    const r = (await probeOk([m], { batch: 512 })).models[0]!;
    const pre = weighted(r).map((l) => l.preactVar!);
    // Var(z_1) = fan·Var(W)·E[x²] + Var(b) = 1/3 + 1/768; after each ReLU E[x²] = Var(z)/2,
    // so Var(z_{l+1}) = Var(z_l)/6 + 1/768: a 6-fold fall down to the bias's floor.
    let expected = 1 / 3 + 1 / 768;
    for (const v of pre) {
      expect(Math.abs(v / expected - 1)).toBeLessThan(0.25);
      expected = expected / 6 + 1 / 768;
    }
    const il101 = r.findings.find((f) => f.code === "IL101");
    expect(il101?.severity).toBe("warning");
    expect(r.layers[0]!.weightVarNominal).toBeCloseTo(1 / (3 * 256), 10);
  });

  it("raises IL102 on a layer whose large negative bias kills its ReLUs", async () => {
    const m = model("dead", "pytorch", [
      {
        kind: "linear",
        in: 64,
        out: 64,
        weight: init("kaiming_normal"),
        bias: init("constant", { value: -10 }),
      },
      { kind: "activation", activation: "relu" },
      { kind: "linear", in: 64, out: 10 },
    ]);
    const r = (await probeOk([m], { batch: 128 })).models[0]!;
    expect(r.layers[0]!.deadFraction).toBe(1);
    expect(r.findings.map((f) => `${f.code} ${f.line}`)).toContain("IL102 10");
  });

  it("measures saturated tanh inputs, and raises IL103 only when units stay saturated", async () => {
    const wide = model("wide", "pytorch", [
      { kind: "linear", in: 1024, out: 256, weight: init("normal", { std: 1 }) },
      { kind: "activation", activation: "tanh" },
    ]);
    const biased = model("biased", "pytorch", [
      {
        kind: "linear",
        in: 64,
        out: 256,
        weight: init("normal", { std: 0.01 }),
        bias: init("normal", { std: 100 }),
      },
      { kind: "activation", activation: "tanh" },
    ]);
    const [a, b] = (await probeOk([wide, biased], { batch: 128 })).models;
    // std 32: |x| > 9.5 on about 77 % of inputs, but every unit is unsaturated on some samples.
    expect(Math.abs(a!.layers[0]!.saturatedFraction! - 0.77)).toBeLessThan(0.05);
    expect(a!.findings).toEqual([]);
    // A bias of std 100 pins about 92 % of the units beyond ±9.5 on every sample.
    expect(b!.layers[0]!.saturatedUnitFraction!).toBeGreaterThan(0.8);
    expect(b!.findings.map((f) => f.code)).toEqual(["IL103"]);
  });

  it("raises IL104 when the gradient vanishes through a deep default tanh-free stack", async () => {
    const m = mlp({
      name: "deep",
      depth: 24,
      width: 128,
      activation: "relu",
      weight: () => init("normal", { std: 0.01 }),
      bias: null,
    });
    const r = (await probeOk([m], { batch: 64 })).models[0]!;
    expect(r.findings.some((f) => f.code === "IL104")).toBe(true);
    expect(weighted(r)[0]!.gradVar!).toBeLessThan(1e-20);
  });

  it("raises IL105 on an overflow and IL106 on an all-zero hidden layer", async () => {
    const inf = model("inf", "pytorch", [
      {
        kind: "linear",
        in: 64,
        out: 64,
        weight: init("constant", { value: 1e38 }),
        bias: null,
      },
    ]);
    const zero = model("zero", "pytorch", [
      { kind: "linear", in: 64, out: 64, weight: init("zeros"), bias: init("zeros") },
      { kind: "activation", activation: "relu" },
      { kind: "linear", in: 64, out: 10 },
    ]);
    const [a, b] = (await probeOk([inf, zero], { batch: 32 })).models;
    expect(a!.findings.map((f) => `${f.code} ${f.severity}`)).toContain("IL105 error");
    expect(b!.findings.map((f) => `${f.code} ${f.severity} ${f.line}`)).toContain(
      "IL106 warning 10",
    );
  });

  it("samples output units of a layer over the memory budget and still measures its variance", async () => {
    const m = model("wide", "pytorch", [
      {
        kind: "linear",
        in: 4096,
        out: 4096,
        weight: init("kaiming_normal", { nonlinearity: "linear" }),
        bias: null,
      },
      {
        kind: "linear",
        in: 4096,
        out: 16,
        weight: init("kaiming_normal", { nonlinearity: "linear" }),
        bias: null,
      },
    ]);
    // 16 MB holds 1024 of the 4096 rows of 4096 floats.
    const r = (await probeOk([m], { batch: 64, memoryBudgetMB: 16 })).models[0]!;
    expect(r.layers[0]!.sampled).toBe(true);
    expect(r.layers[1]!.sampled).toBe(true);
    expect(Math.abs(r.layers[0]!.preactVar! - 1)).toBeLessThan(0.1);
    expect(Math.abs(r.layers[1]!.preactVar! - 1)).toBeLessThan(0.35);
    // The full net's input gradients: 16 · (1/4096) · Var(r) at both layers, r standard
    // normal. Sampling the first layer's outputs must neither inflate the second layer's
    // gradient (by the forward rescaling's 4096 / 1024) nor shrink the first's.
    for (const layer of r.layers) {
      expect(Math.abs(layer.gradVar! / (16 / 4096) - 1)).toBeLessThan(0.25);
    }
  });
});

describe("probe layers", () => {
  it("runs a small conv net with pooling, batch norm, flatten and a residual add", async () => {
    const m = model(
      "convnet",
      "pytorch",
      [
        {
          kind: "conv",
          in: 3,
          out: 8,
          weight: init("kaiming_normal"),
          extra: { spatialDims: 2, kernelSize: [3] },
        },
        { kind: "norm", in: 8, out: 8, extra: { norm: "batch" } },
        { kind: "activation", activation: "relu" },
        { kind: "conv", in: 8, out: 8, extra: { spatialDims: 2, kernelSize: [3, 3] } },
        { kind: "add", extra: { addFrom: "act2" } },
        { kind: "pooling", extra: { op: "nn.MaxPool2d", kernelSize: [2] } },
        { kind: "flatten" },
        { kind: "linear", in: 8 * 4 * 4, out: 10 },
      ],
      [3, 8, 8],
    );
    const r = (await probeOk([m], { batch: 32 })).models[0]!;
    expect(r.layers.map((l) => l.error ?? "ok")).toEqual(Array(7).fill("ok"));
    const bn = r.layers.find((l) => l.kind === "norm")!;
    expect(bn.preactVar!).toBeCloseTo(1, 2);
    expect(r.layers.at(-1)!.fanIn).toBe(128);
    expect(r.layers.every((l) => l.gradVar !== null && l.gradVar > 0)).toBe(true);
  });

  it("runs an LSTM over token embeddings, a GRU and an Elman RNN", async () => {
    const lstm = model("lstm", "pytorch", [
      { kind: "embedding", out: 32, extra: { numEmbeddings: 1000 } },
      { kind: "lstm", in: 32, out: 64, extra: { hiddenSize: 64 } },
      { kind: "linear", in: 64, out: 2 },
    ]);
    const gru = model("gru", "keras", [
      { kind: "gru", in: 16, out: 32, extra: { hiddenSize: 32 } },
    ]);
    const rnn = model("rnn", "pytorch", [
      {
        kind: "rnn",
        in: 16,
        out: 32,
        extra: { hiddenSize: 32, numLayers: 2, bidirectional: true },
      },
    ]);
    const res = await probeOk([lstm, gru, rnn], { batch: 32 });
    for (const mr of res.models)
      expect(mr.layers.map((l) => l.error ?? "ok")).toEqual(mr.layers.map(() => "ok"));
    const emb = res.models[0]!.layers[0]!;
    expect(emb.weightVarNominal).toBe(1);
    expect(res.models[0]!.layers[1]!.initializer).toBe("uniform_(±1/√64)");
    expect(res.models[0]!.layers[1]!.gradVar).toBeGreaterThan(0);
  });

  it("reports a layer it cannot build and continues where the shape allows", async () => {
    const m = model("attn", "pytorch", [
      { kind: "linear", in: 32, out: 32 },
      { kind: "attention", in: 32, out: 32 },
      { kind: "linear", in: 32, out: 4 },
    ]);
    const r = (await probeOk([m], { batch: 16 })).models[0]!;
    expect(r.layers[1]!.error).toBe("the probe cannot build attention (attention)");
    expect(r.layers[2]!.preactVar).not.toBeNull();
  });

  it("says how to give the input shape when the description cannot resolve it", async () => {
    const m = model("conv_only", "pytorch", [
      { kind: "conv", in: 3, out: 8, extra: { spatialDims: 2, kernelSize: [3] } },
    ]);
    const r = (await probeOk([m])).models[0]!;
    expect(r.error).toContain('add a comment "# initlint: input-shape=(3, 32, 32)"');
  });
});
