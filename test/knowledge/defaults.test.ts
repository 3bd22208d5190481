/**
 * Per-framework defaults (KNOWLEDGE.md §2): what a parameter gets when the code says nothing.
 */
import { describe, expect, it } from "vitest";
import { frameworkDefault } from "../../server/src/knowledge/defaults";
import { initLabel } from "../../server/src/knowledge/initializers";
import { linear } from "../rules/build";

describe("framework defaults", () => {
  const dense = linear("fc", 64, 64);
  const lstm = { ...dense, kind: "lstm" as const };
  const embed = { ...dense, kind: "embedding" as const, outFeatures: 256 };

  it("gives each framework its kernel default", () => {
    const families = (["pytorch", "keras", "tfjs", "flax"] as const).map(
      (fw) => frameworkDefault(fw, dense, "weight").family,
    );
    expect(families).toEqual([
      "torch_default",
      "xavier_uniform",
      "xavier_normal",
      "lecun_normal",
    ]);
    expect(initLabel(frameworkDefault("tfjs", dense, "weight"))).toBe(
      "TF.js's default glorotNormal",
    );
  });

  it("gives biases, recurrent kernels and embeddings their defaults", () => {
    expect(frameworkDefault("pytorch", dense, "bias").family).toBe("torch_default_bias");
    expect(frameworkDefault("keras", dense, "bias").family).toBe("zeros");
    expect(frameworkDefault("pytorch", lstm, "recurrentWeight").family).toBe(
      "torch_rnn_default",
    );
    expect(frameworkDefault("keras", lstm, "recurrentWeight").family).toBe("orthogonal");
    expect(frameworkDefault("pytorch", embed, "embedding").args).toEqual({ mean: 0, std: 1 });
    expect(frameworkDefault("tfjs", embed, "embedding").args).toEqual({
      low: -0.05,
      high: 0.05,
    });
    expect(frameworkDefault("flax", embed, "embedding").args.std).toBeCloseTo(1 / 16, 12);
  });
});
