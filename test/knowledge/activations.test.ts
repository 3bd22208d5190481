/**
 * Activation factors, the calculate_gain table and the analytic prediction through stacks.
 */
import { describe, expect, it } from "vitest";
import {
  activationFactor,
  outputSecondMoment,
  saturatedFraction,
} from "../../server/src/knowledge/activations";
import {
  calculateGain,
  gainReplacement,
  isTorchGainName,
} from "../../server/src/knowledge/gains";
import { layerScale, predictChain, predictModel } from "../../server/src/knowledge/predict";
import { act, init, linear, mlp, model, norm } from "../rules/build";

const relu = { name: "relu" as const, spelled: "relu" };
const tanh = { name: "tanh" as const, spelled: "tanh" };

describe("activation factors", () => {
  it("halves the second moment through ReLU and keeps (1 + a^2)/2 through leaky ReLU", () => {
    expect(outputSecondMoment(relu, 3)).toBe(1.5);
    expect(activationFactor({ name: "leaky_relu", slope: 0.2, spelled: "" })).toBeCloseTo(
      0.52,
      9,
    );
  });

  it("is about 1 for tanh near zero and E[tanh(z)^2] at unit variance", () => {
    expect(activationFactor(tanh)).toBeCloseTo(1, 3);
    expect(outputSecondMoment(tanh, 1)).toBeCloseTo(0.3943, 3);
  });

  it("predicts saturation only for wide inputs", () => {
    expect(saturatedFraction(tanh, 2)).toBeLessThan(1e-10);
    expect(saturatedFraction(tanh, 100)).toBeCloseTo(0.3422, 3);
    expect(saturatedFraction(relu, 100)).toBeNull();
  });
});

describe("calculate_gain", () => {
  it("matches PyTorch's table", () => {
    expect(calculateGain("linear")).toBe(1);
    expect(calculateGain("conv2d")).toBe(1);
    expect(calculateGain("sigmoid")).toBe(1);
    expect(calculateGain("tanh")).toBeCloseTo(5 / 3, 12);
    expect(calculateGain("relu")).toBeCloseTo(Math.SQRT2, 12);
    expect(calculateGain("leaky_relu")).toBeCloseTo(Math.sqrt(2 / (1 + 0.0001)), 12);
    expect(calculateGain("leaky_relu", 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 12);
    expect(calculateGain("selu")).toBe(0.75);
  });

  it("rejects gelu and silu, and replaces them only with accepted names", () => {
    expect(calculateGain("gelu")).toBeNull();
    expect(isTorchGainName("silu")).toBe(false);
    expect(gainReplacement("gelu")?.name).toBe("relu");
    expect(gainReplacement("ReLU")).toEqual({ name: "relu", why: "the accepted spelling" });
    expect(gainReplacement("LeakyReLU")?.name).toBe("leaky_relu");
    expect(gainReplacement("frobnicate")).toBeNull();
  });
});

describe("variance prediction", () => {
  it("falls exactly 2^-12 over 12 square ReLU layers on Glorot with zero biases", () => {
    const steps = Array.from({ length: 12 }, () => ({
      multiplier: 1,
      biasVariance: 0,
      activation: relu,
    }));
    expect(predictChain(steps).at(-1)).toBe(2 ** -12);
  });

  it("derives the Glorot multiplier 1 of a square layer from its description", () => {
    const layer = linear("fc", 512, 512, {
      weight: init("xavier_uniform"),
      bias: init("zeros"),
    });
    expect(layerScale(layer, "pytorch")).toEqual({
      multiplier: 1,
      weight: { nominal: 1 / 512, realised: 1 / 512 },
      biasVariance: 0,
    });
  });

  it("leaves about 1.7e-8 of the variance after 10 PyTorch-default ReLU layers", () => {
    const layers = mlp(10, 512, { bias: init("zeros") });
    const prediction = predictModel(model(layers));
    expect(prediction.find((p) => p.layerId === "act9")?.outputMoment).toBeCloseTo(
      6 ** -10,
      15,
    );
    expect(6 ** -10).toBeCloseTo(1.65e-8, 10);
  });

  it("resets at norm layers and goes unknown past an opaque op", () => {
    const layers = [
      linear("fc0", 64, 64, { bias: init("zeros") }),
      act("a0", "relu"),
      norm("bn"),
      linear("fc1", 64, 64, { weight: init("kaiming_normal"), bias: init("zeros") }),
      act("a1", "relu"),
      { ...act("attn", "relu"), kind: "attention" as const, activation: undefined },
      linear("fc2", 64, 64),
    ];
    const byId = new Map(predictModel(model(layers)).map((p) => [p.layerId, p]));
    expect(byId.get("a0")?.outputMoment).toBeCloseTo(1 / 6, 12);
    expect(byId.get("bn")?.outputMoment).toBe(1);
    expect(byId.get("a1")?.outputMoment).toBeCloseTo(1, 12);
    expect(byId.get("fc2")?.preactVar).toBeNull();
  });
});
