/**
 * Var(W) in each framework's exact semantics, checked against the numbers in the
 * frameworks' sources (KNOWLEDGE.md §1-2).
 */
import { describe, expect, it } from "vitest";
import { initializerFans, weightShape } from "../../server/src/knowledge/fans";
import {
  initScheme,
  TWO_SIGMA_KEPT,
  weightVariance,
} from "../../server/src/knowledge/initializers";
import {
  TRUNCATION_STD_CORRECTION,
  truncatedNormalVariance,
} from "../../server/src/knowledge/normal";
import { init, linear } from "../rules/build";

describe("fans", () => {
  it("reads PyTorch's (out, in, *k) layout", () => {
    expect(initializerFans([64, 32, 3, 3], "pytorch")).toEqual({ fanIn: 288, fanOut: 576 });
  });

  it("reads the (*k, in, out) layout of Keras, TF.js and JAX", () => {
    expect(initializerFans([3, 3, 32, 64], "keras")).toEqual({ fanIn: 288, fanOut: 576 });
  });

  it("refuses PyTorch tensors under 2-D and unknown dims", () => {
    expect(initializerFans([128], "pytorch")).toBeNull();
    expect(initializerFans([128, null], "pytorch")).toBeNull();
  });

  it("swaps fans for PyTorch transposed convs and ignores groups in fan_out", () => {
    const convT = {
      ...linear("up", 64, 32),
      kind: "convTranspose" as const,
      kernelSize: [4, 4],
    };
    expect(initializerFans(weightShape(convT, "pytorch"), "pytorch")).toEqual({
      fanIn: 32 * 16,
      fanOut: 64 * 16,
    });
    const grouped = {
      ...linear("g", 64, 64),
      kind: "conv" as const,
      kernelSize: [3, 3],
      groups: 4,
    };
    expect(initializerFans(weightShape(grouped, "pytorch"), "pytorch")).toEqual({
      fanIn: 16 * 9,
      fanOut: 64 * 9,
    });
  });
});

describe("PyTorch", () => {
  it("gives the Linear default Var 1/(3 fan_in)", () => {
    const v = weightVariance(init("torch_default", {}, { origin: "default" }), {
      shape: [512, 512],
    });
    expect(v?.realised).toBeCloseTo(1 / (3 * 512), 12);
  });

  it("gives the default bias the weight's 1/(3 fan_in)", () => {
    const bias = init("torch_default_bias", {}, { origin: "default" });
    const v = weightVariance(bias, { shape: [256], weightShape: [256, 100] });
    expect(v?.realised).toBeCloseTo(1 / 300, 12);
  });

  it("uses the leaky_relu gain with a=0 for a bare kaiming call", () => {
    const v = weightVariance(init("kaiming_normal"), { shape: [128, 256] });
    expect(v?.realised).toBeCloseTo(2 / 256, 12);
  });

  it("honours mode='fan_out' and nonlinearity='tanh'", () => {
    const fanOut = weightVariance(init("kaiming_normal", { mode: "fan_out" }), {
      shape: [128, 256],
    });
    expect(fanOut?.realised).toBeCloseTo(2 / 128, 12);
    const tanh = weightVariance(init("kaiming_uniform", { nonlinearity: "tanh" }), {
      shape: [64, 64],
    });
    expect(tanh?.realised).toBeCloseTo(25 / 9 / 64, 12);
  });

  it("refuses a gain name PyTorch rejects", () => {
    expect(
      weightVariance(init("kaiming_normal", { nonlinearity: "gelu" }), { shape: [8, 8] }),
    ).toBe(null);
  });

  it("scales Xavier by gain^2 * 2 / (fan_in + fan_out)", () => {
    const v = weightVariance(init("xavier_uniform", { gain: Math.SQRT2 }), {
      shape: [100, 300],
    });
    expect(v?.realised).toBeCloseTo((2 * 2) / 400, 12);
  });

  it("does not correct trunc_normal_, whose bounds are absolute", () => {
    const v = weightVariance(init("trunc_normal", { std: 0.02 }), { shape: [10, 10] });
    // Bounds of +-2 are 100 std away: nothing is cut off.
    expect(v?.realised).toBeCloseTo(0.0004, 10);
    const unit = weightVariance(init("trunc_normal", {}), { shape: [10, 10] });
    expect(unit?.realised).toBeCloseTo(0.7737, 4);
  });

  it("gives orthogonal gain^2 / max(rows, cols)", () => {
    const v = weightVariance(init("orthogonal", { gain: 2 }), { shape: [64, 256] });
    expect(v?.realised).toBeCloseTo(4 / 256, 12);
  });

  it("defaults normal_ to std 1 and uniform_ to U(0, 1)", () => {
    expect(weightVariance(init("normal"), { shape: [4, 4] })?.realised).toBe(1);
    expect(weightVariance(init("uniform"), { shape: [4, 4] })?.realised).toBeCloseTo(
      1 / 12,
      12,
    );
  });
});

describe("Keras, TF.js and Flax", () => {
  it("corrects Keras's truncated normal so he_normal realises 2 / fan_in", () => {
    const he = init("kaiming_normal", {}, { framework: "keras" });
    expect(weightVariance(he, { shape: [256, 128] })).toEqual({
      nominal: 2 / 256,
      realised: 2 / 256,
    });
    expect(TRUNCATION_STD_CORRECTION ** 2).toBeCloseTo(truncatedNormalVariance(-2, 2), 6);
  });

  it("leaves TF.js's truncated normals at 0.774 of their nominal variance", () => {
    expect(TWO_SIGMA_KEPT).toBeCloseTo(0.7737, 4);
    const glorot = init("xavier_normal", {}, { framework: "tfjs", origin: "default" });
    const v = weightVariance(glorot, { shape: [128, 128] });
    expect(v?.nominal).toBeCloseTo(1 / 128, 12);
    expect(v?.realised).toBeCloseTo(0.7737 / 128, 6);
    expect(v?.uncorrectedTruncation).toBe(true);
    const uniform = init("kaiming_uniform", {}, { framework: "tfjs" });
    expect(weightVariance(uniform, { shape: [128, 128] })?.realised).toBeCloseTo(2 / 128, 12);
  });

  it("uses Keras's 0.05 and Flax's 0.01 default stds", () => {
    const keras = init("normal", {}, { framework: "keras" });
    expect(weightVariance(keras, { shape: [4, 4] })?.realised).toBeCloseTo(0.0025, 12);
    const flax = init("normal", {}, { framework: "flax" });
    expect(weightVariance(flax, { shape: [4, 4] })?.realised).toBeCloseTo(0.0001, 12);
  });

  it("reads variance scaling as the scheme it amounts to", () => {
    const he = init("variance_scaling", { scale: 2, mode: "fan_in" }, { framework: "keras" });
    expect(initScheme(he)).toBe("he");
    expect(weightVariance(he, { shape: [3, 3, 16, 32] })?.realised).toBeCloseTo(2 / 144, 12);
    const glorot = init(
      "variance_scaling",
      { scale: 1, mode: "fan_avg" },
      { framework: "flax" },
    );
    expect(initScheme(glorot)).toBe("glorot");
    expect(initScheme(init("kaiming_normal", { nonlinearity: "linear" }))).toBe("lecun");
  });
});
